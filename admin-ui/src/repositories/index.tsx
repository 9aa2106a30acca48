import SourceIcon from '@mui/icons-material/Source';
import { DataTable, DateField, List, NumberField, ReferenceField, SearchInput, SelectInput, Show, SimpleShowLayout, TextField } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { RecentRuns } from '../workspaces';

// Every customer's repositories, with their latest run; runs link to the Temporal UI.

const providers = [
  { id: 'github', name: 'GitHub' },
  { id: 'git', name: 'Git remote' },
];
const runColors = { queued: 'default', running: 'info', completed: 'success', failed: 'error', cancelled: 'warning', skipped: 'default' } as const;

const RepositoryList = () => (
  <List filters={[<SearchInput key="q" source="q" alwaysOn placeholder="owner/name" />, <SelectInput key="provider" source="provider" choices={providers} />]} sort={{ field: 'createdAt', order: 'DESC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="fullName" label="Repository" />
      <DataTable.Col source="provider" />
      <DataTable.Col source="workspaceName" label="Workspace" disableSort />
      <DataTable.Col source="runCount" label="Runs" disableSort>
        <NumberField source="runCount" />
      </DataTable.Col>
      <DataTable.Col source="lastRunStatus" label="Last run" disableSort>
        <StatusChip source="lastRunStatus" colors={runColors} />
      </DataTable.Col>
      <DataTable.Col source="lastRunAt" label="Last run at">
        <DateField source="lastRunAt" showTime emptyText="never" />
      </DataTable.Col>
      <DataTable.Col source="removedAt" label="Removed" disableSort>
        <DateField source="removedAt" emptyText="—" />
      </DataTable.Col>
    </DataTable>
  </List>
);

const RepositoryShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="fullName" label="Repository" />
      <TextField source="provider" />
      <ReferenceField source="workspaceId" reference="workspaces" link="show" />
      <TextField source="defaultBranch" />
      <TextField source="analysisSchedule" emptyText="no schedule" />
      <DateField source="createdAt" showTime />
      <DateField source="removedAt" showTime emptyText="active" />
      <RecentRuns target="repositoryId" />
    </SimpleShowLayout>
  </Show>
);

export default {
  list: RepositoryList,
  show: RepositoryShow,
  icon: SourceIcon,
  recordRepresentation: 'fullName',
};
