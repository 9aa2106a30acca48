import { BooleanField, DateField, FunctionField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { GrantCreditButton } from '../invoices/InvoiceActions';
import { money, subscriptionStatusColors } from '../invoices/statuses';

const Actions = () => (
  <TopToolbar>
    <GrantCreditButton />
  </TopToolbar>
);

export const SubscriptionShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <TextField source="workspaceName" />
      <TextField source="workspaceSlug" />
      <TextField source="tier" />
      <StatusChip source="status" colors={subscriptionStatusColors} />
      <DateField source="currentPeriodStart" showTime />
      <DateField source="currentPeriodEnd" showTime />
      <BooleanField source="cancelAtPeriodEnd" />
      <BooleanField source="restricted" />
      <DateField source="pastDueSince" showTime emptyText="—" />
      <FunctionField source="creditCents" render={(r) => money(r.creditCents ?? 0)} />
      <TextField source="stripeCustomerId" emptyText="— (manual mode or no card yet)" />
    </SimpleShowLayout>
  </Show>
);
