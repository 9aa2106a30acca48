import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, FormControlLabel, MenuItem, Paper, Stack, Switch, TextField as MuiTextField, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import {
  DateField,
  EditButton,
  Labeled,
  Show,
  TextField,
  TopToolbar,
  useGetIdentity,
  useGetList,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import type { components } from '../../../portal/src/api/schema.gen';
import { callApi, messageOf } from '../actions/ActionButton';
import { StatusChip } from '../fields/StatusChip';
import { httpClient } from '../httpClient';
import { priorityColors, statusColors } from './choices';
import { SlaField } from './SlaField';

type Message = components['schemas']['TicketMessage'];

const TicketTitle = () => {
  const record = useRecordContext();
  return <span>{record ? `Ticket #${record.number as number}: ${record.subject as string}` : 'Ticket'}</span>;
};

function TicketActions() {
  const record = useRecordContext();
  const { identity } = useGetIdentity();
  const notify = useNotify();
  const refresh = useRefresh();
  const staff = useGetList('users', { filter: { staffRole: 'support_admin' }, pagination: { page: 1, perPage: 100 }, sort: { field: 'email', order: 'ASC' } });
  const supers = useGetList('users', { filter: { staffRole: 'super_admin' }, pagination: { page: 1, perPage: 100 }, sort: { field: 'email', order: 'ASC' } });
  if (!record) return null;
  const closed = record.status === 'closed';
  const act = async (path: string, body: unknown, done: string) => {
    try {
      await callApi(`/api/admin/support/tickets/${record.id}/${path}`, body);
      notify(done, { type: 'success' });
      refresh();
    } catch (e) {
      notify(messageOf(e), { type: 'error' });
    }
  };
  const assignees = [...(supers.data ?? []), ...(staff.data ?? [])];
  return (
    <TopToolbar sx={{ alignItems: 'center', gap: 1 }}>
      <MuiTextField
        select
        size="small"
        label="Assignee"
        value={(record.assignedTo as string | null) ?? ''}
        disabled={closed}
        onChange={(e) => void act('assign', { assigneeId: e.target.value || null }, e.target.value ? 'Ticket assigned.' : 'Ticket unassigned.')}
        sx={{ minWidth: 220 }}
        slotProps={{ select: { inputProps: { 'aria-label': 'Assignee' } } }}
      >
        <MenuItem value="">Unassigned</MenuItem>
        {assignees.map((u) => (
          <MenuItem key={u.id} value={u.id as string}>
            {(u.name as string) || (u.email as string)}
          </MenuItem>
        ))}
      </MuiTextField>
      {identity && record.assignedTo !== identity.id && !closed && (
        <Button size="small" onClick={() => void act('assign', { assigneeId: identity.id }, 'Assigned to you.')}>
          Assign to me
        </Button>
      )}
      {!closed && record.status !== 'resolved' && (
        <Button size="small" variant="outlined" color="success" onClick={() => void act('resolve', {}, 'Resolved; the customer was told by mail.')}>
          Resolve
        </Button>
      )}
      <EditButton />
    </TopToolbar>
  );
}

function MessageBubble({ m }: { m: Message }) {
  const staff = m.senderKind === 'staff';
  return (
    <Paper
      variant="outlined"
      data-testid="ticket-message"
      sx={{
        p: 1.5,
        maxWidth: '80%',
        alignSelf: staff ? 'flex-end' : 'flex-start',
        bgcolor: m.internal ? 'warning.50' : staff ? 'primary.50' : 'background.paper',
        borderColor: m.internal ? 'warning.main' : undefined,
        borderStyle: m.internal ? 'dashed' : undefined,
      }}
    >
      <Typography variant="caption" color="text.secondary" sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        {m.internal && <LockIcon fontSize="inherit" />}
        {m.senderName ?? 'deleted user'} · {staff ? (m.internal ? 'internal note (staff only)' : 'support') : 'customer'} · {new Date(m.createdAt).toLocaleString()}
      </Typography>
      <Typography sx={{ whiteSpace: 'pre-wrap' }}>{m.content}</Typography>
    </Paper>
  );
}

/** The conversation, oldest first, with the reply box: canned responses, internal notes, mail to the customer. */
function Conversation() {
  const record = useRecordContext();
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  const notify = useNotify();
  const [content, setContent] = useState('');
  const [internal, setInternal] = useState(false);
  const [sending, setSending] = useState(false);
  const canned = useGetList('canned-responses', { pagination: { page: 1, perPage: 100 }, sort: { field: 'title', order: 'ASC' } });
  const key = ['admin', 'tickets', record?.id, 'messages'];
  const messages = useQuery({ queryKey: key, enabled: Boolean(record), queryFn: async () => (await httpClient(`/api/admin/support/tickets/${record!.id}/messages`)).json as Message[] });
  if (!record) return null;
  const closed = record.status === 'closed';
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Conversation
        </Typography>
        <Paper variant="outlined" sx={{ p: 1.5, mb: 1 }}>
          <Typography variant="caption" color="text.secondary">
            {(record.openedBy as { name?: string } | null)?.name ?? 'deleted user'} opened the ticket · {new Date(record.createdAt as string).toLocaleString()}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{record.description as string}</Typography>
        </Paper>
        {messages.isPending && <Typography color="text.secondary">Loading messages…</Typography>}
        {messages.isError && <Alert severity="error">Could not load the messages: {messages.error.message}</Alert>}
        <Stack spacing={1} sx={{ mb: 2 }}>
          {messages.data?.map((m) => <MessageBubble key={m.id} m={m} />)}
          {messages.data?.length === 0 && <Typography color="text.secondary">No replies yet.</Typography>}
        </Stack>
        {closed && !internal && <Alert severity="info">The ticket is closed: only internal notes can be added.</Alert>}
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <MuiTextField
            select
            size="small"
            label="Canned response"
            value=""
            onChange={(e) => {
              const chosen = canned.data?.find((c) => c.id === e.target.value);
              if (chosen) setContent((now) => (now ? `${now}\n\n${chosen.body as string}` : (chosen.body as string)));
            }}
            sx={{ minWidth: 240 }}
            disabled={!canned.data?.length}
            helperText={canned.data?.length ? undefined : <RouterLink to="/canned-responses/create">Add canned responses</RouterLink>}
          >
            {canned.data?.map((c) => (
              <MenuItem key={c.id} value={c.id as string}>
                {c.title as string}
              </MenuItem>
            ))}
          </MuiTextField>
          <FormControlLabel control={<Switch checked={internal} onChange={(e) => setInternal(e.target.checked)} />} label="Internal note (staff only, not mailed)" />
        </Box>
        <MuiTextField
          label={internal ? 'Internal note' : 'Reply to the customer (sent by mail)'}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          fullWidth
          multiline
          minRows={3}
          margin="dense"
        />
        <Button
          variant="contained"
          color={internal ? 'warning' : 'primary'}
          disabled={!content.trim() || sending || (closed && !internal)}
          onClick={async () => {
            setSending(true);
            try {
              await callApi(`/api/admin/support/tickets/${record.id}/messages`, { content, internal });
              setContent('');
              notify(internal ? 'Note added.' : 'Reply sent; the customer was mailed.', { type: 'success' });
              await queryClient.invalidateQueries({ queryKey: key });
              refresh();
            } catch (e) {
              notify(messageOf(e), { type: 'error' });
            } finally {
              setSending(false);
            }
          }}
        >
          {internal ? 'Add note' : 'Send reply'}
        </Button>
      </CardContent>
    </Card>
  );
}

function Overview() {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <Labeled label="Status">
        <StatusChip source="status" colors={statusColors} />
      </Labeled>
      <Labeled label="Priority">
        <StatusChip source="priority" colors={priorityColors} />
      </Labeled>
      <Labeled label="SLA">
        <SlaField />
      </Labeled>
      <Labeled label="Workspace">
        <RouterLink to={`/workspaces/${record.workspaceId as string}/show`}>{record.workspaceName as string}</RouterLink>
      </Labeled>
      <Labeled label="Customer">
        {record.userId ? <RouterLink to={`/users/${record.userId as string}/show`}>{(record.openedBy as { email: string }).email}</RouterLink> : <span>deleted user</span>}
      </Labeled>
      <Labeled label="Assignee">
        <TextField source="assigneeName" emptyText="unassigned" />
      </Labeled>
      <Labeled label="Opened">
        <DateField source="createdAt" showTime />
      </Labeled>
      {record.runId ? (
        <Labeled label="About run">
          <RouterLink to={`/runs/${record.runId as string}/show`}>{String(record.runId).slice(0, 8)}</RouterLink>
        </Labeled>
      ) : null}
      {record.findingId ? <Chip size="small" label={`finding ${String(record.findingId).slice(0, 8)}`} /> : null}
    </Box>
  );
}

export const TicketShow = () => (
  <Show title={<TicketTitle />} actions={<TicketActions />}>
    <Box sx={{ p: 2 }}>
      <Overview />
      <Conversation />
    </Box>
  </Show>
);
