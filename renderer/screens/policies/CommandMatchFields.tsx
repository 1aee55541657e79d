/** The fields of a command condition: which commands of the line, where the line is read, what each must look like. */
import type { JsonObject } from '../../../shared/json';
import { listText, MATCH_KEYS, matchOf, parseList, withMatchKey, withReadOnly } from './condition-draft';
import { setField } from './policy-draft';
import { SyncedInput } from './SyncedInput';

/** What every condition's fields editor takes: the condition, an id prefix for its inputs, and a setter. */
export interface ConditionFieldsProps {
  readonly condition: JsonObject;
  readonly idPrefix: string;
  readonly onChange: (c: JsonObject) => void;
}

/** Edits a command condition (`op: "command"`). */
export function CommandMatchFields({ condition, idPrefix, onChange }: ConditionFieldsProps) {
  const match = matchOf(condition);
  return (
    <div className="form-grid">
      <label htmlFor={`${idPrefix}-quantifier`}>Applies when</label>
      <select
        id={`${idPrefix}-quantifier`}
        value={condition.quantifier === 'some' ? 'some' : 'every'}
        onChange={(e) => onChange({ ...condition, quantifier: e.target.value })}
      >
        <option value="every">every command in the line matches</option>
        <option value="some">some command in the line matches</option>
      </select>
      <label htmlFor={`${idPrefix}-source`}>Command read from</label>
      <select
        id={`${idPrefix}-source`}
        value={condition.field === 'ssh.input' ? 'ssh.input' : 'ssh.command'}
        onChange={(e) =>
          onChange(setField(condition, 'field', e.target.value === 'ssh.input' ? 'ssh.input' : undefined))
        }
      >
        <option value="ssh.command">the command (ssh.command)</option>
        <option value="ssh.input">keystrokes typed into a session (ssh.input)</option>
      </select>
      {MATCH_KEYS.map(([key, label, kind]) => {
        const value = match[key];
        const text = kind === 'list' ? listText(value) : typeof value === 'string' ? value : '';
        return (
          <MatchKey
            key={key}
            id={`${idPrefix}-${key}`}
            label={label}
            text={text}
            roundTrip={(t) => (kind === 'list' ? parseList(t).join(', ') : t)}
            onText={(t) => onChange(withMatchKey(condition, key, kind, t))}
          />
        );
      })}
      <span>Read-only</span>
      <label>
        <input
          type="checkbox"
          checked={match.readOnly === true}
          onChange={(e) => onChange(withReadOnly(condition, e.target.checked))}
        />
        only commands in Airlock&apos;s read-only set
      </label>
    </div>
  );
}

function MatchKey({
  id,
  label,
  text,
  roundTrip,
  onText,
}: {
  id: string;
  label: string;
  text: string;
  roundTrip: (t: string) => string;
  onText: (t: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <SyncedInput id={id} text={text} roundTrip={roundTrip} onText={onText} />
    </>
  );
}
