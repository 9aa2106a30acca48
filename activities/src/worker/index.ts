// The worker entry of @argus/activities: every activity, the analyzers and the Temporal worker. Only the
// worker process, workflow types and tests import it; the API must not (a lint rule enforces it).
export { createActivities, createActivityDeps, type Activities, type ActivityDeps } from '../activities';
export { createDbActivities, type UsageEvent } from '../db';
export * from '../fixes/index';
export { createAnalysisActivities, DEFAULT_LIMITS, type RunContext, type RegisterRunInput, type AnalysisLimits } from '../analysis';
export { createOctokitFactory, type OctokitFor, type GitHubAppConfig } from '../github';
export { checkoutCommit, git } from '../git';
export { publishEvent } from '../events';
export { createArgusWorker, type ArgusWorkerOptions } from './create-worker';
export { ensureWorkerSchedules } from './schedules';
