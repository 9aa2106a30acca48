import type { ReactNode } from 'react';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import type { User, Workspace } from '../api/types';
import { useMe } from '../auth/auth.api';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, LoadingState } from '../ui/states';
import { RoleBadge } from './RoleBadge';
import { useTeam } from './teams.api';

export interface TeamOutletContext {
  team: Workspace;
  me: User;
  isAdmin: boolean;
}

export function useTeamContext() {
  return useOutletContext<TeamOutletContext>();
}

export function TeamDetailPage() {
  const { teamId = '' } = useParams();
  const team = useTeam(teamId);
  const me = useMe();

  if (team.isPending || me.isPending) return <LoadingState label="Loading team…" />;
  if (team.isError) {
    return (
      <>
        <Link to="/teams" className="text-sm text-indigo-600 hover:text-indigo-500">
          ← All teams
        </Link>
        <div className="mt-4">
          <ErrorState error={team.error} title="Could not load this team" onRetry={() => void team.refetch()} />
        </div>
      </>
    );
  }
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;

  const isAdmin = team.data.role === 'admin';
  const tabs = [
    { to: 'members', label: 'Members', show: true },
    { to: 'invitations', label: 'Invitations', show: isAdmin },
    { to: 'activity', label: 'Activity', show: true },
    { to: 'settings', label: 'Settings', show: isAdmin },
  ].filter((tab) => tab.show);

  const context: TeamOutletContext = { team: team.data, me: me.data.user, isAdmin };

  return (
    <>
      <Link to="/teams" className="text-sm text-indigo-600 hover:text-indigo-500">
        ← All teams
      </Link>
      <div className="mt-3">
        <PageHeader
          title={
            <span className="flex flex-wrap items-center gap-3">
              {team.data.name}
              <RoleBadge role={team.data.role} />
            </span>
          }
          description={team.data.description || (team.data.kind === 'personal' ? 'Your personal workspace.' : undefined)}
        />
      </div>
      <nav aria-label="Team sections" className="mb-6 border-b border-gray-200">
        <ul className="-mb-px flex gap-6" role="tablist">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                role="tab"
                className={({ isActive }) =>
                  `inline-block border-b-2 px-1 pb-3 text-sm font-medium ${
                    isActive ? 'border-indigo-600 text-indigo-600' : 'border-transparent text-gray-500 hover:border-gray-300 hover:text-gray-700'
                  }`
                }
              >
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet context={context} />
    </>
  );
}

export function AdminOnly({ children }: { children: ReactNode }) {
  const { isAdmin } = useTeamContext();
  if (isAdmin) return <>{children}</>;
  return (
    <div className="rounded-lg border border-gray-200 bg-white px-6 py-8 text-center text-sm text-gray-600">
      Only team admins can see this section.
    </div>
  );
}
