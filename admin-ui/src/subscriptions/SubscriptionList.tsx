import { BooleanField, DataTable, DateField, List, SelectInput, TextInput, useGetList } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { subscriptionStatusColors } from '../invoices/statuses';
import { SubscriptionSummary } from './SubscriptionSummary';

/** The tier filter offers every tier there is (billing admins create new ones), by its key. */
function TierFilter(props: { source: string; alwaysOn?: boolean }) {
  const { data = [] } = useGetList('tiers', { pagination: { page: 1, perPage: 100 }, sort: { field: 'sortOrder', order: 'ASC' } });
  return <SelectInput {...props} choices={data.map((t) => ({ id: t.name as string, name: t.displayName as string }))} />;
}

const filters = [
  <TextInput key="q" source="q" label="Workspace" alwaysOn />,
  <SelectInput key="status" source="status" choices={['trial', 'active', 'past_due', 'cancelled'].map((id) => ({ id, name: id }))} />,
  <TierFilter key="tier" source="tier" />,
];

export const SubscriptionList = () => (
  <List sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} filters={filters}>
    <SubscriptionSummary />
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="workspaceName" />
      <DataTable.Col source="tier" />
      <DataTable.Col source="status">
        <StatusChip source="status" colors={subscriptionStatusColors} />
      </DataTable.Col>
      <DataTable.Col source="restricted">
        <BooleanField source="restricted" />
      </DataTable.Col>
      <DataTable.Col source="currentPeriodEnd">
        <DateField source="currentPeriodEnd" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
