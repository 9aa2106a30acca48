import type { StaffRole } from './session';

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
} as const satisfies Record<string, readonly StaffRole[]>;

export type ConsoleArea = keyof typeof ACCESS;

export function canAccess(role: StaffRole | null | undefined, area: ConsoleArea): boolean {
  return role != null && (ACCESS[area] as readonly StaffRole[]).includes(role);
}
