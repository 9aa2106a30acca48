import { useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import DeleteIcon from '@mui/icons-material/Delete';
import { useGetIdentity, useNotify, usePermissions, useRecordContext, useRedirect, useRefresh } from 'react-admin';
import type { components } from '../../../portal/src/api/schema.gen';
import { ActionButton, callApi, messageOf } from '../actions/ActionButton';
import { httpClient } from '../httpClient';
import { canAccess } from '../permissions';
import type { StaffRole } from '../session';
import { staffRoleChoices } from './staffRoles';

type DeletionPreview = { email: string; deletedWorkspaces: { name: string }[]; keptTeams: { name: string; ownershipPasses: boolean }[]; blockingTeams: { name: string }[]; consequences: string[] };
type Impersonation = { portalUrl: string; session: components['schemas']['ImpersonationSession'] };

/** Every action on one user, as buttons with a confirmation; each role sees only what it may do. */
export function UserActions() {
  const record = useRecordContext();
  const { permissions: role } = usePermissions<StaffRole | null>();
  const { identity } = useGetIdentity();
  if (!record || !canAccess(role, 'users.manage')) return null;
  const self = identity?.id === record.id;
  const staffTarget = Boolean(record.staffRole);
  const mayActOnTarget = !self && (!staffTarget || role === 'super_admin');
  const locked = record.lockedUntil && new Date(record.lockedUntil as string) > new Date();
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', my: 1 }}>
      {record.status === 'active' ? (
        <ActionButton
          label="Suspend"
          title={`Suspend ${record.email as string}?`}
          color="error"
          startIcon={<BlockIcon />}
          disabled={!mayActOnTarget}
          reason="required"
          description="Every session and API token of the account stops working at once, and the user cannot log in until reactivated. Their workspaces and data are kept."
          onConfirm={async (reason) => {
            await callApi(`/api/admin/users/${record.id}/suspend`, { reason });
            return `${record.email as string} is suspended.`;
          }}
        />
      ) : (
        <ActionButton
          label="Reactivate"
          title={`Reactivate ${record.email as string}?`}
          color="success"
          disabled={!mayActOnTarget}
          reason="optional"
          description="The user can log in again; sessions ended by the suspension stay ended."
          onConfirm={async (reason) => {
            await callApi(`/api/admin/users/${record.id}/reactivate`, reason ? { reason } : {});
            return `${record.email as string} is active again.`;
          }}
        />
      )}
      <ActionButton
        label="Reset password"
        title={`Send ${record.email as string} a password reset link?`}
        disabled={!mayActOnTarget || record.status !== 'active'}
        reason="optional"
        description="We mail a link to set a new password (valid for a limited time). The current password keeps working until the link is used."
        onConfirm={async (reason) => {
          const sent = await callApi<{ sentTo: string }>(`/api/admin/users/${record.id}/reset-password`, reason ? { reason } : {});
          return `Reset link sent to ${sent.sentTo}.`;
        }}
      />
      {locked && (
        <ActionButton
          label="Unlock"
          title={`Unlock ${record.email as string}?`}
          startIcon={<LockOpenIcon />}
          disabled={!mayActOnTarget}
          description="The lockout after too many failed logins ends now and the failure count starts again from zero."
          onConfirm={async () => {
            await callApi(`/api/admin/users/${record.id}/unlock`);
            return 'The account is unlocked.';
          }}
        />
      )}
      {canAccess(role, 'users.impersonate') && !staffTarget && !self && <ImpersonateButton />}
      {canAccess(role, 'staff.grant') && !self && <StaffRoleButton />}
      {canAccess(role, 'users.delete') && !self && !staffTarget && <DeleteUserButton />}
    </Box>
  );
}

function ImpersonateButton() {
  const record = useRecordContext()!;
  const [minutes, setMinutes] = useState('30');
  return (
    <ActionButton
      label="Impersonate"
      title={`Act as ${record.email as string} in the portal?`}
      color="warning"
      reason="required"
      disabled={record.status !== 'active'}
      description={
        <>
          The portal opens in a new tab, signed in as this user, with a banner saying so. Everything you do is recorded under your name “as” them. You cannot change their
          password, tokens or billing. The session ends by itself after the time below.
          <TextField select label="For" value={minutes} onChange={(e) => setMinutes(e.target.value)} margin="dense" sx={{ mt: 2, minWidth: 160 }}>
            {['10', '30', '60'].map((m) => (
              <MenuItem key={m} value={m}>
                {m} minutes
              </MenuItem>
            ))}
          </TextField>
        </>
      }
      onConfirm={async (reason) => {
        const started = await callApi<Impersonation>(`/api/admin/users/${record.id}/impersonate`, { reason, minutes: Number(minutes) });
        window.open(started.portalUrl, '_blank', 'noopener');
        return `Impersonating ${record.email as string} until ${new Date(started.session.expiresAt).toLocaleTimeString()}.`;
      }}
    />
  );
}

function StaffRoleButton() {
  const record = useRecordContext()!;
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState<string>((record.staffRole as string | null) ?? 'none');
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        Staff role
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>Staff role of {record.email as string}</DialogTitle>
        <DialogContent>
          <p>A staff role opens the ops console; each role sees only its part (super admins everything).</p>
          <TextField select fullWidth label="Role" value={next} onChange={(e) => setNext(e.target.value)} margin="dense">
            <MenuItem value="none">No staff role</MenuItem>
            {staffRoleChoices.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant="contained"
            disabled={next === ((record.staffRole as string | null) ?? 'none')}
            onClick={async () => {
              try {
                if (next === 'none') await httpClient(`/api/admin/users/${record.id}/staff-role`, { method: 'DELETE' });
                else await callApi(`/api/admin/users/${record.id}/staff-role`, { role: next }, 'PUT');
                notify(next === 'none' ? 'Staff role removed.' : 'Staff role saved.', { type: 'success' });
                setOpen(false);
                refresh();
              } catch (e) {
                notify(messageOf(e), { type: 'error' });
              }
            }}
          >
            Save
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function DeleteUserButton() {
  const record = useRecordContext()!;
  const redirect = useRedirect();
  const [preview, setPreview] = useState<DeletionPreview | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <ActionButton
      label="Delete"
      title={`Delete ${record.email as string} for good?`}
      color="error"
      startIcon={<DeleteIcon />}
      reason="required"
      typeToConfirm={record.email as string}
      onOpen={() => {
        setPreview(null);
        setFailed(null);
        httpClient(`/api/admin/users/${record.id}/deletion-preview`)
          .then(({ json }) => setPreview(json as DeletionPreview))
          .catch((e: unknown) => setFailed(messageOf(e)));
      }}
      description={
        failed ? (
          failed
        ) : !preview ? (
          'Working out what would be deleted…'
        ) : (
          <>
            This cannot be undone.
            <ul>
              {preview.consequences.map((c) => (
                <li key={c}>{c}</li>
              ))}
              {preview.blockingTeams.length > 0 && <li>Refused while the user is the last admin of {preview.blockingTeams.map((t) => `"${t.name}"`).join(', ')}: make another member admin first.</li>}
            </ul>
          </>
        )
      }
      onConfirm={async (reason) => {
        await callApi(`/api/admin/users/${record.id}`, { reason, confirmEmail: record.email }, 'DELETE');
        redirect('list', 'users');
        return `${record.email as string} was deleted.`;
      }}
    />
  );
}
