import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Switch, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import UploadIcon from '@mui/icons-material/Upload';
import { TopToolbar, FilterButton, useListContext, useNotify, usePermissions, useRefresh, useUnselectAll } from 'react-admin';
import { ActionButton, callApi, messageOf } from '../actions/ActionButton';
import { getSession } from '../session';
import { canAccess } from '../permissions';
import type { StaffRole } from '../session';

/** Bulk suspend of the selected rows (each is audited; staff and yourself are skipped and reported). */
export function BulkSuspendButton() {
  const { selectedIds } = useListContext();
  const unselectAll = useUnselectAll('users');
  return (
    <ActionButton
      label="Suspend selected"
      title={`Suspend ${selectedIds.length} user(s)?`}
      color="error"
      reason="required"
      description="Every session and API token of each account stops working at once. Staff members (unless you are a super admin) and your own account are skipped."
      onConfirm={async (reason) => {
        const res = await callApi<{ suspended: string[]; skipped: { id: string; reason: string }[] }>('/api/admin/users/bulk-suspend', { ids: selectedIds, reason });
        unselectAll();
        return `${res.suspended.length} suspended${res.skipped.length ? `, ${res.skipped.length} skipped (${[...new Set(res.skipped.map((s) => s.reason))].join('; ')})` : ''}.`;
      }}
    />
  );
}

/** Downloads the users matching the current filter as CSV (the API streams it with the bearer token). */
function ExportCsvButton() {
  const { filterValues } = useListContext();
  const notify = useNotify();
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      onClick={async () => {
        try {
          const res = await fetch(`/api/admin/users/export?filter=${encodeURIComponent(JSON.stringify(filterValues ?? {}))}`, { headers: { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` } });
          if (!res.ok) throw new Error((await res.json().catch(() => ({}))).detail ?? `Export failed (HTTP ${res.status}).`);
          const url = URL.createObjectURL(await res.blob());
          const a = document.createElement('a');
          a.href = url;
          a.download = `argus-users-${new Date().toISOString().slice(0, 10)}.csv`;
          a.click();
          URL.revokeObjectURL(url);
        } catch (e) {
          notify(messageOf(e), { type: 'error' });
        }
      }}
    >
      Export CSV
    </Button>
  );
}

type ImportReport = { dryRun: boolean; accepted: number; created: { line: number; email: string }[]; rejected: { line: number; email: string; reason: string }[] };

function ImportCsvButton() {
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [csv, setCsv] = useState('email,name\n');
  const [dryRun, setDryRun] = useState(true);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button size="small" startIcon={<UploadIcon />} onClick={() => setOpen(true)}>
        Import CSV
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="md">
        <DialogTitle>Import users</DialogTitle>
        <DialogContent>
          <p>
            One account per row (header <code>email,name</code>, at most 1,000 rows). Each new user gets a personal workspace and a mail to set their password. Rows that
            cannot be imported are listed with the reason; nothing is created on a dry run.
          </p>
          <Button component="label" size="small" variant="outlined">
            Choose a file…
            <input hidden type="file" accept=".csv,text/csv" onChange={async (e) => setCsv(await e.target.files?.[0]?.text() ?? csv)} />
          </Button>
          <TextField label="CSV" value={csv} onChange={(e) => setCsv(e.target.value)} fullWidth multiline minRows={6} margin="dense" inputProps={{ 'aria-label': 'CSV' }} />
          <FormControlLabel control={<Switch checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />} label="Dry run (only check the rows)" />
          {error && <Alert severity="error">{error}</Alert>}
          {report && (
            <>
              <Alert severity={report.rejected.length ? 'warning' : 'success'} sx={{ my: 1 }}>
                {report.dryRun ? `${report.accepted} row(s) would be imported` : `${report.created.length} user(s) imported`}
                {report.rejected.length ? `; ${report.rejected.length} row(s) rejected.` : '.'}
              </Alert>
              {report.rejected.length > 0 && (
                <Table size="small" aria-label="Rejected rows">
                  <TableHead>
                    <TableRow>
                      <TableCell>Line</TableCell>
                      <TableCell>E-mail</TableCell>
                      <TableCell>Why</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {report.rejected.map((r) => (
                      <TableRow key={r.line}>
                        <TableCell>{r.line}</TableCell>
                        <TableCell>{r.email}</TableCell>
                        <TableCell>{r.reason}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
          <Button
            variant="contained"
            disabled={busy || csv.trim().split('\n').length < 2}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                setReport(await callApi<ImportReport>('/api/admin/users/import', { csv, dryRun }));
                if (!dryRun) refresh();
              } catch (e) {
                setError(messageOf(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {dryRun ? 'Check rows' : 'Import'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

export function UserListActions() {
  const { permissions: role } = usePermissions<StaffRole | null>();
  return (
    <TopToolbar>
      <FilterButton />
      {canAccess(role, 'users.manage') && <ExportCsvButton />}
      {canAccess(role, 'users.manage') && <ImportCsvButton />}
    </TopToolbar>
  );
}
