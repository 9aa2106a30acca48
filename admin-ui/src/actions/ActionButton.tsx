import { useState, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useNotify, useRefresh } from 'react-admin';
import { httpClient } from '../httpClient';

/** The message of a failed request (the API's problem+json detail, as httpClient puts it in the error). */
export function messageOf(error: unknown): string {
  const e = error as { message?: string };
  return e.message ?? 'The request failed.';
}

/** POSTs (or sends `method`) JSON to the API through the console's client. */
export async function callApi<T = unknown>(path: string, body: unknown = {}, method = 'POST'): Promise<T> {
  const { json } = await httpClient(path, { method, body: JSON.stringify(body) });
  return json as T;
}

interface ActionButtonProps {
  label: string;
  title: string;
  /** What happens, in full, shown before the staff member confirms. */
  description: ReactNode;
  confirmLabel?: string;
  color?: 'primary' | 'error' | 'warning' | 'success';
  /** Ask for a reason; 'required' blocks confirming without one. */
  reason?: 'optional' | 'required';
  /** The exact text to type again before confirming (e.g. the account's e-mail address). */
  typeToConfirm?: string;
  startIcon?: ReactNode;
  disabled?: boolean;
  /** Runs the action; its answer (a string) is shown as the success notice. */
  onConfirm: (reason: string) => Promise<string | void>;
  /** Called before the dialog opens (e.g. to load what a deletion would remove). */
  onOpen?: () => void;
}

/** A button that acts only after a dialog that states the consequences and, where needed, asks why. */
export function ActionButton(props: ActionButtonProps) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = (props.reason === 'required' && !reason.trim()) || (props.typeToConfirm !== undefined && typed.trim().toLowerCase() !== props.typeToConfirm.toLowerCase());
  const close = () => {
    setOpen(false);
    setReason('');
    setTyped('');
    setError(null);
  };
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color={props.color ?? 'primary'}
        startIcon={props.startIcon}
        disabled={props.disabled}
        onClick={() => {
          props.onOpen?.();
          setOpen(true);
        }}
      >
        {props.label}
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby={`${props.label}-title`}>
        <DialogTitle id={`${props.label}-title`}>{props.title}</DialogTitle>
        <DialogContent>
          <DialogContentText component="div">{props.description}</DialogContentText>
          {props.reason && (
            <TextField
              label={props.reason === 'required' ? 'Reason (required, recorded in the audit log)' : 'Reason (recorded in the audit log)'}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              fullWidth
              margin="dense"
              multiline
              autoFocus
              inputProps={{ maxLength: 500 }}
            />
          )}
          {props.typeToConfirm !== undefined && (
            <TextField label={`Type ${props.typeToConfirm} to confirm`} value={typed} onChange={(e) => setTyped(e.target.value)} fullWidth margin="dense" />
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 1 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button
            color={props.color ?? 'primary'}
            variant="contained"
            disabled={blocked || busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                const done = await props.onConfirm(reason.trim());
                notify(done || `${props.label}: done.`, { type: 'success' });
                close();
                refresh();
              } catch (e) {
                setError(messageOf(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {props.confirmLabel ?? props.label}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
