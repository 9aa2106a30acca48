import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { Button } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { TextField } from '../ui/Field';
import { useLogin } from './auth.api';
import { AuthCard, TextLink } from './AuthCard';
import { readSafeNext } from './safe-next';
import { useSession } from './useSession';
import { limitsOf } from '../api/limits';
import { onAccountDeleted, takeAccountDeleted } from '../account/account.api';

export function LoginPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = readSafeNext(params.get('next'));
  const login = useLogin();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  // Right after the account page deleted the account.
  const [deleted, setDeleted] = useState(takeAccountDeleted);
  // The live socket's sign-out can bring this page up before the deletion's answer arrives.
  useEffect(() => onAccountDeleted(() => setDeleted(true)), []);

  // Covers both "already signed in" and "just signed in".
  if (session) return <Navigate to={next} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  }

  const nextQuery = params.get('next') ? `?next=${encodeURIComponent(next)}` : '';

  return (
    <AuthCard
      title="Sign in to Argus"
      footer={
        <>
          New to Argus? <TextLink to={`/signup${nextQuery}`}>Create an account</TextLink>
        </>
      }
    >
      <form className="space-y-4" onSubmit={submit} noValidate>
        {deleted && (
          <SuccessAlert>Your account was deleted, with your personal workspace and its data. You have been signed out everywhere.</SuccessAlert>
        )}
        <ErrorAlert error={login.error} />
        <TextField
          label="Email"
          {...limitsOf('POST /api/auth/login', 'email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(login.error, 'email')}
          data-testid="login-email"
        />
        <TextField
          label="Password"
          {...limitsOf('POST /api/auth/login', 'password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(login.error, 'password')}
          data-testid="login-password"
        />
        <div className="flex justify-end text-sm">
          <TextLink to={`/forgot-password${email ? `?email=${encodeURIComponent(email)}` : ''}`}>Forgot password?</TextLink>
        </div>
        <Button type="submit" className="w-full" loading={login.isPending} data-testid="login-submit">
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
