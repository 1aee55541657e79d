/** One rule in the form editor: id, on/off, action, tool and server globs, risk classes, reason. */
import type { JsonObject } from '../../../shared/json';
import { ACTIONS, globText, parseGlobText, RISKS, setField } from './policy-draft';

/** Edits a rule; `onChange` gets the whole updated rule. */
export function RuleEditor({
  rule,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  rule: JsonObject;
  index: number;
  count: number;
  onChange: (rule: JsonObject) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const id = typeof rule.id === 'string' ? rule.id : '';
  const risks = Array.isArray(rule.risk) ? rule.risk : [];
  const conditions = Array.isArray(rule.when) ? rule.when.length : 0;
  const label = (what: string) => `${what} of rule ${index + 1}`;
  return (
    <fieldset className="panel rule-editor">
      <legend>
        Rule {index + 1}: <code>{id}</code>
      </legend>
      <div className="form-grid">
        <label htmlFor={`rule-${index}-id`}>Id</label>
        <input
          id={`rule-${index}-id`}
          value={id}
          onChange={(e) => onChange(setField(rule, 'id', e.target.value))}
        />
        <label htmlFor={`rule-${index}-action`}>Action</label>
        <select
          id={`rule-${index}-action`}
          value={typeof rule.action === 'string' ? rule.action : 'require_approval'}
          onChange={(e) => onChange(setField(rule, 'action', e.target.value))}
        >
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <label htmlFor={`rule-${index}-tool`}>Tools (globs, comma-separated)</label>
        <input
          id={`rule-${index}-tool`}
          value={globText(rule.tool)}
          onChange={(e) => onChange(setField(rule, 'tool', parseGlobText(e.target.value)))}
        />
        <label htmlFor={`rule-${index}-server`}>Servers (globs)</label>
        <input
          id={`rule-${index}-server`}
          value={globText(rule.server)}
          onChange={(e) => onChange(setField(rule, 'server', parseGlobText(e.target.value)))}
        />
        <span>Risk classes</span>
        <span className="checkbox-row">
          {RISKS.map((risk) => (
            <label key={risk}>
              <input
                type="checkbox"
                checked={risks.includes(risk)}
                onChange={(e) => {
                  const next = e.target.checked ? [...risks, risk] : risks.filter((r) => r !== risk);
                  onChange(setField(rule, 'risk', next.length === 0 ? undefined : next));
                }}
              />
              {risk}
            </label>
          ))}
        </span>
        <label htmlFor={`rule-${index}-reason`}>Reason</label>
        <input
          id={`rule-${index}-reason`}
          value={typeof rule.reason === 'string' ? rule.reason : ''}
          onChange={(e) => onChange(setField(rule, 'reason', e.target.value))}
        />
        <span>Enabled</span>
        <label>
          <input
            type="checkbox"
            checked={rule.enabled !== false}
            onChange={(e) => onChange(setField(rule, 'enabled', e.target.checked ? undefined : false))}
          />
          {rule.enabled === false ? 'off' : 'on'}
        </label>
      </div>
      <p className="meta">
        {conditions === 0
          ? 'No argument conditions.'
          : `${conditions} argument condition(s): edit them in the JSON tab.`}
      </p>
      <div className="button-row">
        <button type="button" aria-label={label('Move up')} disabled={index === 0} onClick={() => onMove(-1)}>
          ↑ Up
        </button>
        <button
          type="button"
          aria-label={label('Move down')}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓ Down
        </button>
        <button type="button" aria-label={label('Remove')} onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}
