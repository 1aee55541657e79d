/**
 * One condition of a rule in the form: an argument condition (field, operator, value), a command
 * condition (which commands, and what each must look like), or a nested all / any / not edited as JSON.
 * The core's validation messages for the condition show right under it.
 */
import { useState } from 'react';

import type { ValidationIssue } from '../../../shared/contract/views';
import { isJsonObject, type JsonObject } from '../../../shared/json';
import {
  ARGUMENT_OPS,
  argumentValueText,
  conditionKind,
  type ArgumentOp,
  withArgumentOp,
  withArgumentValue,
  withRangeBound,
} from './condition-draft';
import { CommandMatchFields, type ConditionFieldsProps } from './CommandMatchFields';
import { IssueList } from './IssueList';
import { setField } from './policy-draft';
import { SyncedInput, SyncedTextarea } from './SyncedInput';

/** Props of {@link ConditionEditor}. */
export interface ConditionEditorProps {
  readonly condition: JsonObject;
  /** `rule-<i>-when-<j>`: unique prefix for the inputs' ids. */
  readonly idPrefix: string;
  /** What the condition is called for assistive technology ("condition 2 of rule 1"). */
  readonly name: string;
  readonly issues: readonly ValidationIssue[];
  readonly onChange: (condition: JsonObject) => void;
  readonly onRemove: () => void;
}

/** Edits one condition. */
export function ConditionEditor({
  condition,
  idPrefix,
  name,
  issues,
  onChange,
  onRemove,
}: ConditionEditorProps) {
  const kind = conditionKind(condition);
  return (
    <div className="condition" role="group" aria-label={name}>
      <div className="condition-head">
        <strong>
          {kind === 'command'
            ? 'Command condition'
            : kind === 'argument'
              ? 'Argument condition'
              : 'Nested condition'}
        </strong>
        <button type="button" aria-label={`Remove ${name}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      {kind === 'argument' ? (
        <ArgumentFields condition={condition} idPrefix={idPrefix} onChange={onChange} />
      ) : kind === 'command' ? (
        <CommandMatchFields condition={condition} idPrefix={idPrefix} onChange={onChange} />
      ) : (
        <NestedJson condition={condition} idPrefix={idPrefix} onChange={onChange} />
      )}
      {issues.length === 0 ? null : <IssueList issues={issues} />}
    </div>
  );
}

function ArgumentFields({ condition, idPrefix, onChange }: ConditionFieldsProps) {
  const op = (typeof condition.op === 'string' ? condition.op : 'eq') as ArgumentOp;
  const number = (v: unknown) => (typeof v === 'number' ? String(v) : '');
  return (
    <div className="form-grid">
      <label htmlFor={`${idPrefix}-field`}>Field</label>
      <input
        id={`${idPrefix}-field`}
        placeholder="args.path, ssh.host, ssh.user …"
        value={typeof condition.field === 'string' ? condition.field : ''}
        onChange={(e) => onChange({ ...condition, field: e.target.value })}
      />
      <label htmlFor={`${idPrefix}-op`}>Operator</label>
      <select
        id={`${idPrefix}-op`}
        value={op}
        onChange={(e) => onChange(withArgumentOp(condition, e.target.value as ArgumentOp))}
      >
        {ARGUMENT_OPS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {op === 'range' ? (
        <>
          <label htmlFor={`${idPrefix}-min`}>At least</label>
          <SyncedInput
            id={`${idPrefix}-min`}
            inputMode="decimal"
            text={number(condition.min)}
            roundTrip={(t) => number(withRangeBound(condition, 'min', t).min)}
            onText={(t) => onChange(withRangeBound(condition, 'min', t))}
          />
          <label htmlFor={`${idPrefix}-max`}>At most</label>
          <SyncedInput
            id={`${idPrefix}-max`}
            inputMode="decimal"
            text={number(condition.max)}
            roundTrip={(t) => number(withRangeBound(condition, 'max', t).max)}
            onText={(t) => onChange(withRangeBound(condition, 'max', t))}
          />
        </>
      ) : op === 'exists' ? (
        <>
          <label htmlFor={`${idPrefix}-exists`}>The field</label>
          <select
            id={`${idPrefix}-exists`}
            value={condition.value === false ? 'false' : 'true'}
            onChange={(e) => onChange(withArgumentValue(condition, e.target.value))}
          >
            <option value="true">is present</option>
            <option value="false">is absent</option>
          </select>
        </>
      ) : (
        <>
          <label htmlFor={`${idPrefix}-value`}>
            {op === 'in' || op === 'not_in' || op === 'glob' || op === 'not_glob'
              ? 'Values (comma-separated)'
              : 'Value'}
          </label>
          <SyncedInput
            id={`${idPrefix}-value`}
            text={argumentValueText(condition)}
            roundTrip={(t) => argumentValueText(withArgumentValue(condition, t))}
            onText={(t) => onChange(withArgumentValue(condition, t))}
          />
        </>
      )}
      {op === 'regex' || op === 'not_regex' ? (
        <>
          <span>Case</span>
          <label>
            <input
              type="checkbox"
              checked={condition.ignoreCase === true}
              onChange={(e) =>
                onChange(setField(condition, 'ignoreCase', e.target.checked ? true : undefined))
              }
            />
            ignore case
          </label>
        </>
      ) : null}
    </div>
  );
}

function NestedJson({ condition, idPrefix, onChange }: ConditionFieldsProps) {
  const [invalid, setInvalid] = useState(false);
  const print = (c: JsonObject) => JSON.stringify(c, null, 2);
  const parse = (t: string): JsonObject | null => {
    try {
      const value: unknown = JSON.parse(t);
      return isJsonObject(value) ? value : null;
    } catch {
      return null;
    }
  };
  return (
    <>
      <label htmlFor={`${idPrefix}-json`}>Condition (JSON: all, any or not of other conditions)</label>
      <SyncedTextarea
        id={`${idPrefix}-json`}
        className="json-editor"
        rows={5}
        spellCheck={false}
        aria-invalid={invalid}
        text={print(condition)}
        roundTrip={(t) => {
          const parsed = parse(t);
          return parsed === null ? '' : print(parsed);
        }}
        onText={(t) => {
          const parsed = parse(t);
          setInvalid(parsed === null);
          if (parsed !== null) onChange(parsed);
        }}
      />
      {invalid ? (
        <p className="inline-errors">✕ Not a JSON object yet: the last valid condition is kept.</p>
      ) : null}
    </>
  );
}
