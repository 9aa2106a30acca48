import { Card, Metric, Text } from '@tremor/react';
import { Link } from 'react-router';
import { useMe } from '../auth/auth.api';
import { formatRole } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState } from '../ui/states';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';

export function DashboardPage() {
  const me = useMe();
  const { workspace, workspaces } = useCurrentWorkspace();
  const firstName = me.data?.user.name.split(' ')[0];

  return (
    <>
      <PageHeader
        title={firstName ? `Welcome back, ${firstName}` : 'Dashboard'}
        description={workspace ? `You are working in ${workspace.name}.` : undefined}
      />
      {workspace ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <Card>
            <Text>Workspaces</Text>
            <Metric data-testid="kpi-workspaces">{workspaces.length}</Metric>
            <Text className="mt-2">
              <Link to="/teams" className="text-indigo-600 hover:text-indigo-500">
                View teams
              </Link>
            </Text>
          </Card>
          <Card>
            <Text>Members in {workspace.name}</Text>
            <Metric data-testid="kpi-members">{workspace.memberCount}</Metric>
            <Text className="mt-2">
              <Link to={`/teams/${workspace.id}/members`} className="text-indigo-600 hover:text-indigo-500">
                Manage members
              </Link>
            </Text>
          </Card>
          <Card>
            <Text>Your role</Text>
            <Metric data-testid="kpi-role">{formatRole(workspace.role)}</Metric>
            <Text className="mt-2">{workspace.kind === 'personal' ? 'Personal workspace' : 'Team workspace'}</Text>
          </Card>
        </div>
      ) : (
        <EmptyState title="No workspace yet" action={<Link to="/teams" className="text-sm font-medium text-indigo-600">Create a team</Link>}>
          Create a team to start working with others.
        </EmptyState>
      )}
    </>
  );
}
