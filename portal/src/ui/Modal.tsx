import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

interface ModalProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  /** Blocks Escape while something is in flight. */
  busy?: boolean;
  onClose: () => void;
  children: ReactNode;
  /** Rendered in the grey footer bar, usually the buttons. */
  footer?: ReactNode;
  className?: string;
}

/** A general modal on <dialog> (focus trapping and Escape for free), the sibling of ConfirmDialog. */
export function Modal({ open, title, description, busy = false, onClose, children, footer, className = 'max-w-lg' }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

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
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      className={`w-full rounded-lg p-0 shadow-xl ${className}`}
    >
      {open && (
        <>
          <div className="p-6">
            <h2 id={titleId} className="text-base font-semibold text-gray-900">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="mt-1 text-sm text-gray-500">
                {description}
              </div>
            )}
            <div className="mt-4">{children}</div>
          </div>
          {footer && <div className="flex justify-end gap-3 rounded-b-lg bg-gray-50 px-6 py-3">{footer}</div>}
        </>
      )}
    </dialog>
  );
}
