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
