import WorkspacesIcon from '@mui/icons-material/Workspaces';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import {
  DataTable,
  DateField,
  List,
  NumberField,
  ReferenceManyField,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import { canAccess } from '../permissions';
import type { StaffRole } from '../session';
import { StatusChip } from '../fields/StatusChip';
import { TemporalLink } from '../runs/TemporalLink';

// Every customer's workspaces; their runs are the runs resource filtered by workspaceId, linking to Temporal.

const kinds = [
  { id: 'personal', name: 'Personal' },
  { id: 'team', name: 'Team' },
];
const runColors = { queued: 'default', running: 'info', completed: 'success', failed: 'error', cancelled: 'warning', skipped: 'default' } as const;

const WorkspaceList = () => (
  <List filters={[<SearchInput key="q" source="q" alwaysOn placeholder="Name or slug" />, <SelectInput key="kind" source="kind" choices={kinds} />]} sort={{ field: 'createdAt', order: 'DESC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="kind" />
      <DataTable.Col source="ownerEmail" label="Owner" disableSort />
      <DataTable.Col source="tierName" label="Plan" disableSort>
        <TextField source="tierName" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="memberCount" label="Members">
        <NumberField source="memberCount" />
      </DataTable.Col>
      <DataTable.Col source="repositoryCount" label="Repositories" disableSort>
        <NumberField source="repositoryCount" />
      </DataTable.Col>
      <DataTable.Col source="lastRunAt" label="Last run">
        <DateField source="lastRunAt" showTime emptyText="never" />
      </DataTable.Col>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" />
      </DataTable.Col>
    </DataTable>
  </List>
);

function Members() {
  const record = useRecordContext();
  const members = (record?.members as { userId: string; email: string; name: string; role: string }[] | undefined) ?? [];
  return (
    <Table size="small" aria-label="Members">
      <TableHead>
        <TableRow>
          <TableCell>Member</TableCell>
          <TableCell>Role</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {members.map((m) => (
          <TableRow key={m.userId}>
            <TableCell>
              <RouterLink to={`/users/${m.userId}/show`}>{m.name ? `${m.name} <${m.email}>` : m.email}</RouterLink>
            </TableCell>
            <TableCell>{m.role}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The latest runs, for roles that may read runs (a 403 would sign the staff member out). */
export function RecentRuns({ target }: { target: 'workspaceId' | 'repositoryId' }) {
  const { permissions: role } = usePermissions<StaffRole | null>();
  if (!canAccess(role, 'runs')) return null;
  return (
    <ReferenceManyField reference="runs" target={target} sort={{ field: 'createdAt', order: 'DESC' }} perPage={10} empty={<Typography color="text.secondary">No runs yet.</Typography>}>
      <DataTable bulkActionButtons={false} rowClick="show">
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="repositoryName" />
        <DataTable.Col source="status">
          <StatusChip source="status" colors={runColors} />
        </DataTable.Col>
        <DataTable.Col source="workflowId" label="Workflow (Temporal UI)">
          <TemporalLink />
        </DataTable.Col>
      </DataTable>
    </ReferenceManyField>
  );
}

const WorkspaceShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="slug" />
      <TextField source="kind" />
      <TextField source="ownerEmail" label="Owner" />
      <TextField source="tierName" label="Plan" emptyText="no subscription" />
      <TextField source="subscriptionStatus" label="Subscription" emptyText="—" />
      <NumberField source="runCount" label="Runs" />
      <DateField source="createdAt" showTime />
      <Members />
      <RecentRuns target="workspaceId" />
    </SimpleShowLayout>
  </Show>
);

export default {
  list: WorkspaceList,
  show: WorkspaceShow,
  icon: WorkspacesIcon,
  recordRepresentation: 'name',
};
