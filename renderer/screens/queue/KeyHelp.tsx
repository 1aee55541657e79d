/** The `?` overlay listing the queue's keyboard shortcuts. */
import { QUEUE_KEYS } from './keys';

/** Lists the keys; closes with Esc, `?` or the button. */
export function KeyHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="key-help" role="dialog" aria-label="Keyboard shortcuts">
      <h2>Keyboard shortcuts</h2>
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
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
