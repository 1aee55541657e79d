/**
 * A text input over a value that the form stores in another shape (a list, a number, JSON): it keeps
 * what the operator typed while that still means the stored value, so a trailing comma or a half-typed
 * number is not rewritten under the cursor, and shows the stored value's text once it changes elsewhere.
 */
import { useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';

type Common = {
  /** The stored value as text. */
  readonly text: string;
  /** What typed text becomes once stored and printed again. */
  readonly roundTrip: (typed: string) => string;
  readonly onText: (typed: string) => void;
};

function useSynced({ text, roundTrip, onText }: Common) {
  const [typed, setTyped] = useState(text);
  const shown = roundTrip(typed) === text ? typed : text;
  return {
    value: shown,
    onChange: (next: string) => {
      setTyped(next);
      onText(next);
    },
  };
}

/** A single-line synced input. */
export function SyncedInput({
  text,
  roundTrip,
  onText,
  ...rest
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const synced = useSynced({ text, roundTrip, onText });
  return <input {...rest} value={synced.value} onChange={(e) => synced.onChange(e.target.value)} />;
}

/** A multi-line synced input. */
export function SyncedTextarea({
  text,
  roundTrip,
  onText,
  ...rest
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'>) {
  const synced = useSynced({ text, roundTrip, onText });
  return <textarea {...rest} value={synced.value} onChange={(e) => synced.onChange(e.target.value)} />;
}
