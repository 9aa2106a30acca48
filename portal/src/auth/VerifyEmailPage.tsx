import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { LoadingState } from '../ui/states';
import { useResendVerification, useVerifyEmail } from './auth.api';
import { AuthCard, TextLink } from './AuthCard';
import { useSession } from './useSession';

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const session = useSession();
  const verify = useVerifyEmail();
  const resend = useResendVerification();
  const sentFor = useRef<string | null>(null);
  const { mutate: verifyToken } = verify;

  useEffect(() => {
    // Tokens are single-use; StrictMode's double effect must not spend it twice.
    if (!token || sentFor.current === token) return;
    sentFor.current = token;
    verifyToken(token);
  }, [token, verifyToken]);

  const continueTo = session ? '/' : '/login';

  if (!token) {
    return (
      <AuthCard title="Verification link incomplete">
        <p className="text-sm text-gray-600">This link has no verification token. Open the link from the email again.</p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Verify your email">
      {verify.isSuccess ? (
        <>
          <SuccessAlert>
            <strong>{verify.data.user.email}</strong> is verified. Thanks!
          </SuccessAlert>
          <p className="mt-4 text-sm">
            <TextLink to={continueTo}>{session ? 'Go to your dashboard' : 'Continue to sign in'}</TextLink>
          </p>
        </>
      ) : verify.isError ? (
        <div className="space-y-4">
          <ErrorAlert error={verify.error} title="We could not verify this link" />
          {session ? (
            resend.isSuccess ? (
              <SuccessAlert>A new verification email is on its way.</SuccessAlert>
            ) : (
              <>
                <ErrorAlert error={resend.error} />
                <Button variant="secondary" loading={resend.isPending} onClick={() => resend.mutate()}>
                  Send a new link
                </Button>
              </>
            )
          ) : (
            <p className="text-sm text-gray-600">
              <TextLink to="/login?next=/">Sign in</TextLink> to request a new verification email.
            </p>
          )}
        </div>
      ) : (
        <LoadingState label="Verifying your email…" />
      )}
    </AuthCard>
  );
}
