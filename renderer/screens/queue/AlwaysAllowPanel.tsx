/**
 * "Always allow…": shows the rule the policy engine proposes for this call, editable, before it is
 * saved; saving approves the call too. The rule text is built from agent-chosen arguments, so hidden
 * characters in it are flagged before the operator can save it.
 */
import { useEffect, useId, useState } from 'react';

import type { ApprovalItem } from '../../../shared/approvals/types';
import { errorMessage } from '../../../shared/contract/result';
import { isJsonObject, type JsonObject } from '../../../shared/json';
import { sanitize } from '../../../shared/safe-text';
import { SafeTextView } from '../../components/SafeTextView';
import { useApi } from '../../store/store-context';

function parseRule(text: string): { rule: JsonObject | null; error: string | null } {
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed)
      ? { rule: parsed, error: null }
      : { rule: null, error: 'A rule is a JSON object.' };
  } catch (error) {
    return { rule: null, error: `Not valid JSON: ${errorMessage(error)}` };
  }
}

/** The rule editor. */
export function AlwaysAllowPanel({
  item,
  armed,
  busy,
  onSave,
  onCancel,
}: {
  item: ApprovalItem;
  armed: boolean;
  busy: boolean;
  onSave: (rule: JsonObject) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [text, setText] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    let live = true;
    api.suggestRule(item.id).then(
      (rule) => live && setText(JSON.stringify(rule, null, 2)),
      (error: unknown) => {
        if (!live) return;
        setLoadError(errorMessage(error));
        setText('{\n  \n}');
      },
    );
    return () => {
      live = false;
    };
  }, [api, item.id]);
  if (text === null) return <p className="loading">Preparing a rule…</p>;
  const { rule, error } = parseRule(text);
  const visible = sanitize(text, { multiline: true });
  return (
    <section className="panel" aria-label="Always allow rule">
      {loadError === null ? null : <p className="error-note">✕ Could not propose a rule: {loadError}</p>}
      <label htmlFor={id}>Rule to add to the policy (review and edit before saving)</label>
      <textarea
        id={id}
        className="json-editor"
        spellCheck={false}
        value={text}
        rows={12}
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
      />
      {visible.flags.some((f) => f !== 'whitespace') ? (
        <div className="warning-banner" role="alert">
          ⚠ This rule contains hidden or look-alike characters:
          <pre className="command">
            <SafeTextView text={visible} />
          </pre>
        </div>
      ) : null}
      <div className="inline-errors">{error === null ? null : <p>✕ {error}</p>}</div>
      <div className="button-row">
        <button
          type="button"
          className="approve"
          disabled={!armed || busy || rule === null}
          onClick={() => rule !== null && onSave(rule)}
        >
          Save rule and approve
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
