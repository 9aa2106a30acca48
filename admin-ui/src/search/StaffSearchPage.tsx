import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, CardHeader, Chip, CircularProgress, List, ListItemButton, ListItemText, Stack, TextField, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Title } from 'react-admin';
import type { ResponseBody } from '../../../portal/src/api/schema.gen';
import { messageOf } from '../actions/ActionButton';
import { httpClient } from '../httpClient';

// The console's search across tenants (GET /api/admin/search): users, workspaces, subscriptions, invoices and
// tickets, as far as the staff role may see them (the API leaves out the types a role cannot open). Each hit links
// to the resource's show page. The query lives in the URL (?q=), so a search can be shared and survives a reload.

type StaffSearchResult = ResponseBody<'/api/admin/search', 'get'>;
type Group = StaffSearchResult['groups'][number];
type Segment = Group['items'][number]['highlights']['title'][number];

const LABELS: Record<Group['type'], string> = { user: 'Users', workspace: 'Workspaces', subscription: 'Subscriptions', invoice: 'Invoices', ticket: 'Tickets' };

/** Highlighted text from the API: runs of plain text and matches, rendered as text (never HTML). */
function Highlight({ segments, fallback }: { segments: Segment[]; fallback: string }) {
  if (!segments.length) return <>{fallback}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          <Box component="mark" key={i} sx={{ bgcolor: 'warning.light', color: 'inherit', px: 0.25, borderRadius: 0.5 }}>
            {s.text}
          </Box>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function GroupCard({ group }: { group: Group }) {
  return (
    <Card data-testid={`staff-search-${group.type}`}>
      <CardHeader title={LABELS[group.type]} subheader={group.total > group.items.length ? `The best ${group.items.length} of ${group.total}` : `${group.total} found`} />
      <List dense disablePadding>
        {group.items.map((hit) => (
          <ListItemButton key={`${hit.type}:${hit.id}`} component={RouterLink} to={hit.url}>
            <ListItemText
              primary={<Highlight segments={hit.highlights.title} fallback={hit.title} />}
              secondary={<Highlight segments={hit.highlights.subtitle} fallback={hit.subtitle} />}
            />
            <Typography variant="caption" color="text.secondary" sx={{ ml: 2, whiteSpace: 'nowrap' }}>
              {new Date(hit.createdAt).toLocaleDateString()}
            </Typography>
          </ListItemButton>
        ))}
      </List>
    </Card>
  );
}

export function StaffSearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [draft, setDraft] = useState(q);
  const result = useQuery({
    queryKey: ['admin', 'search', q],
    queryFn: async () => (await httpClient(`/api/admin/search?${new URLSearchParams({ q, limit: '10' })}`)).json as StaffSearchResult,
    enabled: q !== '',
    placeholderData: keepPreviousData,
    retry: false,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams(params);
    if (draft.trim()) next.set('q', draft.trim());
    else next.delete('q');
    setParams(next);
  }

  const groups = result.data?.groups.filter((g) => g.total > 0) ?? [];
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Search" />
      <Stack spacing={2}>
        <Card>
          <CardContent>
            <Stack component="form" direction="row" spacing={1} onSubmit={submit} role="search">
              <TextField
                label="Search users, workspaces, subscriptions, invoices and tickets"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                size="small"
                fullWidth
                autoFocus
                slotProps={{ htmlInput: { 'data-testid': 'staff-search-input' } }}
              />
              <Button type="submit" variant="contained">
                Search
              </Button>
            </Stack>
            <Typography variant="caption" color="text.secondary">
              Names, e-mail addresses, slugs, invoice numbers, Stripe ids and ticket subjects. Your role sees the types its console pages show.
            </Typography>
          </CardContent>
        </Card>
        {q === '' ? (
          <Typography color="text.secondary" data-testid="staff-search-prompt">
            Type something to search across every tenant.
          </Typography>
        ) : result.isError ? (
          <Alert severity="error" data-testid="staff-search-error" action={<Button onClick={() => void result.refetch()}>Retry</Button>}>
            The search failed: {messageOf(result.error)}
          </Alert>
        ) : result.isPending ? (
          <CircularProgress size={24} aria-label="Searching" />
        ) : groups.length === 0 ? (
          <Alert severity="info" data-testid="staff-search-empty">
            Nothing matches “{q}”. Try part of a name or e-mail address, a workspace slug or an invoice number.
          </Alert>
        ) : (
          <>
            <Stack direction="row" spacing={1}>
              {groups.map((g) => (
                <Chip key={g.type} label={`${LABELS[g.type]} · ${g.total}`} size="small" />
              ))}
            </Stack>
            {groups.map((g) => (
              <GroupCard key={g.type} group={g} />
            ))}
          </>
        )}
      </Stack>
    </Box>
  );
}
