import { useState } from 'react';
import { Button } from '../ui/Button';
import { ErrorAlert } from '../ui/ErrorAlert';
import { Modal } from '../ui/Modal';
import { Table, Td, Th } from '../ui/Table';
import { formatDate } from '../ui/format';
import { downloadInvoicePdf, formatMoney, useInvoice, useRetryPayment } from './billing.api';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';

/** One invoice with its line items, its PDF, and "Retry payment" when it failed. */
export function InvoiceDialog({ invoiceId, canManage, onClose }: { invoiceId: string | null; canManage: boolean; onClose: () => void }) {
  const invoice = useInvoice(invoiceId);
  const retry = useRetryPayment();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const i = invoice.data;
  const close = () => {
    retry.reset();
    setDownloadError(null);
    onClose();
  };
  return (
    <Modal
      open={Boolean(invoiceId)}
      title={i ? `Invoice ${i.number}` : 'Invoice'}
      description={i ? `${i.tierName} · ${formatDate(i.billingPeriodStart)} to ${formatDate(i.billingPeriodEnd)}` : undefined}
      busy={retry.isPending}
      onClose={close}
      className="max-w-2xl"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Close
          </Button>
          {i && (
            <Button variant="secondary" onClick={() => downloadInvoicePdf(i).catch(setDownloadError)}>
              Download PDF
            </Button>
          )}
          {i && canManage && ['sent', 'failed'].includes(i.status) && (
            <Button loading={retry.isPending} onClick={() => retry.mutate(i.id)}>
              Retry payment
            </Button>
          )}
        </>
      }
    >
      {invoice.isPending && <p className="text-sm text-gray-500">Loading…</p>}
      <ErrorAlert error={invoice.error} title="The invoice could not be loaded" />
      {i && (
        <div className="space-y-4">
          <div className="flex items-center gap-3 text-sm">
            <InvoiceStatusBadge status={i.status} />
            {i.paidAt && <span className="text-gray-500">Paid {formatDate(i.paidAt)}</span>}
            {i.status === 'failed' && i.lastPaymentError && <span className="text-red-700">{i.lastPaymentError}</span>}
          </div>
          <Table>
            <thead>
              <tr>
                <Th>Description</Th>
                <Th className="text-right">Qty</Th>
                <Th className="text-right">Unit</Th>
                <Th className="text-right">Amount</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {i.items.map((item) => (
                <tr key={item.id}>
                  <Td className="whitespace-normal">{item.description}</Td>
                  <Td className="text-right">{item.quantity}</Td>
                  <Td className="text-right">{formatMoney(item.unitPriceCents, i.currency)}</Td>
                  <Td className="text-right">{formatMoney(item.totalCents, i.currency)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <dl className="ml-auto w-64 space-y-1 text-sm">
            <div className="flex justify-between">
              <dt className="text-gray-500">Subtotal</dt>
              <dd>{formatMoney(i.subtotalCents, i.currency)}</dd>
            </div>
            {(i.taxCents > 0 || i.taxRateBps > 0) && (
              <div className="flex justify-between">
                <dt className="text-gray-500">Tax ({(i.taxRateBps / 100).toFixed(2)} %)</dt>
                <dd>{formatMoney(i.taxCents, i.currency)}</dd>
              </div>
            )}
            <div className="flex justify-between font-semibold">
              <dt>Total</dt>
              <dd>{formatMoney(i.totalCents, i.currency)}</dd>
            </div>
            {i.amountRefundedCents > 0 && (
              <div className="flex justify-between text-gray-500">
                <dt>Refunded</dt>
                <dd>{formatMoney(i.amountRefundedCents, i.currency)}</dd>
              </div>
            )}
          </dl>
          <ErrorAlert error={retry.error} title="The payment could not be retried" />
          <ErrorAlert error={downloadError} title="The PDF could not be downloaded" />
          {retry.data && <p className={`rounded-md px-4 py-3 text-sm ${retry.data.outcome === 'paid' ? 'bg-emerald-50 text-emerald-800' : 'bg-amber-50 text-amber-800'}`}>{retry.data.message}</p>}
        </div>
      )}
    </Modal>
  );
}
