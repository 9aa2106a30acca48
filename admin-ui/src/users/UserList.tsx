import { DataTable, DateField, List, SearchInput, SelectField, SelectInput } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { staffRoleChoices } from './staffRoles';

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Email or name" />,
  <SelectInput key="staffRole" source="staffRole" choices={staffRoleChoices} />,
];

export const UserList = () => (
  <List filters={userFilters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="email" />
      <DataTable.Col source="name" />
      <DataTable.Col source="staffRole">
        <SelectField source="staffRole" choices={staffRoleChoices} emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="status">
        <StatusChip source="status" colors={{ active: 'success', suspended: 'error' }} />
      </DataTable.Col>
      <DataTable.Col source="emailVerifiedAt">
        <DateField source="emailVerifiedAt" emptyText="not verified" />
      </DataTable.Col>
      <DataTable.Col source="lastLoginAt">
        <DateField source="lastLoginAt" showTime emptyText="never" />
      </DataTable.Col>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" />
      </DataTable.Col>
    </DataTable>
  </List>
);
