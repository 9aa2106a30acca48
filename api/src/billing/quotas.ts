import { checkQuota, type QuotaMetric } from '@argus/activities';
import type { AppDeps } from '../app-deps';
import { PaymentRequiredError } from '../http/errors';
import { settingsOf } from './billing.service';

/**
 * 402 problem+json when the plan does not cover one more analysis or fix: with the limit, the usage, the plan and
 * where to upgrade, so the portal can show an upgrade prompt.
 */
export async function assertQuota(deps: AppDeps, workspaceId: string, metric: QuotaMetric): Promise<void> {
  const decision = await checkQuota(deps.knex, settingsOf(deps), workspaceId, metric);
  if (decision.allowed) return;
  throw new PaymentRequiredError(decision.message, {
    metric: decision.metric === 'analysis' ? 'analyses' : 'ai_fixes',
    reason: decision.reason,
    limit: decision.limit,
    usage: decision.usage,
    tier: decision.tier,
    upgrade: { url: `${deps.config.PORTAL_URL.replace(/\/$/, '')}/billing`, hint: decision.reason === 'restricted' ? 'Pay the open invoice on the Billing page.' : 'Compare the plans on the Billing page: paid plans include more, and bill analyses over their allowance instead of stopping.' },
  });
}
