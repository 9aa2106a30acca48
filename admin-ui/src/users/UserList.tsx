import { DataTable, DateField, List, SearchInput, SelectField, SelectInput, usePermissions } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { staffRoleChoices } from './staffRoles';
import { BulkSuspendButton, UserListActions } from './UserBulkActions';
import { canAccess } from '../permissions';
import type { StaffRole } from '../session';

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Email or name" />,
  <SelectInput key="staffRole" source="staffRole" choices={[...staffRoleChoices, { id: 'none', name: 'No staff role' }]} />,
  <SelectInput key="status" source="status" choices={[{ id: 'active', name: 'Active' }, { id: 'suspended', name: 'Suspended' }]} />,
];

export const UserList = () => {
  const { permissions: role } = usePermissions<StaffRole | null>();
  return (
    <List filters={userFilters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} actions={<UserListActions />}>
      <DataTable rowClick="show" bulkActionButtons={canAccess(role, 'users.manage') ? <BulkSuspendButton /> : false}>
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
};
