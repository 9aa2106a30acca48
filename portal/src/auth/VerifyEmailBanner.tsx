import type { User } from '../api/types';
import { Button } from '../ui/Button';
import { describeError } from '../ui/errors';
import { useResendVerification } from './auth.api';

export function VerifyEmailBanner({ user }: { user: User }) {
  const resend = useResendVerification();
  if (user.emailVerifiedAt) return null;
  const failure = resend.isError ? describeError(resend.error) : null;

  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-b border-amber-200 bg-amber-50 px-6 py-2.5 text-sm text-amber-900">
      <p>
        Please verify <strong>{user.email}</strong> — we sent you a link.
        {failure && (
          <span className="ml-2 text-red-700">
            {failure.message}
            {failure.errorId && <span className="ml-1 font-mono text-xs">(Error ID: {failure.errorId})</span>}
          </span>
        )}
      </p>
      {resend.isSuccess ? (
        <span className="font-medium">Sent — check your inbox.</span>
      ) : (
        <Button variant="secondary" size="sm" loading={resend.isPending} onClick={() => resend.mutate()}>
          Resend email
        </Button>
      )}
    </div>
  );
}
