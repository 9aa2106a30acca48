export { createKnex, type Knex } from './knex';
export { migrateToLatest } from './migrate';
export { startEmbeddedPostgres, ensureDatabase } from './embedded-postgres';
export { SECRET_KEY_PATTERN } from './redact';
export type { Page, SortColumns } from './paging';
export type { Db } from './knex';

// One module per table or aggregate: its Objection model and the queries the rest of Argus calls by name.
// Outside db/, no code names a table (a lint rule enforces it); each table has exactly one writing module.
export * from './tables/analysis-runs';
export * from './tables/users';
export * from './tables/sessions';
export * from './tables/api-tokens';
export * from './tables/workspaces';
export * from './tables/invitations';
export * from './tables/staff-grants';
export * from './tables/activity-log';
export * from './tables/outbox-emails';
export * from './tables/system-log';
export * from './tables/repositories';
export * from './tables/github-installations';
export * from './tables/findings';
export * from './tables/fixes';
export * from './tables/webhook-deliveries';
export * from './tables/usage-events';
export * from './tables/probe-results';
export * from './tables/workspace-ai-keys';
export * from './tables/subscription-tiers';
export * from './tables/subscriptions';
export * from './tables/usage-records';
export * from './tables/invoices';
export * from './tables/payment-methods';
export * from './tables/billing-credits';
export * from './tables/stripe-events';
export * from './tables/rate-limits';
