import request from 'supertest';

/** Test support for the fix e2e tests (not a test file). */

export { createBareSampleRemote, gitIn, mergeIntoMain, ROLES_JS, type BareRemote } from './sample-remote';

const FINAL_FIX_STATUSES = ['validated', 'rejected', 'failed', 'pr_open', 'merged', 'closed'];

/** Polls the API until the fix reaches one of `statuses`. */
export async function waitForFix(app: Parameters<typeof request>[0], authHeader: string, findingId: string, fixId: string, statuses = FINAL_FIX_STATUSES, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(app).get(`/api/fixes/result/${findingId}/all`).set('authorization', authHeader);
    const fix = res.body.fixes?.find((f: { id: string }) => f.id === fixId);
    if (fix && statuses.includes(fix.status)) return fix;
    if (Date.now() > deadline) throw new Error(`fix ${fixId} did not reach ${statuses.join('/')}: ${JSON.stringify(fix ?? res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
