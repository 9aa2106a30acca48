import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Workspace } from '../api/types';
import { useRepositories } from '../repositories/repositories.api';
import { Panel } from '../ui/PageHeader';
import { canManageRepositories, canRunAnalysis } from '../workspaces/permissions';

interface Step {
  key: 'connect' | 'analyze' | 'invite';
  title: string;
  done: boolean;
  body: ReactNode;
  action: ReactNode;
}

const linkClass = 'inline-flex items-center rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
const quietLinkClass = 'text-sm font-medium text-indigo-600 hover:text-indigo-500';

/** The dashboard of a workspace without any run yet: the three steps to a first result. */
export function GettingStarted({ workspace, workspaces }: { workspace: Workspace; workspaces: readonly Workspace[] }) {
  const repositories = useRepositories(workspace.id, { page: 1, pageSize: 1 });
  const connected = (repositories.data?.total ?? 0) > 0;
  const teammates = workspaces.some((w) => w.kind === 'team' && w.memberCount > 1);
  const mayConnect = canManageRepositories(workspace.role);
  const mayAnalyze = canRunAnalysis(workspace.role);
  const teamAdmin = workspace.kind === 'team' && workspace.role === 'admin';

  const steps: Step[] = [
    {
      key: 'connect',
      title: 'Connect a repository',
      done: connected,
      body: 'Install the Argus GitHub App on your repositories, so that every push and pull request is analyzed, or connect any git remote by its URL.',
      action: mayConnect ? (
        <Link to="/repositories?connect" className={linkClass} data-testid="onboarding-connect">
          Connect a repository
        </Link>
      ) : (
        <span className="text-sm text-gray-600">Only admins of {workspace.name} can connect repositories: ask one of them.</span>
      ),
    },
    {
      key: 'analyze',
      title: 'Run an analysis',
      done: false,
      body: 'Argus clones the repository, runs its analyzers and shows the findings, the quality gate and the fixes it can make. The first run is the baseline; later runs show what is new.',
      action: !connected ? (
        <span className="text-sm text-gray-500">Connect a repository first.</span>
      ) : mayAnalyze ? (
        <Link to="/repositories" className={linkClass} data-testid="onboarding-analyze">
          Choose “Analyze now”
        </Link>
      ) : (
        <span className="text-sm text-gray-600">Only admins and developers of {workspace.name} can start analyses.</span>
      ),
    },
    {
      key: 'invite',
      title: 'Invite a teammate',
      done: teammates,
      body:
        workspace.kind === 'personal'
          ? 'Your personal workspace is yours alone. Create a team to share repositories and results, then invite people to it.'
          : `Invite the people you work with to ${workspace.name}, as admins, developers or viewers.`,
      action: teamAdmin ? (
        <Link to={`/teams/${workspace.id}/invitations`} className={quietLinkClass} data-testid="onboarding-invite">
          Invite someone to {workspace.name}
        </Link>
      ) : (
        <Link to="/teams" className={quietLinkClass} data-testid="onboarding-invite">
          Create a team
        </Link>
      ),
    },
  ];
  const remaining = steps.filter((s) => !s.done).length;

  return (
    <Panel title="Get started" description={`${remaining} of ${steps.length} steps left before your first results in ${workspace.name}.`}>
      <ol className="space-y-4" data-testid="getting-started">
        {steps.map((step, index) => (
          <li key={step.key} className="flex gap-3" data-testid={`onboarding-step-${step.key}`} data-done={step.done}>
            <span
              className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${step.done ? 'bg-green-100 text-green-700' : 'bg-indigo-50 text-indigo-700 ring-1 ring-inset ring-indigo-200'}`}
              aria-hidden="true"
            >
              {step.done ? '✓' : index + 1}
            </span>
            <div className="min-w-0 flex-1">
              <p className={`text-sm font-semibold ${step.done ? 'text-gray-500 line-through' : 'text-gray-900'}`}>
                {step.title}
                {step.done && <span className="sr-only"> (done)</span>}
              </p>
              {!step.done && (
                <>
                  <p className="mt-0.5 text-sm text-gray-600">{step.body}</p>
                  <div className="mt-2">{step.action}</div>
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
