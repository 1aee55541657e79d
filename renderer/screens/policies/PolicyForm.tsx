/** The form editor: defaults, approval expiry, and the ordered rule list. */
import type { ValidationIssue } from '../../../shared/contract/views';
import type { JsonObject } from '../../../shared/json';
import { isJsonObject } from '../../../shared/json';
import { ACTIONS, moveRule, newRule, rulesOf, setField, withRules } from './policy-draft';
import { RuleEditor } from './RuleEditor';

/** Edits a policy document in place of its JSON. */
export function PolicyForm({
  draft,
  issues,
  onChange,
}: {
  draft: JsonObject;
  /** The core's issues for the draft, shown beside the rule or condition they are about. */
  issues: readonly ValidationIssue[];
  onChange: (doc: JsonObject) => void;
}) {
  const rules = rulesOf(draft);
  const approval = isJsonObject(draft.approval) ? draft.approval : {};
  const expiry = typeof approval.expiresInMs === 'number' ? approval.expiresInMs / 1000 : '';
  return (
    <div className="policy-form">
      <div className="form-grid panel">
        <label htmlFor="policy-default">When no rule matches</label>
        <select
          id="policy-default"
          value={typeof draft.default === 'string' ? draft.default : 'deny'}
          onChange={(e) => onChange(setField(draft, 'default', e.target.value))}
        >
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <label htmlFor="policy-default-reason">Default reason</label>
        <input
          id="policy-default-reason"
          value={typeof draft.defaultReason === 'string' ? draft.defaultReason : ''}
          onChange={(e) => onChange(setField(draft, 'defaultReason', e.target.value))}
        />
        <label htmlFor="policy-expiry">Held calls expire after (seconds)</label>
        <input
          id="policy-expiry"
          type="number"
          min={1}
          value={expiry}
          onChange={(e) =>
            onChange(
              setField(
                draft,
                'approval',
                e.target.value === ''
                  ? undefined
                  : { ...approval, expiresInMs: Math.round(Number(e.target.value) * 1000) },
              ),
            )
          }
        />
      </div>
      <h3>Rules — deny wins over ask, ask over allow; order breaks ties</h3>
      {rules.map((rule, index) => (
        <RuleEditor
          key={index}
          rule={rule}
          index={index}
          count={rules.length}
          issues={issues}
          onChange={(next) =>
            onChange(
              withRules(
                draft,
                rules.map((r, i) => (i === index ? next : r)),
              ),
            )
          }
          onMove={(delta) => onChange(withRules(draft, moveRule(rules, index, delta)))}
          onRemove={() =>
            onChange(
              withRules(
                draft,
                rules.filter((_, i) => i !== index),
              ),
            )
          }
        />
      ))}
      <button type="button" onClick={() => onChange(withRules(draft, [...rules, newRule(rules)]))}>
        Add rule
      </button>
    </div>
  );
}
