import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { describeError } from './errors';

/** Shows an API failure with its errorId so the user can quote it to support. */
export function ErrorAlert({ error, title, className = '' }: { error: unknown; title?: string; className?: string }) {
  if (!error) return null;
  const { message, errorId, status } = describeError(error);
  return (
    <div role="alert" className={`rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm ${className}`}>
      {title && <p className="font-medium text-red-800">{title}</p>}
      <p className="text-red-700">{message}</p>
      {status === 402 && (
        <p className="mt-2">
          <Link to="/billing" className="font-semibold text-red-800 underline" data-testid="upgrade-prompt">
            See plans and upgrade
          </Link>
        </p>
      )}
      {errorId && (
        <p className="mt-1 text-xs text-red-600">
          Error ID: <code className="select-all font-mono">{errorId}</code>
        </p>
      )}
    </div>
  );
}

export function SuccessAlert({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <div role="status" className={`rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800 ${className}`}>
      {children}
    </div>
  );
}
