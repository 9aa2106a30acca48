import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { limitsOf } from '../api/limits';
import type { AccountSession, Workspace } from '../api/types';
import { useMe } from '../auth/auth.api';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { TextField } from '../ui/Field';
import { formatDate, formatDateTime } from '../ui/format';
import { Modal } from '../ui/Modal';
import { PageHeader, Panel } from '../ui/PageHeader';
import { RelativeTime } from '../ui/RelativeTime';
import { ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import {
  useAccount,
  useChangePassword,
  useDeleteAccount,
  useEndOtherSessions,
  useEndSession,
  useForgetAccount,
  useRenameAccount,
  useRequestEmailChange,
  useSessions,
} from './account.api';

/** The signed-in user's own account: name, e-mail address, password, sessions, and deleting it all. */
export function AccountPage() {
  const account = useAccount();
  return (
    <>
      <PageHeader title="Your account" description="Your name, e-mail address and password, where you are signed in, and deleting your account." />
      {account.isPending ? (
        <LoadingState label="Loading your account…" />
      ) : account.isError ? (
        <ErrorState error={account.error} title="Could not load your account" onRetry={() => void account.refetch()} />
      ) : (
        <div className="space-y-6" data-testid="account-page">
          <ProfileSection name={account.data.user.name} email={account.data.user.email} createdAt={account.data.user.createdAt} />
          <EmailSection email={account.data.user.email} verified={Boolean(account.data.user.emailVerifiedAt)} pendingEmail={account.data.user.pendingEmail} />
          <PasswordSection />
          <SessionsSection />
          <DeleteSection email={account.data.user.email} />
        </div>
      )}
    </>
  );
}

function ProfileSection({ name, email, createdAt }: { name: string; email: string; createdAt: string }) {
  const rename = useRenameAccount();
  const [value, setValue] = useState(name);
  useEffect(() => setValue(name), [name]);

  function submit(event: FormEvent) {
    event.preventDefault();
    rename.mutate(value.trim());
  }

  return (
    <Panel title="Profile" description={`Signed up on ${formatDate(createdAt)} as ${email}.`}>
      <form onSubmit={submit} className="flex max-w-lg flex-wrap items-end gap-3" data-testid="account-name-form">
        <TextField
          label="Name"
          required
          {...limitsOf('PATCH /api/account', 'name')}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            rename.reset();
          }}
          error={fieldError(rename.error, 'name')}
          hint="Shown to your teammates and in activity logs."
          containerClassName="min-w-0 flex-1"
          data-testid="account-name"
        />
        <Button type="submit" loading={rename.isPending} disabled={!value.trim() || value.trim() === name} data-testid="account-name-save">
          Save name
        </Button>
      </form>
      {rename.isSuccess && <SuccessAlert className="mt-3">Your name is now {rename.data.name}.</SuccessAlert>}
      {rename.isError && !fieldError(rename.error, 'name') && <ErrorAlert error={rename.error} title="Your name was not changed" className="mt-3" />}
    </Panel>
  );
}

function EmailSection({ email, verified, pendingEmail }: { email: string; verified: boolean; pendingEmail: string | null }) {
  const change = useRequestEmailChange();
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate(
      { email: newEmail.trim(), password },
      {
        onSuccess: () => {
          setNewEmail('');
          setPassword('');
        },
      },
    );
  }

  const emailError = fieldError(change.error, 'email');
  const passwordError = fieldError(change.error, 'password');
  return (
    <Panel title="E-mail address" description="Where Argus sends invitations, password resets and notices. A new address is used once you confirm it from the mail sent there.">
      <p className="text-sm text-gray-700">
        You sign in as <strong className="font-medium text-gray-900">{email}</strong>{' '}
        {verified ? <Badge tone="green">Verified</Badge> : <Badge tone="amber">Not verified yet</Badge>}
      </p>
      {pendingEmail && (
        <p className="mt-2 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900" data-testid="account-pending-email">
          Waiting for you to confirm <strong>{pendingEmail}</strong>: open the link in the mail sent there. Until then you keep signing in as {email}.
        </p>
      )}
      <form onSubmit={submit} noValidate className="mt-4 grid max-w-2xl gap-3 sm:grid-cols-2" data-testid="account-email-form">
        <TextField
          label="New e-mail address"
          type="email"
          autoComplete="email"
          required
          {...limitsOf('POST /api/account/email', 'email')}
          value={newEmail}
          onChange={(e) => setNewEmail(e.target.value)}
          error={emailError}
          data-testid="account-new-email"
        />
        <TextField
          label="Your password"
          type="password"
          autoComplete="current-password"
          required
          {...limitsOf('POST /api/account/email', 'password')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={passwordError}
          hint="To confirm that it is you."
          data-testid="account-email-password"
        />
        <div className="sm:col-span-2">
          <Button type="submit" loading={change.isPending} disabled={!newEmail.trim() || !password} data-testid="account-email-submit">
            Send confirmation link
          </Button>
        </div>
      </form>
      {change.isSuccess && (
        <SuccessAlert className="mt-3">
          We sent a confirmation link to <strong>{change.data.pendingEmail}</strong>. Your address changes when you open it; until then nothing changes.
        </SuccessAlert>
      )}
      {change.isError && !emailError && !passwordError && <ErrorAlert error={change.error} title="No confirmation link was sent" className="mt-3" />}
    </Panel>
  );
}

function PasswordSection() {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const newLimits = limitsOf('POST /api/account/password', 'newPassword');
  const tooShort = next.length > 0 && next.length < (newLimits.minLength ?? 0);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
        },
      },
    );
  }

  const currentError = fieldError(change.error, 'currentPassword');
  const newError = fieldError(change.error, 'newPassword');
  return (
    <Panel title="Password" description="Changing it signs you out everywhere else.">
      <form onSubmit={submit} noValidate className="grid max-w-2xl gap-3 sm:grid-cols-3" data-testid="account-password-form">
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          {...limitsOf('POST /api/account/password', 'currentPassword')}
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={currentError}
          data-testid="account-current-password"
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          {...newLimits}
          value={next}
          onChange={(e) => {
            setNext(e.target.value);
            setMismatch(false);
          }}
          error={tooShort ? `Use at least ${newLimits.minLength} characters.` : newError}
          hint={`At least ${newLimits.minLength} characters.`}
          data-testid="account-new-password"
        />
        <TextField
          label="New password again"
          type="password"
          autoComplete="new-password"
          required
          {...newLimits}
          value={confirm}
          onChange={(e) => {
            setConfirm(e.target.value);
            setMismatch(false);
          }}
          error={mismatch ? 'The two new passwords differ.' : undefined}
          data-testid="account-confirm-password"
        />
        <div className="sm:col-span-3">
          <Button type="submit" loading={change.isPending} disabled={!current || !next || !confirm || tooShort} data-testid="account-password-submit">
            Change password
          </Button>
        </div>
      </form>
      {change.isSuccess && <SuccessAlert className="mt-3">Your password was changed. Every other session was signed out; this one stays signed in.</SuccessAlert>}
      {change.isError && !currentError && !newError && <ErrorAlert error={change.error} title="Your password was not changed" className="mt-3" />}
    </Panel>
  );
}

/** "Firefox on Linux" from a user agent string; the raw string stays in the title. */
function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /OPR\//.test(userAgent)
      ? 'Opera'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\/|Chromium\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : /curl\//i.test(userAgent)
              ? 'curl'
              : null;
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(userAgent)
        ? 'macOS'
        : /Android/.test(userAgent)
          ? 'Android'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? userAgent.slice(0, 60);
}

function SessionsSection() {
  const sessions = useSessions();
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;

  return (
    <Panel title="Where you are signed in" description="Each sign-in is a session. Sign out the ones you do not recognise, or that you no longer use.">
      {sessions.isPending ? (
        <LoadingState label="Loading sessions…" />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} title="Could not load your sessions" onRetry={() => void sessions.refetch()} />
      ) : (
        <div className="space-y-3">
          <Table>
            <thead>
              <tr>
                <Th>Device</Th>
                <Th>Address</Th>
                <Th>Signed in</Th>
                <Th>Last active</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {sessions.data.items.map((session: AccountSession) => (
                <tr key={session.id} data-testid={`account-session-${session.current ? 'current' : session.id}`}>
                  <Td>
                    <span title={session.userAgent ?? undefined}>{describeDevice(session.userAgent)}</span>
                    {session.current && (
                      <span className="ml-2">
                        <Badge tone="indigo">This browser</Badge>
                      </span>
                    )}
                  </Td>
                  <Td className="font-mono text-xs text-gray-600">{session.ip ?? '—'}</Td>
                  <Td className="text-xs text-gray-600">{formatDateTime(session.createdAt)}</Td>
                  <Td className="text-xs text-gray-600">
                    <RelativeTime iso={session.lastUsedAt} />
                  </Td>
                  <Td className="text-right">
                    {!session.current && (
                      <Button variant="ghost" size="sm" loading={end.isPending && end.variables === session.id} onClick={() => end.mutate(session.id)} data-testid="account-session-end">
                        Sign out<span className="sr-only"> {describeDevice(session.userAgent)}</span>
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="secondary" size="sm" disabled={others === 0} loading={endOthers.isPending} onClick={() => endOthers.mutate()} data-testid="account-sessions-end-others">
              Sign out all other sessions
            </Button>
            {others === 0 && <span className="text-xs text-gray-500">This browser is your only session.</span>}
          </div>
          <ErrorAlert error={end.error ?? endOthers.error} title="Not signed out" />
        </div>
      )}
    </Panel>
  );
}

/** What deleting the account does, workspace by workspace, from the user's memberships. */
function DeletionConsequences({ workspaces }: { workspaces: readonly Workspace[] }) {
  const personal = workspaces.filter((w) => w.kind === 'personal');
  const alone = workspaces.filter((w) => w.kind === 'team' && w.memberCount <= 1);
  const shared = workspaces.filter((w) => w.kind === 'team' && w.memberCount > 1);
  return (
    <ul className="list-disc space-y-1.5 pl-5 text-sm text-gray-700" data-testid="account-delete-consequences">
      {[...personal, ...alone].map((w) => (
        <li key={w.id}>
          <strong className="font-medium text-gray-900">{w.name}</strong>
          {w.kind === 'personal' ? ' (your personal workspace)' : ' (a team with no other members)'} is deleted, with all its repositories, runs, findings, fixes and API tokens. This cannot be undone.
        </li>
      ))}
      {shared.map((w) => (
        <li key={w.id}>
          You leave <strong className="font-medium text-gray-900">{w.name}</strong>; the team and its data stay with its other members.
          {w.role === 'admin' && ' If you are its only admin, make another member an admin first.'}
        </li>
      ))}
      <li>You are signed out everywhere and can no longer sign in. Activity logs of teams keep your name as it was.</li>
    </ul>
  );
}

function DeleteSection({ email }: { email: string }) {
  const me = useMe();
  const remove = useDeleteAccount();
  const forget = useForgetAccount();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [confirmEmail, setConfirmEmail] = useState('');
  const matches = confirmEmail.trim().toLowerCase() === email.toLowerCase();

  function close() {
    setOpen(false);
    setPassword('');
    setConfirmEmail('');
    remove.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    remove.mutate(
      { password, confirmEmail: confirmEmail.trim() },
      {
        onSuccess: () => {
          // Signing out sends this page to the sign-in page, which then says why (whichever navigation lands last).
          forget();
          void navigate('/login', { replace: true });
        },
      },
    );
  }

  const formId = 'delete-account-form';
  return (
    <Panel title="Delete your account">
      <div className="space-y-3">
        <p className="text-sm text-gray-700">Deleting your account removes you from Argus for good:</p>
        <DeletionConsequences workspaces={me.data?.workspaces ?? []} />
        <Button variant="danger" onClick={() => setOpen(true)} data-testid="account-delete-open">
          Delete account…
        </Button>
      </div>
      <Modal
        open={open}
        title="Delete your account?"
        description="This cannot be undone."
        busy={remove.isPending}
        onClose={close}
        footer={
          <>
            <Button variant="secondary" onClick={close} disabled={remove.isPending}>
              Keep my account
            </Button>
            <Button type="submit" form={formId} variant="danger" loading={remove.isPending} disabled={!password || !matches} data-testid="account-delete-confirm">
              Delete my account and data
            </Button>
          </>
        }
      >
        <form id={formId} onSubmit={submit} noValidate className="space-y-4">
          <DeletionConsequences workspaces={me.data?.workspaces ?? []} />
          <TextField
            label={
              <>
                Type <strong className="select-all">{email}</strong> to confirm
              </>
            }
            autoComplete="off"
            {...limitsOf('DELETE /api/account', 'confirmEmail')}
            value={confirmEmail}
            onChange={(e) => setConfirmEmail(e.target.value)}
            error={fieldError(remove.error, 'confirmEmail')}
            data-testid="account-delete-email"
          />
          <TextField
            label="Your password"
            type="password"
            autoComplete="current-password"
            {...limitsOf('DELETE /api/account', 'password')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError(remove.error, 'password')}
            data-testid="account-delete-password"
          />
          {remove.isError && !fieldError(remove.error, 'password') && !fieldError(remove.error, 'confirmEmail') && (
            <ErrorAlert error={remove.error} title="Your account was not deleted" />
          )}
        </form>
      </Modal>
    </Panel>
  );
}
