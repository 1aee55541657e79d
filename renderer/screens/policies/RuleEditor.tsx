/**
 * One rule in the form editor: id, description, on/off, action, tool and server globs, risk classes,
 * reason, and its argument and command conditions, with the core's validation messages in place.
 */
import type { ValidationIssue } from '../../../shared/contract/views';
import { isJsonObject, type JsonObject } from '../../../shared/json';
import { issuesUnder, newArgumentCondition, newCommandCondition, pathOf } from './condition-draft';
import { ConditionEditor } from './ConditionEditor';
import { IssueList } from './IssueList';
import { ACTIONS, globText, parseGlobText, RISKS, setField } from './policy-draft';
import { SyncedInput } from './SyncedInput';

/** Edits a rule; `onChange` gets the whole updated rule. */
export function RuleEditor({
  rule,
  index,
  count,
  issues,
  onChange,
  onMove,
  onRemove,
}: {
  rule: JsonObject;
  index: number;
  count: number;
  /** Every issue of the document; the rule shows its own. */
  issues: readonly ValidationIssue[];
  onChange: (rule: JsonObject) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const id = typeof rule.id === 'string' ? rule.id : '';
  const risks = Array.isArray(rule.risk) ? rule.risk : [];
  const conditions = Array.isArray(rule.when) ? rule.when.filter(isJsonObject) : [];
  const label = (what: string) => `${what} of rule ${index + 1}`;
  const rulePath = pathOf('rules', index);
  const whenPath = pathOf('rules', index, 'when');
  const ruleIssues = issuesUnder(issues, rulePath).filter((i) => !i.path.startsWith(`${whenPath}[`));
  const setConditions = (next: readonly JsonObject[]) =>
    onChange(setField(rule, 'when', next.length === 0 ? undefined : [...next]));
  const globInput = (key: 'tool' | 'server') => (
    <SyncedInput
      id={`rule-${index}-${key}`}
      text={globText(rule[key])}
      roundTrip={(t) => globText(parseGlobText(t))}
      onText={(t) => onChange(setField(rule, key, parseGlobText(t)))}
    />
  );
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
        <label htmlFor={`rule-${index}-description`}>Description</label>
        <input
          id={`rule-${index}-description`}
          placeholder="What this rule is for (optional)"
          value={typeof rule.description === 'string' ? rule.description : ''}
          onChange={(e) => onChange(setField(rule, 'description', e.target.value))}
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
        {globInput('tool')}
        <label htmlFor={`rule-${index}-server`}>Servers (globs)</label>
        {globInput('server')}
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
      {ruleIssues.length === 0 ? null : <IssueList issues={ruleIssues} />}
      <h4>Conditions — all must hold</h4>
      {conditions.length === 0 ? (
        <p className="meta">No conditions: the rule applies to every matching call.</p>
      ) : null}
      {conditions.map((condition, j) => (
        <ConditionEditor
          key={j}
          condition={condition}
          idPrefix={`rule-${index}-when-${j}`}
          name={`condition ${j + 1} of rule ${index + 1}`}
          issues={issuesUnder(issues, pathOf('rules', index, 'when', j))}
          onChange={(next) => setConditions(conditions.map((c, k) => (k === j ? next : c)))}
          onRemove={() => setConditions(conditions.filter((_, k) => k !== j))}
        />
      ))}
      <div className="button-row">
        <button
          type="button"
          aria-label={label('Add argument condition')}
          onClick={() => setConditions([...conditions, newArgumentCondition()])}
        >
          + Argument condition
        </button>
        <button
          type="button"
          aria-label={label('Add command condition')}
          onClick={() => setConditions([...conditions, newCommandCondition()])}
        >
          + Command condition
        </button>
      </div>
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
