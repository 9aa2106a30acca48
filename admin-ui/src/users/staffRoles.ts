export const staffRoleChoices = [
  { id: 'super_admin', name: 'Super admin' },
  { id: 'billing_admin', name: 'Billing admin' },
  { id: 'support_admin', name: 'Support admin' },
  { id: 'analytics_admin', name: 'Analytics admin' },
];
