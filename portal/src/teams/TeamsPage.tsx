import { Link } from 'react-router';
import { PageHeader, Panel } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { CreateTeamForm } from './CreateTeamForm';
import { RoleBadge } from './RoleBadge';
import { useTeams } from './teams.api';

export function TeamsPage() {
  const teams = useTeams();

  return (
    <>
      <PageHeader title="Teams" description="Workspaces you share with other people." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {teams.isPending ? (
            <LoadingState label="Loading teams…" />
          ) : teams.isError ? (
            <ErrorState error={teams.error} title="Could not load teams" onRetry={() => void teams.refetch()} />
          ) : teams.data.length === 0 ? (
            <EmptyState title="No teams yet">Create your first team with the form.</EmptyState>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Your role</Th>
                  <Th className="text-right">Members</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {teams.data.map((team) => (
                  <tr key={team.id} className="hover:bg-gray-50">
                    <Td>
                      <Link to={`/teams/${team.id}`} className="font-medium text-gray-900 hover:text-indigo-600">
                        {team.name}
                      </Link>
                      <span className="ml-2 text-xs text-gray-500">
                        {team.kind === 'personal' ? 'personal' : team.slug}
                      </span>
                    </Td>
                    <Td>
                      <RoleBadge role={team.role} />
                    </Td>
                    <Td className="text-right tabular-nums">{team.memberCount}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
        <Panel title="Create a team" description="You become its admin.">
          <CreateTeamForm />
        </Panel>
      </div>
    </>
  );
}
