// The platform entry of @argus/activities: what any Argus process (the API included) may load. It pulls in no
// analyzer, no LLM SDK and no Temporal worker; those are behind '@argus/activities/worker'.
export * from './config';
export * from './secrets';
export * from './sentry';
export * from './scrub';
export * from './logger';
export * from './metrics';
export * from './ssrf';
export * from './llm-settings';
export * from './github-app';
export { createMailer, type Mailer, type OutgoingMail } from './mailer';
export { publishEvent } from '../events';
export { hasBuiltinFix } from './builtin-fixes';
export { formatMailDate } from './mail-format';
export * from '../billing/pricing';
export { billingSettings, createStripeClient, type BillingSettings } from '../billing/settings';
export { previewPlanChange, snapshotOf, TierCache, type PlanPreview } from '../billing/engine';
export { BillingError, createSetupIntent, detachPaymentMethod, ensureStripeCustomer, refundInvoice, savePaymentMethod } from '../billing/payments';
export { renderInvoicePdf } from '../billing/invoice-pdf';
export { reencryptSecrets, type ReencryptResult } from './reencrypt';
export { isSafeRelativePath } from './paths';
export { checkQuota, type QuotaDecision, type QuotaMetric } from '../billing/quotas';
export { allRuleDocs, ruleDoc, type RuleDoc, type RuleLanguage } from '../analyzers/rules/catalogue';
export { FileClassifier, FILE_ROLES, type FileRole } from '../analyzers/classify';
export { createTypesenseClient, searchTypesense, type TypesenseClient } from '../search/typesense';
