import type { Request } from 'express';
import { z } from 'zod';
import { findApiTokenListRow, findMembership, insertApiToken, listApiTokensOfUser, lockApiTokenOfUser, revokeApiToken, type ApiTokenListRow } from '@argus/db';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import { defineRoute } from '../http/route';
import { ForbiddenError, NotFoundError } from '../http/errors';
import { requireWorkspace, isUuid } from '../access/workspace-access';
import { WORKSPACE_ROLES, weakerRole, type WorkspaceRole } from '../access/permissions';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import { recordActivity } from '../audit/activity-log';

/** How many leading characters of a token are kept to recognise it in lists ("argus_pat_Xy"). */
const TOKEN_PREFIX_LENGTH = 12;
const DAY_MS = 24 * 60 * 60 * 1000;

const ZRole = z.enum(WORKSPACE_ROLES);
const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  role: ZRole,
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export interface ApiTokenView {
  id: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  role: WorkspaceRole;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

function toApiToken(row: ApiTokenListRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    workspaceId: row.workspaceId,
    workspaceName: row.workspaceName,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt ?? null,
    expiresAt: row.expiresAt ?? null,
    revokedAt: row.revokedAt ?? null,
  };
}

/** Tokens are managed with a login session only: a leaked CI token must not be able to mint or list others. */
function sessionOnly(auth: AuthContext) {
  if (auth.via !== 'session') throw new ForbiddenError('API tokens cannot manage API tokens. Log in to the portal to do this.');
}

async function createToken(
  deps: AppDeps,
  req: Request,
  auth: AuthContext,
  input: { name: string; workspaceId: string; role: WorkspaceRole; expiresInDays?: number },
): Promise<ApiTokenView & { token: string }> {
  sessionOnly(auth);
  const access = await requireWorkspace(deps, auth, input.workspaceId, 'results:view', 'workspace');
  const token = newOpaqueToken('pat');
  const prefix = token.slice(0, TOKEN_PREFIX_LENGTH);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
  const id = await deps.knex.transaction(async (trx) => {
    // Read the role again under a row lock so a concurrent demotion cannot slip between check and insert.
    const member = await findMembership(trx, access.workspaceId, auth.userId, { forUpdate: true });
    if (!member) throw new NotFoundError('No workspace with that id exists in your workspaces.');
    if (weakerRole(input.role, member.role) !== input.role) {
      throw new ForbiddenError(`A token cannot have more rights than you: your role in this workspace is ${member.role}, the token asks for ${input.role}.`);
    }
    const tokenId = await insertApiToken(trx, { userId: auth.userId, workspaceId: access.workspaceId, name: input.name, role: input.role, prefix, tokenHash: hashToken(token), expiresAt });
    await recordActivity(trx, req, {
      workspaceId: access.workspaceId,
      action: 'token.created',
      resourceType: 'api_token',
      resourceId: tokenId,
      after: { name: input.name, role: input.role, prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return tokenId;
  });
  return { ...toApiToken((await findApiTokenListRow(deps.knex, id))!), token };
}

async function revokeToken(deps: AppDeps, req: Request, auth: AuthContext, tokenId: string): Promise<void> {
  sessionOnly(auth);
  const notFound = () => new NotFoundError('No API token with that id is yours.');
  if (!isUuid(tokenId)) throw notFound();
  await deps.knex.transaction(async (trx) => {
    const token = await lockApiTokenOfUser(trx, tokenId, auth.userId);
    if (!token) throw notFound();
    if (token.revokedAt) return; // idempotent
    await revokeApiToken(trx, tokenId);
    await recordActivity(trx, req, {
      workspaceId: token.workspaceId,
      action: 'token.revoked',
      resourceType: 'api_token',
      resourceId: tokenId,
      before: { name: token.name, role: token.role, prefix: token.prefix },
    });
  });
}

export const tokenRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/tokens',
    summary: 'The caller’s personal API tokens (never the secrets)',
    tags: ['tokens'],
    auth: 'user',
    responses: { 200: { description: 'tokens, newest first', schema: z.array(ZApiToken) } },
    handler: async ({ deps, auth }) => {
      sessionOnly(auth);
      return (await listApiTokensOfUser(deps.knex, auth.userId)).map(toApiToken);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/tokens',
    summary: 'Create a personal API token for one workspace; the secret is shown only in this answer',
    tags: ['tokens'],
    auth: 'user',
    body: z.object({
      name: z.string().trim().min(1).max(100),
      workspaceId: z.string().min(1).max(100),
      role: ZRole,
      expiresInDays: z.number().int().min(1).max(365).nullish(),
    }),
    responses: {
      201: { description: 'the token with its plaintext secret', schema: ZApiToken.extend({ token: z.string() }) },
      403: { description: 'role above the caller’s, or called with an API token' },
      404: { description: 'not a member of that workspace' },
    },
    handler: ({ deps, req, auth, body }) => createToken(deps, req, auth, { ...body, expiresInDays: body.expiresInDays ?? undefined }),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/tokens/:tokenId',
    summary: 'Revoke one of the caller’s API tokens',
    tags: ['tokens'],
    auth: 'user',
    params: z.object({ tokenId: z.string() }),
    responses: { 204: { description: 'revoked' }, 404: { description: 'no such token of yours' } },
    handler: async ({ deps, req, auth, params }) => {
      await revokeToken(deps, req, auth, params.tokenId);
    },
  }),
];
