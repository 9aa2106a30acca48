import { DateField, Labeled, Show, SimpleShowLayout, TextField } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { TemporalLink } from './TemporalLink';

export const RunShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="workspaceName" />
      <TextField source="repositoryName" />
      <TextField source="trigger" />
      <StatusChip source="status" colors={{ completed: 'success', failed: 'error', running: 'info' }} />
      <TextField source="ref" emptyText="–" />
      <TextField source="commitSha" emptyText="–" />
      <TextField source="error" emptyText="–" />
      <DateField source="createdAt" showTime />
      <DateField source="finishedAt" showTime emptyText="–" />
      <Labeled label="resources.runs.fields.workflowId">
        <TemporalLink />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
