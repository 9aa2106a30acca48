import { useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { TextField } from '../ui/Field';
import { useResetPassword } from './auth.api';
import { AuthCard, TextLink } from './AuthCard';
import { limitsOf } from '../api/limits';

const MIN_PASSWORD_LENGTH = 10;

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<{ field: 'password' | 'confirm'; message: string } | null>(null);

  if (!token) {
    return (
      <AuthCard title="Reset link incomplete" footer={<TextLink to="/login">Back to sign in</TextLink>}>
        <p className="text-sm text-gray-600">
          This link has no reset token. Open the link from the email again, or{' '}
          <TextLink to="/forgot-password">request a new one</TextLink>.
        </p>
      </AuthCard>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed">
        <SuccessAlert>Your password has been changed. Sign in with the new password.</SuccessAlert>
        <p className="mt-4 text-sm">
          <TextLink to="/login">Continue to sign in</TextLink>
        </p>
      </AuthCard>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      setLocalError({ field: 'password', message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` });
      return;
    }
    if (password !== confirm) {
      setLocalError({ field: 'confirm', message: 'The passwords do not match.' });
      return;
    }
    setLocalError(null);
    reset.mutate({ token: token!, password });
  }

  return (
    <AuthCard title="Choose a new password" footer={<TextLink to="/login">Back to sign in</TextLink>}>
      <form className="space-y-4" onSubmit={submit} noValidate>
        <ErrorAlert error={reset.error} />
        {reset.isError && fieldError(reset.error, 'token') === undefined && (
          <p className="text-sm text-gray-600">
            If the link has expired, <TextLink to="/forgot-password">request a new one</TextLink>.
          </p>
        )}
        <TextField
          label="New password"
          {...limitsOf('POST /api/auth/reset-password', 'password')}
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={localError?.field === 'password' ? localError.message : fieldError(reset.error, 'password')}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        />
        <TextField
          label="Confirm new password"
          {...limitsOf('POST /api/auth/reset-password', 'password')}
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={localError?.field === 'confirm' ? localError.message : undefined}
        />
        <Button type="submit" className="w-full" loading={reset.isPending}>
          Change password
        </Button>
      </form>
    </AuthCard>
  );
}
