import { Link, Navigate, useSearchParams } from 'react-router';
import { AuthCard, TextLink } from '../auth/AuthCard';
import { useLogout, useMe } from '../auth/auth.api';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime, formatRole } from '../ui/format';
import { LoadingState } from '../ui/states';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { useAcceptInvitation, useInvitationPreview } from './teams.api';

/**
 * Reached from the invitation e-mail; RequireAuth has already made sure someone is signed in. It says what the
 * invitation is to (team, role, who sent it) and joins only when asked to.
 */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const { selectWorkspace } = useCurrentWorkspace();
  const me = useMe();
  const logout = useLogout();

  if (accept.isSuccess) return <Navigate to={`/teams/${accept.data.id}`} replace />;

  if (!token) {
    return (
      <AuthCard title="Invitation link incomplete" footer={<TextLink to="/">Go to dashboard</TextLink>}>
        <p className="text-sm text-gray-600">This link has no invitation token. Open the link from the email again.</p>
      </AuthCard>
    );
  }
  if (preview.isPending) {
    return (
      <AuthCard title="Invitation" footer={<TextLink to="/">Go to dashboard</TextLink>}>
        <LoadingState label="Reading the invitation…" />
      </AuthCard>
    );
  }
  if (preview.isError) {
    return (
      <AuthCard title="Invitation" footer={<TextLink to="/">Go to dashboard</TextLink>}>
        <ErrorAlert error={preview.error} title="This invitation cannot be opened" />
      </AuthCard>
    );
  }

  const invitation = preview.data;
  const closed = {
    accepted: 'This invitation has already been accepted.',
    revoked: 'This invitation was revoked by a team admin. Ask them for a new one.',
    expired: 'This invitation has expired. Ask a team admin to send it again.',
  } as const;
  return (
    <AuthCard title={`Join ${invitation.teamName}`} footer={<TextLink to="/">Not now, go to the dashboard</TextLink>}>
      <div className="space-y-4 text-sm text-gray-700" data-testid="invitation-preview">
        <p>
          {invitation.invitedBy ? <strong className="font-medium text-gray-900">{invitation.invitedBy}</strong> : 'A team admin'} invited{' '}
          <strong className="font-medium text-gray-900">{invitation.email}</strong> to join the team{' '}
          <strong className="font-medium text-gray-900">{invitation.teamName}</strong> on Argus as <strong className="font-medium text-gray-900">{formatRole(invitation.role)}</strong>.
        </p>
        {invitation.status !== 'pending' ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">{closed[invitation.status]}</p>
        ) : !invitation.forYou ? (
          <div className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
            <p>
              You are signed in as {me.data?.user.email ?? 'another account'}. Only {invitation.email} can accept this invitation.
            </p>
            <Button variant="secondary" size="sm" loading={logout.isPending} onClick={() => logout.mutate()}>
              Sign out to use {invitation.email}
            </Button>
          </div>
        ) : (
          <>
            <p className="text-xs text-gray-500">The invitation is valid until {formatDateTime(invitation.expiresAt)}.</p>
            <ErrorAlert error={accept.error} title="We could not accept this invitation" />
            <div className="flex flex-wrap items-center gap-3">
              <Button loading={accept.isPending} onClick={() => accept.mutate(token, { onSuccess: (team) => selectWorkspace(team.id) })} data-testid="invitation-accept">
                Join {invitation.teamName}
              </Button>
              <Link to="/" className="text-sm font-medium text-gray-600 hover:text-gray-900">
                Decide later
              </Link>
            </div>
          </>
        )}
      </div>
    </AuthCard>
  );
}
