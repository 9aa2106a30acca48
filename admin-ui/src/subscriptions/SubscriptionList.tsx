import { BooleanField, DataTable, DateField, List, SelectInput, TextInput } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { subscriptionStatusColors } from '../invoices/statuses';

const filters = [
  <TextInput key="q" source="q" label="Workspace" alwaysOn />,
  <SelectInput key="status" source="status" choices={['trial', 'active', 'past_due', 'cancelled'].map((id) => ({ id, name: id }))} />,
  <SelectInput key="tier" source="tier" choices={['free', 'professional', 'enterprise'].map((id) => ({ id, name: id }))} />,
];

export const SubscriptionList = () => (
  <List sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} filters={filters}>
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
