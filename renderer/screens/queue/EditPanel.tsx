/** Edit-then-approve: a JSON editor for the arguments, validated inline; approving sends the edit. */
import { useId, useState } from 'react';

import type { ApprovalItem } from '../../../shared/approvals/types';
import type { JsonObject } from '../../../shared/json';
import { checkArguments } from './validate-arguments';

/** The editor; `onApprove` gets the parsed arguments. */
export function EditPanel({
  item,
  armed,
  busy,
  onApprove,
  onCancel,
}: {
  item: ApprovalItem;
  armed: boolean;
  busy: boolean;
  onApprove: (args: JsonObject) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(() => JSON.stringify(item.arguments, null, 2));
  const check = checkArguments(text, item.inputSchema);
  const errorsId = useId();
  return (
    <section className="panel" aria-label="Edit arguments">
      <label htmlFor={`${errorsId}-editor`}>
        Arguments (JSON) — what you approve here is exactly what runs
      </label>
      <textarea
        id={`${errorsId}-editor`}
        className="json-editor"
        spellCheck={false}
        value={text}
        rows={Math.min(20, text.split('\n').length + 1)}
        aria-invalid={!check.ok}
        aria-describedby={errorsId}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      />
      <div id={errorsId} className="inline-errors" aria-live="polite">
        {check.ok ? null : check.errors.map((error) => <p key={error}>✕ {error}</p>)}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="approve"
          disabled={!armed || busy || !check.ok}
          onClick={() => check.ok && onApprove(check.value)}
        >
          Approve edited call
        </button>
        <button type="button" onClick={onCancel}>
          Cancel edit
        </button>
      </div>
    </section>
  );
}
