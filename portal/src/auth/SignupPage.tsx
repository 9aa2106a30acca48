import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { Button } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { fieldError } from '../ui/errors';
import { TextField } from '../ui/Field';
import { useSignup } from './auth.api';
import { AuthCard, TextLink } from './AuthCard';
import { readSafeNext } from './safe-next';
import { useSession } from './useSession';
import { limitsOf } from '../api/limits';

const MIN_PASSWORD_LENGTH = 10;

export function SignupPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = readSafeNext(params.get('next'));
  const signup = useSignup();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);

  if (session) return <Navigate to={next} replace />;

  const nextQuery = params.get('next') ? `next=${encodeURIComponent(next)}` : '';

  if (signup.data && !signup.data.signedIn) {
    return (
      <AuthCard title="Check your inbox">
        <SuccessAlert>
          We created your account and sent a verification link to <strong>{signup.data.user.email}</strong>.
        </SuccessAlert>
        <p className="mt-4 text-sm text-gray-600">
          <TextLink to={`/login?email=${encodeURIComponent(signup.data.user.email)}${nextQuery ? `&${nextQuery}` : ''}`}>
            Continue to sign in
          </TextLink>
        </p>
      </AuthCard>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    signup.mutate({ name: name.trim(), email: email.trim(), password });
  }

  return (
    <AuthCard
      title="Create your Argus account"
      footer={
        <>
          Already have an account? <TextLink to={`/login${nextQuery ? `?${nextQuery}` : ''}`}>Sign in</TextLink>
        </>
      }
    >
      <form className="space-y-4" onSubmit={submit} noValidate>
        <ErrorAlert error={signup.error} />
        <TextField
          label="Name"
          {...limitsOf('POST /api/auth/signup', 'name')}
          name="name"
          autoComplete="name"
          required
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(signup.error, 'name')}
          data-testid="signup-name"
        />
        <TextField
          label="Email"
          {...limitsOf('POST /api/auth/signup', 'email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(signup.error, 'email')}
          data-testid="signup-email"
        />
        <TextField
          label="Password"
          {...limitsOf('POST /api/auth/signup', 'password')}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={tooShort ? `Use at least ${MIN_PASSWORD_LENGTH} characters.` : fieldError(signup.error, 'password')}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          data-testid="signup-password"
        />
        <Button type="submit" className="w-full" loading={signup.isPending} data-testid="signup-submit">
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
