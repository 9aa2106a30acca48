import type { Knex } from 'knex';

// Seed 004's support_ticket and ticket_message, plus canned_response (the support admins' reply templates).
// A ticket belongs to a workspace (its members see it, nobody else); the opener and senders are kept as ids that
// go null when the user is deleted, so the conversation outlives the account.
const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
const TICKET_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;

export async function up(knex: Knex) {
  await knex.schema.createTable('support_ticket', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.uuid('user_id').references('users.id').onDelete('SET NULL');
    t.text('subject').notNullable();
    t.text('description').notNullable();
    t.text('priority').notNullable().defaultTo('medium').checkIn([...TICKET_PRIORITIES]);
    t.text('status').notNullable().defaultTo('open').checkIn([...TICKET_STATUSES]);
    t.uuid('assigned_to').references('users.id').onDelete('SET NULL');
    // Optional link to what the customer is asking about.
    t.uuid('run_id').references('analysis_runs.id').onDelete('SET NULL');
    t.uuid('finding_id').references('findings.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // SLA: age counts from created_at until the first staff reply, then until resolution.
    t.timestamp('first_response_at', { useTz: true });
    t.timestamp('last_message_at', { useTz: true });
    t.timestamp('resolved_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.index(['status', 'priority']);
    t.index(['assigned_to', 'status']);
    t.index(['workspace_id', 'created_at']);
    t.index(['created_at']);
  });
  await knex.raw(`alter table support_ticket add constraint support_ticket_subject_length check (char_length(subject) between 1 and 255)`);
  // A short number people can say on the phone ("ticket 1042"); the uuid stays the key.
  await knex.raw(`alter table support_ticket add column number bigint generated always as identity (start with 1001) unique`);

  await knex.schema.createTable('ticket_message', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('ticket_id').notNullable().references('support_ticket.id').onDelete('CASCADE');
    t.uuid('sender_id').references('users.id').onDelete('SET NULL');
    // Who wrote it as, at the time: a customer or staff. Staff replies are what SLA and e-mail key on.
    t.text('sender_kind').notNullable().checkIn(['customer', 'staff']);
    // Internal notes are visible only to staff; the customer's API never returns them.
    t.boolean('internal').notNullable().defaultTo(false);
    t.text('content').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['ticket_id', 'created_at']);
  });
  await knex.raw(`alter table ticket_message add constraint ticket_message_notes_are_staff check (not internal or sender_kind = 'staff')`);

  await knex.schema.createTable('canned_response', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('title').notNullable().unique();
    t.text('body').notNullable();
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamps(true, true);
  });
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('canned_response');
  await knex.schema.dropTable('ticket_message');
  await knex.schema.dropTable('support_ticket');
}
