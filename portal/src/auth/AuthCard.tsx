import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Wordmark } from '../ui/Wordmark';

export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gray-50 px-4 py-12">
      <Link to="/" className="mb-8">
        <Wordmark className="text-xl" />
      </Link>
      <main className="w-full max-w-sm rounded-lg bg-white px-6 py-8 shadow-sm ring-1 ring-gray-200 sm:px-8">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">{title}</h1>
        {subtitle && <p className="mt-1 text-sm text-gray-500">{subtitle}</p>}
        <div className="mt-6">{children}</div>
      </main>
      {footer && <div className="mt-6 text-center text-sm text-gray-500">{footer}</div>}
    </div>
  );
}

export function TextLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="font-medium text-indigo-600 hover:text-indigo-500">
      {children}
    </Link>
  );
}
