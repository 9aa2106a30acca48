export { createKnex, type DbConfig, type Knex } from './knex';
export { migrateToLatest, rollbackAll } from './migrate';
export { startEmbeddedPostgres, ensureDatabase, type EmbeddedPostgresHandle } from './embedded-postgres';
export { User } from './models/User';
export { Workspace } from './models/Workspace';
export { WorkspaceMember } from './models/WorkspaceMember';
export type { Db } from './knex';

// One module per table or aggregate: its Objection model and the queries the rest of Argus calls by name.
// Outside db/, no code names a table (a lint rule enforces it); each table has exactly one writing module.
export * from './tables/analysis-runs';
