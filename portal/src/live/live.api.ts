import { useQueryClient } from '@tanstack/react-query';
import type { Run, RunProgress, RunStatus } from '../api/types';
import { findingKeys } from '../findings/findings.api';
import { isTerminal, runKeys } from '../runs/runs.api';
import { useLiveSocket } from './useLiveSocket';
import type { LiveSocketState } from './useLiveSocket';

// Messages of docs/api-contract.md, "Live updates (WebSocket)".

interface RunUpdatedMessage {
  type: 'run.updated';
  runId: string;
  workspaceId: string;
  repositoryId: string;
  status: RunStatus;
  progress?: RunProgress;
  /** Sent when a finished run's counts change (triage): its new summary and gate. */
  summary?: Run['summary'];
  gate?: Run['gate'];
}

type RunSocketMessage = { type: 'snapshot'; run: Run } | RunUpdatedMessage;
export type DashboardSocketMessage = { type: 'snapshot'; runs: Run[] } | RunUpdatedMessage;

const runSocketPath = (runId: string) => `/ws/run/${encodeURIComponent(runId)}`;
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
        queryClient.setQueryData<Run>(key, (run) =>
          run ? { ...run, status, progress: message.progress ?? run.progress, ...(message.summary !== undefined ? { summary: message.summary, gate: message.gate ?? run.gate } : {}) } : run,
        );
        if (previous && previous.status !== status) void queryClient.invalidateQueries({ queryKey: key });
        // Someone triaged a finding: its row (and the counts of other lists) changed too.
        if (message.summary !== undefined) {
          void queryClient.invalidateQueries({ queryKey: findingKeys.run(runId) });
          void queryClient.invalidateQueries({ queryKey: runKeys.lists });
        }
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
