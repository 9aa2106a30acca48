// The one path the worker bundles: re-exports only.
export { probeReadiness } from './probe-readiness';
export { analyzeRepository, phaseQuery, type AnalyzeRepositoryInput, type AnalyzeRepositoryResult } from './analyze-repository';
export { generateFix, fixPhaseQuery, type GenerateFixInput, type GenerateFixResult } from './generate-fix';
export { fixToPullRequest, pullRequestPhaseQuery, type FixToPullRequestInput, type FixToPullRequestResult } from './fix-to-pull-request';
export { reconcileWebhookDeliveries } from './reconcile-webhook-deliveries';
