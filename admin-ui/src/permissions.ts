import type { StaffRole } from './api-types';

/**
 * Which staff roles may open which part of the console. It mirrors the API's staff permission map
 * (audit, system and outbox reads are for super and support admins) so that a role never requests an
 * endpoint that answers 403 — authProvider.checkError treats a 403 as "no longer staff" and logs out.
 */
const ACCESS = {
  users: ['super_admin', 'billing_admin', 'support_admin', 'analytics_admin'],
  'audit-logs': ['super_admin', 'support_admin'],
  'system-logs': ['super_admin', 'support_admin'],
  runs: ['super_admin', 'support_admin'],
  outbox: ['super_admin', 'support_admin'],
  health: ['super_admin', 'support_admin'],
  invoices: ['super_admin', 'billing_admin'],
  subscriptions: ['super_admin', 'billing_admin'],
  tiers: ['super_admin', 'billing_admin'],
  analytics: ['super_admin', 'analytics_admin'],
  tickets: ['super_admin', 'support_admin'],
  'canned-responses': ['super_admin', 'support_admin'],
  workspaces: ['super_admin', 'support_admin', 'billing_admin'],
  repositories: ['super_admin', 'support_admin', 'billing_admin'],
  impersonations: ['super_admin', 'support_admin'],
  system: ['super_admin', 'support_admin'],
  settings: ['super_admin', 'support_admin'],
  // Actions, not pages: which buttons a role sees.
  'users.manage': ['super_admin', 'support_admin'],
  'users.delete': ['super_admin'],
  'users.impersonate': ['super_admin', 'support_admin'],
  'staff.grant': ['super_admin'],
  'system.maintenance': ['super_admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type ConsoleArea = keyof typeof ACCESS;

export function canAccess(role: StaffRole | null | undefined, area: ConsoleArea): boolean {
  return role != null && (ACCESS[area] as readonly StaffRole[]).includes(role);
}
