import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { Button } from './Button';
import { ErrorAlert } from './ErrorAlert';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Label of the button that dismisses the dialog; "Cancel" unless that would be ambiguous. */
  cancelLabel?: string;
  tone?: 'danger' | 'primary';
  pending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal built on <dialog>, which brings focus trapping and Escape handling for free. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  tone = 'danger',
  pending = false,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // Several dialogs can live on one page, so the heading id must be unique.
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
      className="w-full max-w-md rounded-lg p-0 shadow-xl"
    >
      <div className="p-6">
        <h2 id={titleId} className="text-base font-semibold text-gray-900">
          {title}
        </h2>
        {children && <div className="mt-2 text-sm text-gray-600">{children}</div>}
        <ErrorAlert error={error} className="mt-4" />
      </div>
      <div className="flex justify-end gap-3 rounded-b-lg bg-gray-50 px-6 py-3">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          {cancelLabel}
        </Button>
        <Button variant={tone} onClick={onConfirm} loading={pending}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
