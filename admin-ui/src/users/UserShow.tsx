import { DateField, EmailField, NumberField, SelectField, Show, SimpleShowLayout, TextField, useRecordContext } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { staffRoleChoices } from './staffRoles';
import { UserActivity } from './UserActivity';
import { UserActions } from './UserActions';
import { UserHistory } from './UserHistory';

const UserTitle = () => {
  const record = useRecordContext();
  return <span>{record ? `User ${record.email}` : 'User'}</span>;
};

export const UserShow = () => (
  <Show title={<UserTitle />}>
    <SimpleShowLayout>
      <UserActions />
      <TextField source="id" />
      <EmailField source="email" />
      <TextField source="name" />
      <SelectField source="staffRole" choices={staffRoleChoices} emptyText="—" />
      <StatusChip source="status" colors={{ active: 'success', suspended: 'error' }} />
      <DateField source="emailVerifiedAt" showTime emptyText="not verified" />
      <DateField source="lastLoginAt" showTime emptyText="never" />
      <DateField source="lockedUntil" showTime emptyText="not locked" />
      <NumberField source="workspaceCount" emptyText="—" />
      <DateField source="createdAt" showTime />
      <UserHistory />
      <UserActivity />
    </SimpleShowLayout>
  </Show>
);
