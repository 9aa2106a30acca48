import { AutocompleteInput, DataTable, DateField, List, NullableBooleanInput, ReferenceInput, TextInput } from 'react-admin';
import { ActorField } from './ActorField';

const auditLogFilters = [
  <TextInput key="action" source="action" alwaysOn />,
  <TextInput key="workspaceId" source="workspaceId" />,
  <ReferenceInput key="actorId" source="actorId" reference="users">
    <AutocompleteInput optionText="email" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
  <NullableBooleanInput key="impersonated" source="impersonated" trueLabel="Only while impersonating" falseLabel="Never while impersonating" />,
];

// The API sorts audit logs by id, createdAt, action, resourceType and actorKind only; the other columns
// disable sorting so a header click cannot produce a 400.
export const AuditLogList = () => (
  <List filters={auditLogFilters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="actorId" disableSort>
        <ActorField />
      </DataTable.Col>
      <DataTable.Col source="action" />
      <DataTable.Col source="resourceType" />
      <DataTable.Col source="resourceId" disableSort />
      <DataTable.Col source="workspaceId" disableSort render={(record) => record.workspaceName ?? record.workspaceId ?? '—'} />
      <DataTable.Col source="ip" disableSort />
    </DataTable>
  </List>
);
