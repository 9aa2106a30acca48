export { createKnex, type DbConfig, type Knex } from './knex';
export { migrateToLatest, rollbackAll } from './migrate';
export { startEmbeddedPostgres, ensureDatabase, type EmbeddedPostgresHandle } from './embedded-postgres';
export { User } from './models/User';
export { Workspace } from './models/Workspace';
export { WorkspaceMember } from './models/WorkspaceMember';
