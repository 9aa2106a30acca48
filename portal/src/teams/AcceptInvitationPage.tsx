import { useEffect, useRef } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { AuthCard, TextLink } from '../auth/AuthCard';
import { ErrorAlert } from '../ui/ErrorAlert';
import { LoadingState } from '../ui/states';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { useAcceptInvitation } from './teams.api';

/** Reached from the invitation email; RequireAuth has already made sure someone is signed in. */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const accept = useAcceptInvitation();
  const { selectWorkspace } = useCurrentWorkspace();
  const sentFor = useRef<string | null>(null);
  const { mutate: acceptToken } = accept;

  useEffect(() => {
    // The token is single-use; StrictMode's double effect must not spend it twice.
    if (!token || sentFor.current === token) return;
    sentFor.current = token;
    acceptToken(token, { onSuccess: (team) => selectWorkspace(team.id) });
  }, [token, acceptToken, selectWorkspace]);

  if (accept.isSuccess) return <Navigate to={`/teams/${accept.data.id}`} replace />;

  if (!token) {
    return (
      <AuthCard title="Invitation link incomplete" footer={<TextLink to="/">Go to dashboard</TextLink>}>
        <p className="text-sm text-gray-600">This link has no invitation token. Open the link from the email again.</p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Join team" footer={<TextLink to="/">Go to dashboard</TextLink>}>
      {accept.isError ? (
        <ErrorAlert error={accept.error} title="We could not accept this invitation" />
      ) : (
        <LoadingState label="Accepting invitation…" />
      )}
    </AuthCard>
  );
}
