import { DataTable, DateField, List, NumberField } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { outboxStatusColors } from './statuses';

// The contract defines no outbox filters, so none are offered rather than ones the API would ignore.
export const OutboxList = () => (
  <List sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="toAddress" />
      <DataTable.Col source="subject" />
      <DataTable.Col source="template" />
      <DataTable.Col source="status">
        <StatusChip source="status" colors={outboxStatusColors} />
      </DataTable.Col>
      <DataTable.Col source="attempts">
        <NumberField source="attempts" />
      </DataTable.Col>
      <DataTable.Col source="sentAt">
        <DateField source="sentAt" showTime emptyText="—" />
      </DataTable.Col>
    </DataTable>
  </List>
);
