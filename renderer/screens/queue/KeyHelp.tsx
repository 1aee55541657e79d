/** The `?` overlay listing the queue's keyboard shortcuts: a modal dialog while it is open. */
import { useEffect, useRef } from 'react';

import { QUEUE_KEYS } from './keys';

/**
 * Lists the keys; closes with Esc, `?` or the button. Focus moves into the dialog and back to where it
 * was on close; Tab stays inside; the page's shortcuts are off meanwhile (see `shortcutsPaused`).
 */
export function KeyHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    close.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <div
      className="key-help"
      role="dialog"
      aria-modal="true"
      aria-labelledby="key-help-title"
      onKeyDown={(event) => {
        // The dialog's one control keeps the focus: Tab and Shift+Tab stay on it.
        if (event.key === 'Tab') {
          event.preventDefault();
          close.current?.focus();
        }
      }}
    >
      <h2 id="key-help-title">Keyboard shortcuts</h2>
      <dl>
        {QUEUE_KEYS.map(({ key, action }) => (
          <div key={key} className="key-row">
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
      <button type="button" ref={close} onClick={onClose}>
        Close
      </button>
    </div>
  );
}
