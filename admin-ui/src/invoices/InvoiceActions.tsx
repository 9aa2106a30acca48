import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField as MuiTextField } from '@mui/material';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';
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
