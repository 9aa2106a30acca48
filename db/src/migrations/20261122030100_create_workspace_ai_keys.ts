import type { Knex } from 'knex';

// Workspaces' own LLM keys, sealed with the platform SecretBox (context `workspace:<id>:<provider>`); never returned.
export async function up(knex: Knex) {
  await knex.schema.createTable('workspace_ai_keys', (t) => {
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('provider').notNullable().checkIn(['groq', 'anthropic']);
    t.text('key_sealed').notNullable();
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamps(true, true);
    t.primary(['workspace_id', 'provider']);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('workspace_ai_keys');
}
