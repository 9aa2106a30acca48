import { DataTable, DateField, DateTimeInput, List, SelectInput, TextInput } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { levelChoices, levelColors } from './levels';

// The input yields a zone-less local "YYYY-MM-DDTHH:mm"; the API gets an unambiguous instant.
const toInstant = (value: string | null) => (value ? new Date(value).toISOString() : null);

const systemLogFilters = [
  <SelectInput key="level" source="level" choices={levelChoices} alwaysOn />,
  <TextInput key="component" source="component" alwaysOn />,
  <DateTimeInput key="from" source="from" parse={toInstant} />,
  <DateTimeInput key="to" source="to" parse={toInstant} />,
];

export const SystemLogList = () => (
  <List filters={systemLogFilters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={50}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="level">
        <StatusChip source="level" colors={levelColors} />
      </DataTable.Col>
      <DataTable.Col source="component" />
      <DataTable.Col source="message" disableSort sx={{ maxWidth: 600, overflow: 'hidden', textOverflow: 'ellipsis' }} />
    </DataTable>
  </List>
);
