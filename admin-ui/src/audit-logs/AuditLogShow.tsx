import { Grid } from '@mui/material';
import { DateField, Labeled, Show, SimpleShowLayout, TextField } from 'react-admin';
import { JsonField } from '../fields/JsonField';
import { ActorField } from './ActorField';

export const AuditLogShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="id" />
      <DateField source="createdAt" showTime />
      <ActorField source="actorId" />
      <TextField source="actorKind" emptyText="—" />
      <TextField source="action" />
      <TextField source="resourceType" />
      <TextField source="resourceId" emptyText="—" />
      <TextField source="workspaceId" emptyText="—" />
      <TextField source="workspaceName" emptyText="—" />
      <TextField source="ip" emptyText="—" />
      <TextField source="userAgent" emptyText="—" />
      <Grid container spacing={2} sx={{ width: '100%' }}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Labeled source="before" fullWidth>
            <JsonField source="before" />
          </Labeled>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Labeled source="after" fullWidth>
            <JsonField source="after" />
          </Labeled>
        </Grid>
      </Grid>
    </SimpleShowLayout>
  </Show>
);
