import { Octokit } from '@octokit/rest';
import { createAppAuth } from '@octokit/auth-app';
import type { Knex } from '@argus/db';
import { knownDeliveryIds } from '@argus/db';
import type { GitHubAppConfig } from './github';

/** An Octokit authenticated as the App itself (JWT), for /app/* endpoints such as webhook deliveries. */
export function createAppOctokit(app: GitHubAppConfig): Octokit {
  return new Octokit({ baseUrl: app.apiUrl, authStrategy: createAppAuth, auth: { appId: app.appId, privateKey: app.privateKey }, request: { retries: 0 } });
}

export interface ReconcileResult {
  examined: number;
  failed: number;
  redelivered: string[];
}

/**
 * GitHub never retries a failed delivery by itself, but keeps it redeliverable for 3 days. This lists the App's
 * recent deliveries, and asks GitHub to redeliver each one that failed, never succeeded on a later attempt, and
 * never reached Argus (no row under its X-GitHub-Delivery guid). Redelivering twice is harmless: the guid is
 * the workflow id.
 */
export function createGitHubDeliveryActivities({ knex, appOctokit }: { knex: Knex; appOctokit: Octokit | null }) {
  return {
    async reconcileGitHubDeliveries({ lookbackHours }: { lookbackHours: number }): Promise<ReconcileResult> {
      if (!appOctokit) return { examined: 0, failed: 0, redelivered: [] };
      const since = Date.now() - lookbackHours * 3_600_000;
      const byGuid = new Map<string, { ok: boolean; failedId?: number }>();
      let examined = 0;
      let cursor: string | undefined;
      pages: for (let page = 0; page < 50; page++) {
        const res = await appOctokit.rest.apps.listWebhookDeliveries({ per_page: 100, ...(cursor ? { cursor } : {}) });
        for (const d of res.data) {
          if (Date.parse(d.delivered_at) < since) break pages;
          examined++;
          const entry = byGuid.get(d.guid) ?? { ok: false };
          if (d.status_code >= 200 && d.status_code < 300) entry.ok = true;
          else entry.failedId ??= d.id;
          byGuid.set(d.guid, entry);
        }
        cursor = /[?&]cursor=([^&>]+)[^>]*>;\s*rel="next"/.exec(res.headers.link ?? '')?.[1];
        if (!cursor || res.data.length === 0) break;
      }
      const candidates = [...byGuid.entries()].filter(([, e]) => !e.ok && e.failedId !== undefined);
      const known = await knownDeliveryIds(knex, 'github', candidates.map(([guid]) => guid));
      const redelivered: string[] = [];
      for (const [guid, entry] of candidates) {
        if (known.has(guid)) continue;
        await appOctokit.rest.apps.redeliverWebhookDelivery({ delivery_id: entry.failedId! });
        redelivered.push(guid);
      }
      return { examined, failed: candidates.length, redelivered };
    },
  };
}
