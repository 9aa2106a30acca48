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
export { createMailer, type Mailer, type OutgoingMail } from './mailer';
