import { AutocompleteInput, DataTable, DateField, List, ReferenceInput, SearchInput, SelectInput, TextField } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { priorityColors, statusColors, ticketPriorityChoices, ticketStatusChoices } from './choices';
import { SlaField } from './SlaField';

const ticketFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Subject, text or #number" />,
  <SelectInput key="status" source="status" choices={ticketStatusChoices} alwaysOn />,
  <SelectInput key="priority" source="priority" choices={ticketPriorityChoices} />,
  <ReferenceInput key="assignedTo" source="assignedTo" reference="users">
    <AutocompleteInput optionText="email" label="Assignee" />
  </ReferenceInput>,
  <ReferenceInput key="workspaceId" source="workspaceId" reference="workspaces">
    <AutocompleteInput optionText="name" label="Workspace" />
  </ReferenceInput>,
];

export const TicketList = () => (
  <List filters={ticketFilters} filterDefaultValues={{ status: 'open' }} sort={{ field: 'lastMessageAt', order: 'DESC' }} perPage={25} empty={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="number" label="#" />
      <DataTable.Col source="subject" />
      <DataTable.Col source="workspaceName" label="Workspace" />
      <DataTable.Col source="priority">
        <StatusChip source="priority" colors={priorityColors} />
      </DataTable.Col>
      <DataTable.Col source="status">
        <StatusChip source="status" colors={statusColors} />
      </DataTable.Col>
      <DataTable.Col source="assigneeName" label="Assignee" disableSort>
        <TextField source="assigneeName" emptyText="unassigned" />
      </DataTable.Col>
      <DataTable.Col label="SLA" disableSort>
        <SlaField />
      </DataTable.Col>
      <DataTable.Col source="lastMessageAt" label="Last activity">
        <DateField source="lastMessageAt" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
