import { useQueryClient } from '@tanstack/react-query';
import type { Run, RunProgress, RunStatus } from '../api/types';
import { findingKeys } from '../findings/findings.api';
import { isTerminal, runKeys } from '../runs/runs.api';
import { useLiveSocket } from './useLiveSocket';
import type { LiveSocketState } from './useLiveSocket';

// Messages of docs/api-contract.md, "Live updates (WebSocket)".

export interface RunUpdatedMessage {
  type: 'run.updated';
  runId: string;
  workspaceId: string;
  repositoryId: string;
  status: RunStatus;
  progress?: RunProgress;
}

export type RunSocketMessage = { type: 'snapshot'; run: Run } | RunUpdatedMessage;
export type DashboardSocketMessage = { type: 'snapshot'; runs: Run[] } | RunUpdatedMessage;

export const runSocketPath = (runId: string) => `/ws/run/${encodeURIComponent(runId)}`;
export const dashboardSocketPath = (userId: string) => `/ws/dashboard/${encodeURIComponent(userId)}`;

/**
 * Keeps the cached run (runKeys.detail) current from /ws/run/:runId. The snapshot after every
 * (re)connect replaces the run, so nothing missed while disconnected stays missed. A status change
 * re-reads the run (startedAt, summary, gate); a final status also re-reads its findings.
 */
export function useRunLiveUpdates(runId: string, enabled: boolean): LiveSocketState {
  const queryClient = useQueryClient();
  return useLiveSocket<RunSocketMessage>(enabled ? runSocketPath(runId) : null, {
    onMessage(message) {
      const key = runKeys.detail(runId);
      const previous = queryClient.getQueryData<Run>(key);
      let status: RunStatus;
      if (message.type === 'snapshot') {
        if (message.run?.id !== runId) return;
        status = message.run.status;
        // The snapshot comes without repositoryName; keep the one the HTTP answer had.
        queryClient.setQueryData<Run>(key, { ...message.run, repositoryName: message.run.repositoryName ?? previous?.repositoryName });
      } else if (message.type === 'run.updated' && message.runId === runId) {
        status = message.status;
        queryClient.setQueryData<Run>(key, (run) => (run ? { ...run, status, progress: message.progress ?? run.progress } : run));
        if (previous && previous.status !== status) void queryClient.invalidateQueries({ queryKey: key });
      } else {
        return;
      }
      if (previous && previous.status !== status) {
        void queryClient.invalidateQueries({ queryKey: runKeys.lists });
        if (isTerminal(status)) void queryClient.invalidateQueries({ queryKey: findingKeys.run(runId) });
      }
    },
  });
}
