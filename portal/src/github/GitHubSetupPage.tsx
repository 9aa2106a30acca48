import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Spinner } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';
import { PageHeader } from '../ui/PageHeader';
import { useCurrentWorkspace } from '../workspaces/CurrentWorkspace';
import { useCompleteSetup, type SetupParams } from './github.api';

const BUTTON = 'inline-flex items-center justify-center rounded-md px-3.5 py-2 text-sm font-semibold shadow-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

/** What GitHub appends to the App's callback URL; read once, then taken out of the address bar and history. */
function readCallback(params: URLSearchParams): SetupParams | null {
  const state = params.get('state');
  if (!state) return null;
  const action = params.get('setup_action');
  const installationId = Number(params.get('installation_id'));
  return {
    state,
    code: params.get('code') || undefined,
    installationId: Number.isSafeInteger(installationId) && installationId > 0 ? installationId : undefined,
    setupAction: action === 'update' || action === 'request' ? action : 'install',
  };
}

/**
 * The page GitHub sends the browser back to after "Install the GitHub App" (the App's callback URL,
 * `<PORTAL_URL>/github/setup`). Argus checks with GitHub that the signed-in person can access the installation,
 * then links it to the workspace where the install was started.
 */
export function GitHubSetupPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { workspaces, selectWorkspace } = useCurrentWorkspace();
  const [callback] = useState(() => readCallback(params));
  const setup = useCompleteSetup();
  const sent = useRef(false);

  useEffect(() => {
    if (!callback || sent.current) return;
    sent.current = true;
    // The code and state are single-use secrets: keep them out of the address bar, history and bookmarks.
    void navigate('/github/setup', { replace: true });
    setup.mutate(callback, { onSuccess: (result) => selectWorkspace(result.workspaceId) });
  }, [callback, navigate, setup, selectWorkspace]);

  const workspaceName = setup.data ? workspaces.find((w) => w.id === setup.data.workspaceId)?.name : undefined;

  return (
    <>
      <PageHeader title="Connecting GitHub" description="Linking the Argus GitHub App to your workspace." />
      <div className="max-w-2xl space-y-4" data-testid="github-setup">
        {!callback && !setup.isPending && !setup.data && (
          <div className="rounded-md bg-gray-100 px-4 py-3 text-sm text-gray-700">
            GitHub sends you to this page after you install the Argus GitHub App. To install it, go to{' '}
            <Link to="/repositories" className="font-medium text-indigo-600">
              Repositories
            </Link>{' '}
            and click <em>Install the GitHub App</em>.
          </div>
        )}

        {setup.isPending && (
          <div role="status" className="flex items-center gap-3 rounded-md border border-gray-200 bg-white px-4 py-3 text-sm text-gray-700">
            <Spinner className="h-5 w-5 text-indigo-600" />
            Checking with GitHub that your account can access this installation…
          </div>
        )}

        {setup.isError && (
          <>
            <ErrorAlert error={setup.error} title="The GitHub App was not linked" />
            <Link to="/repositories" className={`${BUTTON} bg-white text-gray-900 ring-1 ring-inset ring-gray-300 hover:bg-gray-50`}>
              Back to Repositories
            </Link>
          </>
        )}

        {setup.data && (
          <>
            <SuccessAlert>
              {setup.data.message}
              {workspaceName && setup.data.status === 'linked' && (
                <>
                  {' '}
                  Workspace: <strong>{workspaceName}</strong>.
                </>
              )}
            </SuccessAlert>
            <Link to="/repositories" className={`${BUTTON} bg-indigo-600 text-white hover:bg-indigo-500`} data-testid="github-setup-continue">
              {setup.data.status === 'linked' ? 'Choose repositories' : 'Back to Repositories'}
            </Link>
          </>
        )}
      </div>
    </>
  );
}
