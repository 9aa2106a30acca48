// Shapes from docs/api-contract.md. Dates arrive as ISO strings.

export type StaffRole = 'super_admin' | 'billing_admin' | 'support_admin' | 'analytics_admin';
export type WorkspaceRole = 'admin' | 'developer' | 'viewer';

export const WORKSPACE_ROLES: readonly WorkspaceRole[] = ['admin', 'developer', 'viewer'];

export interface User {
  id: string;
  email: string;
  name: string;
  emailVerifiedAt: string | null;
  staffRole: StaffRole | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  user: User;
}

export interface Workspace {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  kind: 'personal' | 'team';
  role: WorkspaceRole;
  memberCount: number;
  settings: { maxRepositories: number; maxConcurrentRuns: number };
}

export interface Me {
  user: User;
  workspaces: Workspace[];
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  joinedAt: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  email: string;
  role: WorkspaceRole;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
  invitedBy: { id: string; name: string } | null;
}

export interface Activity {
  id: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ApiToken {
  id: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  role: WorkspaceRole;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export type CreatedApiToken = ApiToken & { token: string };

export interface PublicConfig {
  sentryDsn: string | null;
  environment: string | null;
  release: string | null;
  temporalUiUrl: string | null;
}

// Repositories, runs and findings (docs/api-contract.md, "Repositories, runs and findings").

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** Most severe first, the order the API sorts findings in. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type Category = 'security' | 'bug' | 'performance' | 'maintainability' | 'style';
export const CATEGORIES: readonly Category[] = ['security', 'bug', 'performance', 'maintainability', 'style'];

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled'];

export type RunTrigger = 'push' | 'pull_request' | 'manual' | 'schedule';

export interface RepositoryLastRun {
  id: string;
  status: RunStatus;
  gatePassed: boolean | null;
  createdAt: string;
}

export interface Repository {
  id: string;
  workspaceId: string;
  provider: 'github' | 'git';
  fullName: string;
  cloneUrl: string;
  defaultBranch: string;
  hasCredential: boolean;
  analysisSchedule: string | null;
  createdAt: string;
  lastRun: RepositoryLastRun | null;
}

/** What the worker reports while a run is in flight; every field is optional. */
export interface RunProgress {
  phase?: string;
  filesDone?: number;
  filesTotal?: number;
  detail?: string;
}

export interface GateCondition {
  severity: Severity;
  maxNew: number;
  actualNew: number;
  passed: boolean;
}

export interface Gate {
  passed: boolean;
  conditions: GateCondition[];
}

export interface RunSummary {
  total: number;
  open: number;
  new: number;
  suppressed: number;
  triaged: number;
  bySeverity: Record<Severity, number>;
  byCategory: Record<Category, number>;
  newBySeverity: Record<Severity, number>;
}

export interface ConfigError {
  path: string;
  message: string;
}

export interface Run {
  id: string;
  workspaceId: string;
  repositoryId: string;
  /** Absent in the WebSocket snapshot of a single run. */
  repositoryName?: string;
  workflowId: string;
  temporalUrl: string;
  trigger: RunTrigger;
  ref: string | null;
  commitSha: string | null;
  baseSha: string | null;
  pullRequestNumber: number | null;
  status: RunStatus;
  progress: RunProgress;
  summary: RunSummary | null;
  gate: Gate | null;
  configErrors: ConfigError[];
  isBaseline: boolean;
  comparedToRunId: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type TriageStatus = 'open' | 'false_positive' | 'wont_fix' | 'accepted';
/** The findings list's status filter: a triage status, or suppressed in the source. */
export type FindingStatus = TriageStatus | 'suppressed';
export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'suppressed', 'false_positive', 'wont_fix', 'accepted'];

export interface Finding {
  id: string;
  runId: string;
  repositoryId: string;
  tool: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  message: string;
  snippet: string;
  helpUrl: string | null;
  fingerprint: string;
  isNew: boolean;
  suppression: { kind: 'inline'; reason: string | null } | null;
  triage: { status: TriageStatus; reason: string | null; updatedAt: string | null };
}

export interface RuleFacet {
  ruleId: string;
  tool: string;
  count: number;
}

export interface FindingsPage extends Page<Finding> {
  facets: { rules: RuleFacet[] };
}

export interface SarifImportResult {
  imported: number;
  duplicates: number;
  skipped: number;
}

// Fixes (api/src/fixes/fixes.routes.ts and fixes.service.ts, publicFix). A finding's id is the seed's "result id".

export type FixProvider = 'builtin' | 'groq' | 'anthropic';
export const FIX_PROVIDERS: readonly FixProvider[] = ['builtin', 'groq', 'anthropic'];
export type AiProvider = Exclude<FixProvider, 'builtin'>;

export type FixStatus = 'queued' | 'generating' | 'generated' | 'validated' | 'rejected' | 'failed' | 'pr_open' | 'merged' | 'closed';
export const FIX_STATUSES: readonly FixStatus[] = ['queued', 'generating', 'generated', 'validated', 'rejected', 'failed', 'pr_open', 'merged', 'closed'];

export interface FixValidationFinding {
  ruleId: string;
  path: string;
  line: number;
  message: string;
}

/** What the validation on a clean checkout of the run's commit saw. */
export interface FixValidation {
  commitSha: string;
  applies: boolean;
  findingGone: boolean;
  newFindings: FixValidationFinding[];
  parseErrors: FixValidationFinding[];
  analyzedFiles: string[];
}

export interface Fix {
  id: string;
  findingId: string;
  runId: string;
  workspaceId: string;
  repositoryId: string;
  provider: FixProvider;
  model: string | null;
  status: FixStatus;
  /** A unified diff; null until generated, and for fixes that failed to generate. */
  patch: string | null;
  explanation: string | null;
  files: string[];
  usage: { tokensIn: number | null; tokensOut: number | null; costMicroUsd: number | null };
  /** NoFixAvailable, InvalidPatch, Provider…, or ValidationFailed for a rejected fix. */
  failureType: string | null;
  failureReason: string | null;
  validation: FixValidation | null;
  pullRequest: { branch: string; url: string | null; number: number | null } | null;
  applied: { at: string; by: string | null } | null;
  workflowId: string;
  temporalUrl: string;
  /** Present on every fix the API returns today (it joins the finding). */
  finding?: { ruleId: string; path: string; startLine: number; severity: Severity };
  createdAt: string;
  updatedAt: string;
  generatedAt: string | null;
  validatedAt: string | null;
  prOpenedAt: string | null;
  closedAt: string | null;
}

export interface FindingFixes {
  finding: Finding;
  fixes: Fix[];
}

export interface CreatePullRequestResult {
  fix: Fix;
  workflowId: string;
  branch: string;
}

export interface BatchPullRequestResult {
  workflowId: string;
  branch: string;
  fixIds: string[];
}

export interface AiKeyStatus {
  provider: AiProvider;
  configured: boolean;
  /** Where the key in use comes from: the workspace's own (encrypted) key, or the operator's environment. */
  source: 'workspace' | 'environment' | null;
  model: string;
  /** When the workspace key was last set; null without one. */
  updatedAt: string | null;
}

export interface AiKeys {
  providers: AiKeyStatus[];
}
