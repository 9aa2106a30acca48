import { Box, Chip, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { useRecordContext } from 'react-admin';
import type { ResponseBody } from '../../../portal/src/api/schema.gen';
import { httpClient } from '../httpClient';

type History = ResponseBody<'/api/admin/users/{id}/history', 'get'>;

function Section({ title, empty, children }: { title: string; empty: boolean; children: React.ReactNode }) {
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2">{title}</Typography>
      {empty ? <Typography color="text.secondary">None.</Typography> : children}
    </Box>
  );
}

/** Workspaces (with plan), recent runs (linking to Temporal), logins and tickets of the user. */
export function UserHistory() {
  const record = useRecordContext();
  const history = useQuery({
    queryKey: ['admin', 'users', record?.id, 'history'],
    enabled: Boolean(record),
    queryFn: async () => (await httpClient(`/api/admin/users/${record!.id}/history`)).json as History,
  });
  if (!record) return null;
  if (history.isPending) return <Typography color="text.secondary">Loading history…</Typography>;
  if (history.isError) return <Typography color="error">Could not load the history: {history.error.message}</Typography>;
  const h = history.data;
  return (
    <Box>
      <Section title="Workspaces" empty={!h.workspaces.length}>
        <Table size="small">
          <TableBody>
            {h.workspaces.map((w) => (
              <TableRow key={w.id}>
                <TableCell>
                  <Link component={RouterLink} to={`/workspaces/${w.id}/show`}>
                    {w.name}
                  </Link>
                </TableCell>
                <TableCell>{w.kind}</TableCell>
                <TableCell>{w.role}</TableCell>
                <TableCell>{w.tierName ? `${w.tierName} (${w.subscriptionStatus})` : 'no subscription'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title="Recent runs" empty={!h.runs.length}>
        <Table size="small">
          <TableBody>
            {h.runs.map((r) => (
              <TableRow key={r.id}>
                <TableCell>{r.repositoryName}</TableCell>
                <TableCell>
                  <Chip size="small" label={r.status} />
                </TableCell>
                <TableCell>{new Date(r.createdAt).toLocaleString()}</TableCell>
                <TableCell>
                  <Link href={r.temporalUrl} target="_blank" rel="noreferrer">
                    Temporal UI
                  </Link>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title="Logins" empty={!h.logins.length}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>IP</TableCell>
              <TableCell>Browser</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {h.logins.map((l) => (
              <TableRow key={l.at}>
                <TableCell>{new Date(l.at).toLocaleString()}</TableCell>
                <TableCell>{l.ip ?? '—'}</TableCell>
                <TableCell sx={{ maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{l.userAgent ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title="Support tickets" empty={!h.tickets.length}>
        <Table size="small">
          <TableBody>
            {h.tickets.map((t) => (
              <TableRow key={t.id}>
                <TableCell>
                  <Link component={RouterLink} to={`/tickets/${t.id}/show`}>
                    #{t.number} {t.subject}
                  </Link>
                </TableCell>
                <TableCell>{t.priority}</TableCell>
                <TableCell>{t.status}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </Box>
  );
}
