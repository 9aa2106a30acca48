import request from 'supertest';
import { expect } from 'vitest';

/** Polls the real API until the run reaches a final status. */
export async function waitForRun(app: Parameters<typeof request>[0], authHeader: string, runId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(app).get(`/api/runs/${runId}`).set('authorization', authHeader);
    if (res.status === 200 && ['completed', 'failed', 'cancelled'].includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish: ${JSON.stringify(res.body)}`);
    expect([200, 404]).toContain(res.status);
    await new Promise((r) => setTimeout(r, 250));
  }
}
