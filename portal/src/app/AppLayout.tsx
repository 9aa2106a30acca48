import { Suspense, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useLogout, useMe } from '../auth/auth.api';
import { VerifyEmailBanner } from '../auth/VerifyEmailBanner';
import { ImpersonationBanner } from './ImpersonationBanner';
import { Button } from '../ui/Button';
import { ErrorState, LoadingState } from '../ui/states';
import { Wordmark } from '../ui/Wordmark';
import { WorkspaceSwitcher } from '../workspaces/WorkspaceSwitcher';
import { CommandPalette } from '../search/CommandPalette';

const navigation = [
  { to: '/', label: 'Dashboard', end: true, icon: 'M3 12l9-8 9 8M5 10v10h5v-6h4v6h5V10' },
  { to: '/repositories', label: 'Repositories', end: false, icon: 'M3 7a2 2 0 012-2h4l2 2h8a2 2 0 012 2v8a2 2 0 01-2 2H5a2 2 0 01-2-2V7z' },
  { to: '/runs', label: 'Runs', end: false, icon: 'M22 12h-4l-3 9L9 3l-3 9H2' },
  { to: '/analytics', label: 'Analytics', end: false, icon: 'M4 20V10M10 20V4M16 20v-7M22 20H2' },
  { to: '/rules', label: 'Rules', end: false, icon: 'M9 5h10M9 12h10M9 19h10M4 5h.01M4 12h.01M4 19h.01' },
  { to: '/teams', label: 'Teams', end: false, icon: 'M16 19v-1a4 4 0 00-4-4H6a4 4 0 00-4 4v1M9 10a3 3 0 100-6 3 3 0 000 6zM22 19v-1a4 4 0 00-3-3.87M16 4.13a3 3 0 010 5.75' },
  { to: '/tokens', label: 'API tokens', end: false, icon: 'M15 7a2 2 0 012 2m4 0a6 6 0 01-7.74 5.74L11 17H9v2H7v2H3v-3.59l6.26-6.26A6 6 0 1121 9z' },
  { to: '/billing', label: 'Billing', end: false, icon: 'M3 7h18v10H3zM3 11h18M7 15h3' },
  { to: '/support', label: 'Support', end: false, icon: 'M18 10a6 6 0 10-12 0v4a2 2 0 002 2h1v-6H6M18 10v6a4 4 0 01-4 4h-2M18 10h-3v6h3' },
];

export function AppLayout() {
  const me = useMe();
  const logout = useLogout();
  // On a phone the sidebar folds into a menu under the top bar; it closes again on every navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className="flex min-h-screen flex-col bg-gray-50 md:flex-row">
      <aside className="flex shrink-0 flex-col border-b border-gray-200 bg-white px-4 py-3 md:sticky md:top-0 md:h-screen md:w-64 md:gap-6 md:border-b-0 md:border-r md:py-5">
        <div className="flex items-center justify-between gap-3">
          <NavLink to="/" className="px-1">
            <Wordmark />
          </NavLink>
          <button
            type="button"
            className="inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 md:hidden"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="menu-toggle"
          >
            <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" className="h-5 w-5" aria-hidden="true">
              <path d={menuOpen ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'} />
            </svg>
            Menu
          </button>
        </div>
        <div id="app-menu" className={`${menuOpen ? 'flex' : 'hidden'} mt-4 flex-1 flex-col gap-6 md:mt-0 md:flex`}>
          <WorkspaceSwitcher />
          <CommandPalette />
          <nav aria-label="Main" className="flex flex-col gap-1">
            {navigation.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.end}
                className={({ isActive }) =>
                  `flex items-center gap-3 rounded-md px-2.5 py-2 text-sm font-medium ${
                    isActive ? 'bg-indigo-50 text-indigo-700' : 'text-gray-700 hover:bg-gray-100 hover:text-gray-900'
                  }`
                }
              >
                <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" className="h-5 w-5 shrink-0" aria-hidden="true">
                  <path d={item.icon} />
                </svg>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="mt-auto border-t border-gray-200 pt-4">
            {me.data && (
              <Link to="/account" className="mb-3 block rounded-md px-1 py-1 hover:bg-gray-50" title="Your account: name, e-mail, password, sessions" data-testid="account-link">
                <p className="truncate text-sm font-medium text-gray-900">{me.data.user.name}</p>
                <p className="truncate text-xs text-gray-500">{me.data.user.email}</p>
                <p className="mt-0.5 text-xs font-medium text-indigo-600">Account settings</p>
              </Link>
            )}
            <Button variant="ghost" size="sm" className="w-full" loading={logout.isPending} onClick={() => logout.mutate()}>
              Sign out
            </Button>
          </div>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <ImpersonationBanner />
        {me.data && <VerifyEmailBanner user={me.data.user} />}
        <main className="mx-auto w-full min-w-0 max-w-6xl flex-1 px-4 py-6 sm:px-8 sm:py-8">
          {me.isPending ? (
            <LoadingState />
          ) : me.isError ? (
            <ErrorState error={me.error} title="Could not load your account" onRetry={() => void me.refetch()} />
          ) : (
            // Pages load on first visit: the navigation stays while one does.
            <Suspense fallback={<LoadingState />}>
              <Outlet />
            </Suspense>
          )}
        </main>
      </div>
    </div>
  );
}
