import { DataTable, DateField, DateTimeInput, List, SelectInput, TextInput } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { TemporalLink } from './TemporalLink';

const statusChoices = ['queued', 'running', 'completed', 'failed', 'cancelled'].map((id) => ({ id, name: id }));
const statusColors = { queued: 'default', running: 'info', completed: 'success', failed: 'error', cancelled: 'warning' } as const;
const toInstant = (value: string | null) => (value ? new Date(value).toISOString() : null);

const runFilters = [
  <TextInput key="q" source="q" label="Repository or workflow" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <DateTimeInput key="from" source="from" parse={toInstant} />,
  <DateTimeInput key="to" source="to" parse={toInstant} />,
];

export const RunList = () => (
  <List filters={runFilters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="workspaceName" disableSort />
      <DataTable.Col source="repositoryName" disableSort />
      <DataTable.Col source="trigger" />
      <DataTable.Col source="status">
        <StatusChip source="status" colors={statusColors} />
      </DataTable.Col>
      <DataTable.Col source="workflowId" disableSort>
        <TemporalLink />
      </DataTable.Col>
    </DataTable>
  </List>
);
