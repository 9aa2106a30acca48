import type { CreatedApiToken } from '../api/types';
import { Button } from '../ui/Button';
import { CopyButton } from '../ui/CopyButton';

/** The plaintext token exists only in this component's props; once dismissed it is gone for good. */
export function NewTokenNotice({ token, onDismiss }: { token: CreatedApiToken; onDismiss: () => void }) {
  return (
    <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-5">
      <p className="text-sm font-semibold text-emerald-900">Token “{token.name}” created</p>
      <p className="mt-1 text-sm text-emerald-800">Copy it now. For your security it will not be shown again.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code
          className="min-w-0 flex-1 select-all break-all rounded-md bg-white px-3 py-2 font-mono text-sm text-gray-900 ring-1 ring-emerald-200"
          data-testid="new-token-value"
        >
          {token.token}
        </code>
        <CopyButton value={token.token} />
      </div>
      <Button variant="ghost" size="sm" className="mt-3" onClick={onDismiss}>
        I have copied it
      </Button>
    </div>
  );
}
