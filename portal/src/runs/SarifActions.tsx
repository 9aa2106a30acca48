import { useRef } from 'react';
import type { ChangeEvent, ReactNode } from 'react';
import { useDownloadSarif, useImportSarif } from '../findings/findings.api';
import { Button } from '../ui/Button';
import { ErrorAlert, SuccessAlert } from '../ui/ErrorAlert';

export function SarifDownloadButton({ runId, onResult }: { runId: string; onResult: (node: ReactNode) => void }) {
  const download = useDownloadSarif(runId);
  return (
    <Button
      variant="secondary"
      loading={download.isPending}
      onClick={() => {
        onResult(null);
        download.mutate(undefined, { onError: (error) => onResult(<ErrorAlert error={error} title="The SARIF download failed" />) });
      }}
      data-testid="download-sarif"
    >
      Download SARIF
    </Button>
  );
}

/** Import another tool's SARIF 2.1.0 log into the run: pick a file, it is posted as JSON. */
export function SarifImportButton({ runId, onResult }: { runId: string; onResult: (node: ReactNode) => void }) {
  const importSarif = useImportSarif(runId);
  const input = useRef<HTMLInputElement>(null);

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again must fire onChange again
    if (!file) return;
    onResult(null);
    importSarif.mutate(file, {
      onSuccess: (result) =>
        onResult(
          <SuccessAlert>
            <span data-testid="sarif-import-result">
              Imported <strong>{result.imported}</strong> finding{result.imported === 1 ? '' : 's'} from {file.name}
              {' · '}
              {result.duplicates} duplicate{result.duplicates === 1 ? '' : 's'} · {result.skipped} skipped (no location or rule)
            </span>
          </SuccessAlert>,
        ),
      onError: (error) => onResult(<ErrorAlert error={error} title={`${file.name} was not imported`} />),
    });
  }

  return (
    <>
      <input ref={input} type="file" accept=".sarif,.json,application/json,application/sarif+json" className="hidden" onChange={onFile} data-testid="import-sarif-input" aria-label="SARIF file to import" />
      <Button variant="secondary" loading={importSarif.isPending} onClick={() => input.current?.click()} data-testid="import-sarif">
        Import SARIF
      </Button>
    </>
  );
}
