import { useState } from 'react';
import type { ApiToken, CreatedApiToken } from '../api/types';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDate, formatDateTime } from '../ui/format';
import { PageHeader, Panel } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { Table, Td, Th } from '../ui/Table';
import { RoleBadge } from '../teams/RoleBadge';
import { CreateTokenForm } from './CreateTokenForm';
import { NewTokenNotice } from './NewTokenNotice';
import { useRevokeToken, useTokens } from './tokens.api';

function TokenStatus({ token }: { token: ApiToken }) {
  if (token.revokedAt) return <Badge tone="gray">Revoked</Badge>;
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return <Badge tone="red">Expired</Badge>;
  return <Badge tone="green">Active</Badge>;
}

export function TokensPage() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);

  return (
    <>
      <PageHeader title="API tokens" description="Personal tokens for the CLI, CI pipelines and scripts. They act as you, limited to one workspace and role." />
      {created && (
        <div className="mb-6">
          <NewTokenNotice token={created} onDismiss={() => setCreated(null)} />
        </div>
      )}
      <Panel title="Create a token" className="mb-6">
        <CreateTokenForm onCreated={setCreated} />
      </Panel>
      {tokens.isPending ? (
        <LoadingState label="Loading tokens…" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} title="Could not load tokens" onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title="No API tokens">Create a token to call the Argus API from scripts or CI.</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Workspace</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Last used</Th>
              <Th>Expires</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {tokens.data.map((token) => (
              <tr key={token.id} data-testid={`token-${token.name}`}>
                <Td>
                  <p className="font-medium text-gray-900">{token.name}</p>
                  <p className="font-mono text-xs text-gray-500">{token.prefix}…</p>
                </Td>
                <Td>{token.workspaceName}</Td>
                <Td>
                  <RoleBadge role={token.role} />
                </Td>
                <Td>
                  <TokenStatus token={token} />
                </Td>
                <Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Td>
                <Td>{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</Td>
                <Td className="text-right">
                  {!token.revokedAt && (
                    <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setToRevoke(token)}>
                      Revoke
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={toRevoke !== null}
        title={`Revoke “${toRevoke?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => toRevoke && revoke.mutate(toRevoke.id, { onSuccess: () => setToRevoke(null) })}
        onCancel={() => {
          setToRevoke(null);
          revoke.reset();
        }}
      >
        Anything using this token will immediately get 401 responses. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
