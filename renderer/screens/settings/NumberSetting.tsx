/** A numeric setting: checked as typed against the shared bounds, saved on blur, never sent when invalid. */
import { useState } from 'react';

import { settingProblem, type NumericSetting } from '../../../shared/contract/setting-fields';

/** One bounded number field with its own inline message. */
export function NumberSetting({
  setting,
  value,
  disabled,
  onSave,
}: {
  setting: NumericSetting;
  value: number;
  disabled: boolean;
  onSave: (value: number) => void;
}) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  // A pushed change (another window, the CLI) replaces what is in the box unless it is being edited.
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const parsed = text.trim() === '' ? Number.NaN : Number(text);
  const problem = settingProblem(setting, parsed);
  const id = `setting-${setting.label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="number-setting">
      <label htmlFor={id}>{setting.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={setting.min}
        max={setting.max}
        value={text}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={problem === null ? undefined : `${id}-problem`}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => problem === null && parsed !== value && onSave(parsed)}
      />
      <span>
        {setting.unit}
        {setting.zeroMeans === undefined ? '' : ` (0 to ${setting.zeroMeans})`}
      </span>
      {problem === null ? null : (
        <p className="field-problem" id={`${id}-problem`} role="alert">
          {problem} Not saved.
        </p>
      )}
    </div>
  );
}
