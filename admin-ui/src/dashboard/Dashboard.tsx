import RefreshIcon from '@mui/icons-material/Refresh';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useDataProvider, useGetIdentity, usePermissions } from 'react-admin';
import type { ArgusDataProvider } from '../dataProvider';
import { canAccess } from '../permissions';
import { getPublicConfig } from '../publicConfig';
import type { StaffRole } from '../session';
import { HealthStatusChip } from './HealthStatusChip';
import { KeyMetrics } from './KeyMetrics';

export function Dashboard() {
  const { permissions: role, isPending } = usePermissions<StaffRole | null>();
  if (isPending) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <KeyMetrics />
      {canAccess(role, 'health') ? <HealthDashboard /> : <Welcome />}
    </Box>
  );
}

/** Roles without system access (billing, analytics) get a landing page that calls nothing they may not read. */
function Welcome() {
  const { identity } = useGetIdentity();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Argus Ops Console" />
      <Card>
        <CardHeader title={identity?.fullName ? `Welcome, ${identity.fullName}` : 'Welcome'} />
        <CardContent>
          <Typography color="text.secondary">Use the menu to look up users. System health is visible to super and support admins.</Typography>
        </CardContent>
      </Card>
    </Box>
  );
}

function HealthDashboard() {
  const dataProvider = useDataProvider<ArgusDataProvider>();
  const health = useQuery({
    queryKey: ['admin', 'health'],
    queryFn: () => dataProvider.getHealth(),
    refetchInterval: 30_000,
  });
  const temporalUiUrl = getPublicConfig()?.temporalUiUrl;

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Argus Ops Console" />
      <Card>
        <CardHeader
          title="System health"
          subheader={
            health.data ? (
              <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
                Overall <HealthStatusChip status={health.data.status} />
                {health.dataUpdatedAt > 0 && ` · checked ${new Date(health.dataUpdatedAt).toLocaleTimeString()}`}
              </Box>
            ) : undefined
          }
          action={
            <Box sx={{ display: 'flex', gap: 1 }}>
              {temporalUiUrl && (
                <Button href={temporalUiUrl} target="_blank" rel="noreferrer" startIcon={<OpenInNewIcon />}>
                  Temporal UI
                </Button>
              )}
              <Button onClick={() => void health.refetch()} disabled={health.isFetching} startIcon={<RefreshIcon />}>
                Refresh
              </Button>
            </Box>
          }
        />
        {health.isFetching ? <LinearProgress /> : <Box sx={{ height: 4 }} />}
        <CardContent>
          {health.isError ? (
            <Alert severity="error">
              {health.error instanceof Error ? health.error.message : 'Could not load health checks.'}
            </Alert>
          ) : health.isPending ? (
            <Typography color="text.secondary">Loading health checks…</Typography>
          ) : health.data.checks.length === 0 ? (
            <Typography color="text.secondary">The API reported no checks.</Typography>
          ) : (
            <Table size="small" aria-label="Health checks">
              <TableHead>
                <TableRow>
                  <TableCell>Name</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell align="right">Latency (ms)</TableCell>
                  <TableCell>Detail</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {health.data.checks.map((check) => (
                  <TableRow key={check.name} data-testid={`health-${check.name}`}>
                    <TableCell sx={{ fontWeight: 500 }}>{check.name}</TableCell>
                    <TableCell>
                      <HealthStatusChip status={check.status} />
                    </TableCell>
                    <TableCell align="right">{check.latencyMs ?? '—'}</TableCell>
                    <TableCell sx={{ color: 'text.secondary' }}>{check.detail ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
