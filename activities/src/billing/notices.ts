import { billingContactsOf, findWorkspaceById, listMembers, type Db, type InvoiceRow } from '@argus/db';
import type { Mailer } from '../platform/mailer';
import { formatCents } from './pricing';

// Mails about billing go to the workspace's billing address, or else to its admins. Without SMTP they stay in the
// outbox (the ops console lists them), like every Argus mail.

export type BillingNotice =
  | { kind: 'invoice'; invoice: InvoiceRow }
  | { kind: 'payment_failed'; invoice: InvoiceRow; message: string; nextAttemptAt: string | null }
  | { kind: 'payment_succeeded'; invoice: InvoiceRow }
  | { kind: 'restricted'; invoice: InvoiceRow | null }
  | { kind: 'plan_changed'; summary: string }
  | { kind: 'cancelled'; summary: string }
  | { kind: 'trial_ended'; summary: string };

async function recipients(db: Db, workspaceId: string, billingEmail: string | null): Promise<string[]> {
  if (billingEmail) return [billingEmail];
  return (await listMembers(db, workspaceId)).filter((m) => m.role === 'admin').map((m) => m.email);
}

function renderNotice(workspaceName: string, notice: BillingNotice, portalUrl: string): { subject: string; text: string; template: string } {
  const billing = `${portalUrl.replace(/\/$/, '')}/billing`;
  switch (notice.kind) {
    case 'invoice': {
      const i = notice.invoice;
      return {
        template: 'billing.invoice',
        subject: `Argus invoice ${i.number} for ${workspaceName}: ${formatCents(i.totalCents, i.currency)}`,
        text: `Invoice ${i.number} for ${workspaceName} covers ${i.billingPeriodStart.toISOString().slice(0, 10)} to ${i.billingPeriodEnd.toISOString().slice(0, 10)}.\nTotal: ${formatCents(i.totalCents, i.currency)}${i.taxCents ? ` (including ${formatCents(i.taxCents, i.currency)} tax)` : ''}.\n\n${i.status === 'paid' ? 'Nothing is due: credits covered it.' : 'It is charged to the card on file.'}\nThe invoice and its PDF are on the Billing page: ${billing}\n`,
      };
    }
    case 'payment_failed':
      return {
        template: 'billing.payment_failed',
        subject: `Payment for Argus invoice ${notice.invoice.number} failed`,
        text: `We could not collect ${formatCents(notice.invoice.totalCents, notice.invoice.currency)} for invoice ${notice.invoice.number} of ${workspaceName}: ${notice.message}\n\n${notice.nextAttemptAt ? `We will try again on ${notice.nextAttemptAt.slice(0, 16).replace('T', ' ')} UTC.` : 'This was the last automatic attempt.'} Update the card or retry the payment on the Billing page: ${billing}\n`,
      };
    case 'payment_succeeded':
      return { template: 'billing.payment_succeeded', subject: `Thank you: Argus invoice ${notice.invoice.number} is paid`, text: `Invoice ${notice.invoice.number} of ${workspaceName} (${formatCents(notice.invoice.totalCents, notice.invoice.currency)}) is paid. ${billing}\n` };
    case 'restricted':
      return {
        template: 'billing.restricted',
        subject: `${workspaceName}: new analyses are paused until the invoice is paid`,
        text: `Every attempt to collect${notice.invoice ? ` invoice ${notice.invoice.number}` : ' the open invoice'} failed, so ${workspaceName} can no longer start analyses. Nothing is deleted: findings, runs and settings are kept. Pay the invoice on the Billing page and analyses resume at once: ${billing}\n`,
      };
    case 'plan_changed':
      return { template: 'billing.plan_changed', subject: `${workspaceName}: your Argus plan changed`, text: `${notice.summary}\n\n${billing}\n` };
    case 'cancelled':
      return { template: 'billing.cancelled', subject: `${workspaceName}: your Argus subscription is cancelled`, text: `${notice.summary}\n\nYour data stays; choose a plan again any time: ${billing}\n` };
    case 'trial_ended':
      return { template: 'billing.trial_ended', subject: `${workspaceName}: your Argus trial ended`, text: `${notice.summary}\n\n${billing}\n` };
  }
}

export async function sendBillingNotice(db: Db, mailer: Mailer, portalUrl: string, target: { workspaceId: string; billingEmail: string | null }, notice: BillingNotice): Promise<number> {
  const workspace = await findWorkspaceById(db, target.workspaceId);
  const to = await recipients(db, target.workspaceId, target.billingEmail);
  const mail = renderNotice(workspace?.name ?? 'your workspace', notice, portalUrl);
  for (const address of to) await mailer.send({ to: address, ...mail });
  return to.length;
}

/** Announces many new invoices with one outbox write (an invoicing run's thousands). Answers how many mails. */
export async function sendInvoiceAnnouncements(db: Db, mailer: Mailer, portalUrl: string, invoices: InvoiceRow[]): Promise<number> {
  const contacts = await billingContactsOf(db, invoices.map((i) => i.subscriptionId));
  const mails = invoices.flatMap((invoice) => {
    const contact = contacts.get(invoice.subscriptionId);
    if (!contact) return [];
    const mail = renderNotice(contact.workspaceName, { kind: 'invoice', invoice }, portalUrl);
    return contact.recipients.map((to) => ({ to, ...mail }));
  });
  return mailer.sendMany(mails);
}
