import { useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { TextField } from '../ui/Field';
import { useForgotPassword } from './auth.api';
import { AuthCard, TextLink } from './AuthCard';
import { limitsOf } from '../api/limits';

export function ForgotPasswordPage() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const forgot = useForgotPassword();

  function submit(event: FormEvent) {
    event.preventDefault();
    forgot.mutate({ email: email.trim() });
  }

  return (
    <AuthCard
      title="Reset your password"
      subtitle="We'll email you a link to choose a new password."
      footer={<TextLink to="/login">Back to sign in</TextLink>}
    >
      {forgot.isSuccess ? (
        // The API answers 202 whether or not the address exists, and so do we.
        <SuccessAlert>
          If an account exists for <strong>{email}</strong>, a reset link is on its way. The link expires soon, so use it
          promptly.
        </SuccessAlert>
      ) : (
        <form className="space-y-4" onSubmit={submit} noValidate>
          <ErrorAlert error={forgot.error} />
          <TextField
            label="Email"
            {...limitsOf('POST /api/auth/forgot-password', 'email')}
            type="email"
            name="email"
            autoComplete="email"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError(forgot.error, 'email')}
          />
          <Button type="submit" className="w-full" loading={forgot.isPending}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
