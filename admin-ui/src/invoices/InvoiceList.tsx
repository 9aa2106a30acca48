import { DataTable, DateField, FunctionField, List, SelectInput, TextInput } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { invoiceStatusColors, money } from './statuses';

const filters = [
  <TextInput key="q" source="q" label="Number or workspace" alwaysOn />,
  <SelectInput key="status" source="status" choices={['draft', 'sent', 'paid', 'failed', 'refunded'].map((id) => ({ id, name: id }))} />,
];

export const InvoiceList = () => (
  <List sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} filters={filters}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="number" />
      <DataTable.Col source="workspaceName" />
      <DataTable.Col source="billingPeriodStart">
        <DateField source="billingPeriodStart" />
      </DataTable.Col>
      <DataTable.Col source="totalCents">
        <FunctionField source="totalCents" render={(r) => money(r.totalCents)} />
      </DataTable.Col>
      <DataTable.Col source="status">
        <StatusChip source="status" colors={invoiceStatusColors} />
      </DataTable.Col>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
