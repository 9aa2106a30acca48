// The portal's names for the API's shapes. Every definition comes from ./schema.gen.ts, which
// `npm run generate:api-types` generates from the API's OpenAPI document (its zod schemas); nothing here is
// copied by hand. Dates arrive as ISO strings.
import type { components, QueryParams, ResponseBody } from './schema.gen';

export type { RequestBody, ResponseBody } from './schema.gen';

type Schemas = components['schemas'];

// Accounts and workspaces

export type Session = ResponseBody<'/api/auth/login', 'post'>;
export type User = Session['user'];
export type Me = Schemas['Me'];
/** The account page's view of the signed-in user (with an e-mail change awaiting confirmation). */
export type Account = Schemas['Account'];
export type AccountUser = Schemas['AccountUser'];
export type AccountSession = Schemas['AccountSession'];
export type AccountSessions = Schemas['AccountSessions'];
export type Workspace = ResponseBody<'/api/teams/{teamId}', 'get'>;
export type WorkspaceRole = Workspace['role'];
export type Member = ResponseBody<'/api/teams/{teamId}/members', 'get'>[number];
export type Invitation = ResponseBody<'/api/teams/{teamId}/invitations', 'get'>[number];
export type InvitationStatus = Invitation['status'];
/** What an invitation link invites to, shown before it is accepted. */
export type InvitationPreview = Schemas['InvitationPreview'];
export type ActivityPage = ResponseBody<'/api/teams/{teamId}/activity', 'get'>;
export type Activity = ActivityPage['items'][number];
export type ApiToken = ResponseBody<'/api/tokens', 'get'>[number];
export type CreatedApiToken = ResponseBody<'/api/tokens', 'post', 201>;
export type PublicConfig = ResponseBody<'/api/public-config', 'get'>;

// Repositories, runs and findings

export type Severity = Schemas['Severity'];
export type Category = Schemas['Category'];
export type RunStatus = Schemas['RunStatus'];
export type RunTrigger = Schemas['RunTrigger'];
export type Repository = Schemas['Repository'];
export type RepositoryAnalysisSettings = Schemas['RepositoryAnalysisSettings'];
export type RepositoryPage = Schemas['RepositoryPage'];
export type AnalysisStarted = Schemas['AnalysisStarted'];
/** What the worker reports while a run is in flight; every field is optional. */
export type RunProgress = Schemas['RunProgress'];
export type RunSummary = Schemas['RunSummary'];
/**
 * A run. The HTTP answers always name its repository, but the WebSocket snapshot of a single run
 * (live/live.api.ts) comes without repositoryName, and the portal caches both alike.
 */
export type Run = Omit<Schemas['Run'], 'repositoryName'> & Partial<Pick<Schemas['Run'], 'repositoryName'>>;
export type RunPage = Schemas['RunPage'];
export type TriageStatus = Schemas['TriageStatus'];
/** The findings list's status filter: a triage status, or suppressed in the source. */
export type FindingStatus = NonNullable<QueryParams<'/api/runs/{runId}/findings', 'get'>['status']>;
export type Finding = Schemas['Finding'];
export type FindingsPage = Schemas['FindingsPage'];
export type SarifImportResult = Schemas['SarifImportResult'];
export type FileRole = Schemas['FileRole'];
export type FlowStep = Schemas['FlowStep'];
export type RuleDoc = Schemas['RuleDoc'];
export type RuleLanguage = RuleDoc['language'];
export type RulesPage = Schemas['RulesPage'];

// Fixes. A finding's id is the seed's "result id".

export type FixProvider = Schemas['FixProvider'];
export type AiProvider = Schemas['AiProvider'];
export type FixStatus = Schemas['FixStatus'];
export type Fix = Schemas['Fix'];
export type FixPage = Schemas['FixPage'];
export type FindingFixes = Schemas['FindingFixes'];
export type CreatePullRequestResult = Schemas['CreatePullRequestResult'];
export type BatchPullRequestResult = Schemas['BatchPullRequestResult'];
export type AiKeyStatus = Schemas['AiKeyStatus'];
export type AiKeys = Schemas['AiKeys'];
export type AiKeySet = Schemas['AiKeySet'];

/** An RFC 9457 problem+json error answer. */
export type Problem = Schemas['Problem'];

// Billing (money is integer cents; a null limit is unlimited)

export type Tier = Schemas['Tier'];
export type Subscription = Schemas['Subscription'];
export type SubscriptionChange = Schemas['SubscriptionChange'];
export type PlanPreview = Schemas['PlanPreview'];
export type Usage = Schemas['Usage'];
export type UsageMeter = Schemas['UsageMeter'];
export type InvoiceStatus = Schemas['InvoiceStatus'];
export type Invoice = Schemas['Invoice'];
export type InvoicePage = Schemas['InvoicePage'];
export type PaymentRetry = Schemas['PaymentRetry'];
export type PaymentMethod = Schemas['PaymentMethod'];
export type PaymentMethodList = Schemas['PaymentMethodList'];
export type SetupIntent = Schemas['SetupIntent'];
