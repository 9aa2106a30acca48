// The worker entry of @argus/activities: every activity, the analyzers and the Temporal worker. Only the
// worker process, workflow types and tests import it; the API must not (a lint rule enforces it).
export type { Activities } from '../activities';
export type { FixFailureType } from '../fixes/types';
export { DEFAULT_LIMITS } from '../analysis';
export { publishEvent } from '../events';
export { createArgusWorker } from './create-worker';
export { ensureInvoicingSchedule } from './billing-schedule';
export { ensureAnalyticsSchedules } from '../analytics/analytics-schedule';
export { closeBillingPeriod, TierCache } from '../billing/engine';
