import { z } from 'zod';
import { hasBadText } from '../http/text-guard';

/**
 * The fields of GitHub's payloads that Argus reads, validated at intake (everything else passes through untouched).
 * A signed delivery that does not match is answered 400 and recorded as failed: it is never retried into a 5xx,
 * and never becomes a workflow that fails ten times.
 */
const text = (max = 1000) => z.string().max(max).refine((s) => !hasBadText(s), 'must not contain NUL characters or broken Unicode');
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const sha = z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-character commit SHA');
const repository = z.looseObject({ id, full_name: text(300), default_branch: text(300).optional() });
const account = z.looseObject({ login: text(200), id: id.optional(), type: text(50).optional() });
const repoRef = z.looseObject({ id, full_name: text(300) });

const ZPush = z.looseObject({
  ref: text(500),
  after: sha,
  deleted: z.boolean().optional(),
  repository,
});

const ZPullRequest = z.looseObject({
  action: text(100),
  number: id.optional(),
  pull_request: z.looseObject({
    number: id,
    merged: z.boolean().nullish(),
    merged_at: text(100).nullish(),
    closed_at: text(100).nullish(),
    head: z.looseObject({ sha, ref: text(500), repo: z.looseObject({ id }).nullish() }),
    base: z.looseObject({ sha, ref: text(500) }),
    merged_by: z.looseObject({ login: text(200) }).nullish(),
  }),
  repository,
});

const ZInstallation = z.looseObject({
  action: text(100),
  installation: z.looseObject({ id, account: account.nullish() }),
  repositories: z.array(repoRef).max(10_000).optional(),
  repositories_added: z.array(repoRef).max(10_000).optional(),
  repositories_removed: z.array(z.looseObject({ id })).max(10_000).optional(),
});

const SCHEMAS: Record<string, z.ZodType> = {
  push: ZPush,
  pull_request: ZPullRequest,
  installation: ZInstallation,
  installation_repositories: ZInstallation,
};

export type GitHubPayloadCheck = { ok: true; payload: unknown } | { ok: false; problem: string };

/** Events Argus does not use are not checked: they are only recorded as ignored. */
export function checkGitHubPayload(event: string, payload: unknown): GitHubPayloadCheck {
  const schema = SCHEMAS[event];
  if (!schema) return { ok: true, payload };
  // A branch deletion carries an all-zero `after`: valid, and ignored later.
  if (event === 'push' && typeof payload === 'object' && payload !== null && (payload as { deleted?: unknown }).deleted === true) {
    const loose = ZPush.extend({ after: text(100) }).safeParse(payload);
    return loose.success ? { ok: true, payload: loose.data } : { ok: false, problem: describe(loose.error) };
  }
  const result = schema.safeParse(payload);
  return result.success ? { ok: true, payload: result.data } : { ok: false, problem: describe(result.error) };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'the body'} ${i.message}`)
    .join('; ');
}
