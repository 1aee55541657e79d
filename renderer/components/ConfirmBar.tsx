/** An inline confirmation for a step that replaces or removes something: says what, then asks. */
import { useEffect, useRef, type ReactNode } from 'react';

/** The question, a confirm button naming the action, and Cancel (Escape cancels too). */
export function ConfirmBar({
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  // Focus lands on the safe choice, so a stray Enter does not confirm.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="warning-banner"
      role="alertdialog"
      aria-label={confirmLabel}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <div>{children}</div>
      <div className="button-row">
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" ref={cancel} disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
