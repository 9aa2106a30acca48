import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '@argus/activities/worker';
import type { InvoiceDueSubscriptionsInput, InvoiceDueSubscriptionsResult } from './contract';

const batches = (heartbeatTimeout: string) =>
  proxyActivities<Activities>({ startToCloseTimeout: '30 minutes', heartbeatTimeout, retry: { initialInterval: '1 second', maximumInterval: '30 seconds' } });
const { announceInvoices } = proxyActivities<Activities>({ startToCloseTimeout: '10 minutes', retry: { initialInterval: '1 second', maximumInterval: '30 seconds' } });

/**
 * The monthly invoicing run (started by a Temporal Schedule, or by hand): closes the period of every subscription
 * whose period ended by `asOf`, in batches, then mails the new invoices. Running it twice, overlapping it with
 * another run or killing its worker half-way creates no second invoice: each period is closed in one transaction
 * under the subscription's row lock, and an invoice is unique per subscription and period.
 */
export async function invoiceDueSubscriptions(input: InvoiceDueSubscriptionsInput = {}): Promise<InvoiceDueSubscriptionsResult> {
  const asOf = input.asOf ?? new Date(workflowInfo().startTime).toISOString();
  const limit = input.batchSize ?? 500;
  const concurrency = input.concurrency ?? 6;
  const { invoiceDueBatch } = batches(input.heartbeatTimeout ?? '30 seconds');
  let processed = 0;
  let invoicesCreated = 0;
  // A subscription several periods behind is closed once per pass, so passes repeat until one closes nothing.
  for (let pass = 0; pass < 36; pass++) {
    let afterId: string | null = null;
    let closedInPass = 0;
    for (;;) {
      const batch: Awaited<ReturnType<typeof invoiceDueBatch>> = await invoiceDueBatch({ asOf, afterId, limit, concurrency });
      processed += batch.processed;
      invoicesCreated += batch.invoicesCreated;
      closedInPass += batch.closed;
      afterId = batch.lastId;
      if (batch.done) break;
    }
    if (closedInPass === 0) break;
  }
  let announced = 0;
  for (;;) {
    const { announced: n } = await announceInvoices();
    announced += n;
    if (n === 0) break;
  }
  return { asOf, processed, invoicesCreated, announced };
}
