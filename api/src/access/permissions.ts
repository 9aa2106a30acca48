// Seed 000's permission matrix, the single source of truth. Everything else asks `can()`.
export const WORKSPACE_ROLES = ['admin', 'developer', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

const WORKSPACE_PERMISSIONS = {
  'results:view': ['admin', 'developer', 'viewer'],
  'activity:view': ['admin', 'developer', 'viewer'],
  'members:view': ['admin', 'developer', 'viewer'],
  'analysis:run': ['admin', 'developer'],
  'fixes:generate': ['admin', 'developer'],
  'members:invite': ['admin'],
  'members:manage': ['admin'],
  'settings:change': ['admin'],
  /** The plan, usage and invoices. */
  'billing:view': ['admin', 'developer', 'viewer'],
  /** Change the plan, cancel, pay, manage cards. */
  'billing:manage': ['admin'],
} as const satisfies Record<string, readonly WorkspaceRole[]>;
export type WorkspacePermission = keyof typeof WORKSPACE_PERMISSIONS;

/** What a permission lets one do, in the words of the refusal a user reads ("… cannot run analyses"). */
const PERMISSION_PHRASES: Record<WorkspacePermission, string> = {
  'results:view': 'see its results',
  'activity:view': 'see its activity log',
  'members:view': 'see its members',
  'analysis:run': 'run analyses, import results or triage findings',
  'fixes:generate': 'generate fixes or open pull requests',
  'members:invite': 'invite people',
  'members:manage': 'change members or their roles',
  'settings:change': 'change its settings',
  'billing:view': 'see its plan, usage or invoices',
  'billing:manage': 'change its plan, pay invoices or manage its cards',
};

/** The refusal for a role without a permission, written for the person refused. */
export function describeRefusal(role: WorkspaceRole, permission: WorkspacePermission): string {
  const article = role === 'admin' ? 'an' : 'a';
  return `As ${article} ${role} of this workspace you cannot ${PERMISSION_PHRASES[permission]}. Ask one of its admins.`;
}

export function can(role: WorkspaceRole, permission: WorkspacePermission): boolean {
  return (WORKSPACE_PERMISSIONS[permission] as readonly WorkspaceRole[]).includes(role);
}

const RANK: Record<WorkspaceRole, number> = { viewer: 0, developer: 1, admin: 2 };
/** An API token never grants more than its owner currently has. */
export function weakerRole(a: WorkspaceRole, b: WorkspaceRole): WorkspaceRole {
  return RANK[a] <= RANK[b] ? a : b;
}

// Seed 004's admin roles for the ops console.
export const STAFF_ROLES = ['super_admin', 'billing_admin', 'support_admin', 'analytics_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const STAFF_PERMISSIONS = {
  'console:access': ['super_admin', 'billing_admin', 'support_admin', 'analytics_admin'],
  'users:read': ['super_admin', 'billing_admin', 'support_admin', 'analytics_admin'],
  'users:manage': ['super_admin', 'support_admin'],
  'staff:grant': ['super_admin'],
  'audit:read': ['super_admin', 'support_admin'],
  'system:read': ['super_admin', 'support_admin'],
  'outbox:read': ['super_admin', 'support_admin'],
  'billing:manage': ['super_admin', 'billing_admin'],
  'analytics:read': ['super_admin', 'analytics_admin', 'billing_admin'],
  /** The console's platform analytics (users, platform, revenue, quality): analytics staff only. */
  'analytics:platform': ['super_admin', 'analytics_admin'],
  /** Delete accounts and import users in bulk (support admins may not delete). */
  'users:delete': ['super_admin'],
  /** Act as a customer for a limited time, with a stated reason. */
  'users:impersonate': ['super_admin', 'support_admin'],
  /** Tickets, their conversation and the canned responses. */
  'support:manage': ['super_admin', 'support_admin'],
  /** Workspaces and repositories of every customer. */
  'workspaces:read': ['super_admin', 'support_admin', 'billing_admin'],
  /** Turn maintenance mode on and off. */
  'system:manage': ['super_admin'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type StaffPermission = keyof typeof STAFF_PERMISSIONS;

export function staffCan(role: StaffRole, permission: StaffPermission): boolean {
  return (STAFF_PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
