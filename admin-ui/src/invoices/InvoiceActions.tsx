import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField as MuiTextField } from '@mui/material';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';
import ReplayIcon from '@mui/icons-material/Replay';
import { ActionButton, callApi } from '../actions/ActionButton';
import { httpClient } from '../httpClient';
import { money } from './statuses';

function messageOf(error: unknown): string {
  const e = error as { body?: { detail?: string }; message?: string };
  return e.body?.detail ?? e.message ?? 'The request failed.';
}

/** Manual mode: a payment that arrived outside Stripe (bank transfer, cheque) is recorded here. */
export function MarkPaidButton() {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!record || !['sent', 'failed'].includes(record.status as string)) return null;
  return (
    <Button
      size="small"
      variant="outlined"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await httpClient(`/api/admin/invoices/${record.id}/mark-paid`, { method: 'POST', body: JSON.stringify({}) });
          notify(`Invoice ${record.number} is marked paid.`, { type: 'success' });
          refresh();
        } catch (error) {
          notify(messageOf(error), { type: 'error' });
        } finally {
          setBusy(false);
        }
      }}
    >
      Mark paid
    </Button>
  );
}

/**
 * Charges a sent or failed invoice again now, with the workspace's default card, as a dunning retry would. One request
 * id per confirmation: a repeated request is answered with the first attempt, never a second charge.
 */
export function RetryPaymentButton() {
  const record = useRecordContext();
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  if (!record || !['sent', 'failed'].includes(record.status as string)) return null;
  return (
    <ActionButton
      label="Retry payment"
      title={`Charge invoice ${record.number as string} again?`}
      startIcon={<ReplayIcon />}
      confirmLabel={`Charge ${money(record.totalCents)}`}
      onOpen={() => setRequestId(crypto.randomUUID())}
      description={
        <>
          {money(record.totalCents)} is charged now to the default card of {record.workspaceName as string} (attempt {(record.paymentAttempts as number) + 1}). If it succeeds the
          invoice is paid and the subscription is settled; if the card is declined again, the decline is recorded and dunning carries on. In manual billing mode there is no card:
          use Mark paid when the money arrives.
        </>
      }
      onConfirm={async () => {
        const result = await callApi<{ outcome: string; message: string }>(`/api/admin/invoices/${record.id}/retry`, { requestId });
        return result.outcome === 'paid' ? `Invoice ${record.number as string} is paid: ${result.message}` : `Payment ${result.outcome}: ${result.message}`;
      }}
    />
  );
}

export function RefundButton() {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  if (!record || record.status !== 'paid') return null;
  const left = (record.totalCents as number) - (record.amountRefundedCents as number);
  const cents = Math.round(Number(amount) * 100);
  return (
    <>
      <Button size="small" variant="outlined" color="warning" onClick={() => setOpen(true)}>
        Refund
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>Refund invoice {record.number as string}</DialogTitle>
        <DialogContent>
          <p>Up to {money(left)} can be refunded. Paid through Stripe, the refund goes back to the card.</p>
          <MuiTextField label="Amount in dollars" value={amount} onChange={(e) => setAmount(e.target.value)} fullWidth margin="dense" inputProps={{ inputMode: 'decimal' }} />
          <MuiTextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} fullWidth margin="dense" />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            color="warning"
            disabled={!(cents > 0 && cents <= left && reason.trim())}
            onClick={async () => {
              try {
                await httpClient(`/api/admin/invoices/${record.id}/refund`, { method: 'POST', body: JSON.stringify({ amountCents: cents, reason, requestId: crypto.randomUUID() }) });
                notify(`Refunded ${money(cents)}.`, { type: 'success' });
                setOpen(false);
                refresh();
              } catch (error) {
                notify(messageOf(error), { type: 'error' });
              }
            }}
          >
            Refund {cents > 0 ? money(cents) : ''}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

export function GrantCreditButton() {
  const record = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  if (!record) return null;
  const cents = Math.round(Number(amount) * 100);
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        Grant credit
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>Credit for {record.workspaceName as string}</DialogTitle>
        <DialogContent>
          <p>The next invoices consume it before the card is charged.</p>
          <MuiTextField label="Amount in dollars" value={amount} onChange={(e) => setAmount(e.target.value)} fullWidth margin="dense" inputProps={{ inputMode: 'decimal' }} />
          <MuiTextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} fullWidth margin="dense" />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            disabled={!(cents > 0 && reason.trim())}
            onClick={async () => {
              try {
                await httpClient(`/api/admin/subscriptions/${record.id}/credit`, { method: 'POST', body: JSON.stringify({ amountCents: cents, reason }) });
                notify(`Granted ${money(cents)} of credit.`, { type: 'success' });
                setOpen(false);
                refresh();
              } catch (error) {
                notify(messageOf(error), { type: 'error' });
              }
            }}
          >
            Grant
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
