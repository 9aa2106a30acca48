// The one path the worker bundles: workflow functions and their queries. Shared types live in ./contract.
export { probeReadiness } from './probe-readiness';
export { analyzeRepository, phaseQuery } from './analyze-repository';
export { generateFix, fixPhaseQuery } from './generate-fix';
export { fixToPullRequest, pullRequestPhaseQuery } from './fix-to-pull-request';
export { reconcileWebhookDeliveries } from './reconcile-webhook-deliveries';
export { indexSearchOutbox } from './search-indexing';
export { reindexSearch } from './search-reindex';
export type * from './contract';
export {
  subscriptionLifecycle,
  subscriptionStateQuery,
  changePlanUpdate,
  cancelSubscriptionUpdate,
  reactivateSubscriptionUpdate,
  retryPaymentUpdate,
  paymentSettledSignal,
  refreshSubscriptionSignal,
} from './subscription-lifecycle';
export { invoiceDueSubscriptions } from './invoice-due-subscriptions';
export { aggregateAnalytics } from './analytics-aggregation';
