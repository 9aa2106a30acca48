import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../api/client';
import type { Category, FileRole, Finding, FindingStatus, FindingsPage, SarifImportResult, Severity, TriageStatus } from '../api/types';
import { runKeys } from '../runs/runs.api';

export interface FindingFilters {
  severity: Severity[];
  category: Category[];
  rule?: string;
  path?: string;
  status?: FindingStatus;
  /** true: new in this run, false: seen before, undefined: both. */
  isNew?: boolean;
  /** Which code to list: production (the default), one other role, or everything. */
  fileRole?: FileRole | 'all';
}

export const FINDINGS_PAGE_SIZE = 50;

export const findingKeys = {
  all: ['findings'] as const,
  run: (runId: string) => ['findings', 'run', runId] as const,
  list: (runId: string, filters: FindingFilters, page: number) => ['findings', 'run', runId, { ...filters, page }] as const,
};

const runPath = (runId: string) => `/api/runs/${encodeURIComponent(runId)}`;

export function useFindings(runId: string, filters: FindingFilters, page: number) {
  return useQuery({
    queryKey: findingKeys.list(runId, filters, page),
    queryFn: () =>
      api<FindingsPage>(`${runPath(runId)}/findings`, {
        query: {
          severity: filters.severity.join(','),
          category: filters.category.join(','),
          rule: filters.rule,
          path: filters.path,
          status: filters.status,
          new: filters.isNew === undefined ? undefined : String(filters.isNew),
          fileRole: filters.fileRole === 'all' ? 'production,test,example,docs,fixture' : filters.fileRole,
          page,
          pageSize: FINDINGS_PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useTriageFinding(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ findingId, status, reason }: { findingId: string; status: TriageStatus; reason?: string }) =>
      api<Finding>(`/api/findings/${encodeURIComponent(findingId)}/triage`, { method: 'PATCH', body: { status, reason } }),
    onSuccess: (finding) => {
      // Show the new status at once, then re-read: the row may no longer match a status filter, and
      // triage is kept per fingerprint, so other runs of the repository change too.
      queryClient.setQueriesData<FindingsPage>({ queryKey: findingKeys.run(runId) }, (page) =>
        page ? { ...page, items: page.items.map((f) => (f.id === finding.id ? finding : f)) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: findingKeys.all });
      // The API recounted the run (and every run with this fingerprint): summary cards, severity bars and the gate.
      void queryClient.invalidateQueries({ queryKey: runKeys.all });
    },
  });
}

export function useDownloadSarif(runId: string) {
  return useMutation({
    mutationFn: () => downloadFile(`${runPath(runId)}/sarif`, { filename: `argus-${runId}.sarif`, accept: 'application/sarif+json, application/json' }),
  });
}

/** Thrown before anything is sent when the chosen file is not a JSON document. */
class InvalidSarifFileError extends Error {
  constructor(fileName: string) {
    super(`${fileName} is not a JSON file. Choose a SARIF 2.1.0 log (.sarif or .json).`);
    this.name = 'InvalidSarifFileError';
  }
}

export function useImportSarif(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const text = await file.text();
      try {
        JSON.parse(text);
      } catch {
        throw new InvalidSarifFileError(file.name);
      }
      // Sent as the file's own text: no need to re-serialise a log that can be tens of megabytes.
      return api<SarifImportResult>(`${runPath(runId)}/sarif`, {
        method: 'POST',
        body: text,
        headers: { 'Content-Type': 'application/json' },
      });
    },
    onSuccess: () => {
      // The import recomputes the run's summary.
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
      void queryClient.invalidateQueries({ queryKey: findingKeys.run(runId) });
    },
  });
}
