/**
 * The bounds of every numeric setting, with the words the operator sees. The core's settings store, the
 * console's request schema and the Settings screen all read them from here, so a bound is written once and
 * an out-of-range value is refused with the same human sentence wherever it is entered.
 */
import { z } from 'zod';

/** One numeric setting: its label, unit and inclusive bounds. */
export interface NumericSetting {
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** What 0 means, when 0 is a special value ("keep forever"). */
  readonly zeroMeans?: string;
}

/** The numeric settings. */
export const NUMERIC_SETTINGS = {
  expirySeconds: { label: 'Held calls expire after', unit: 'seconds', min: 10, max: 86_400 },
  retentionDays: {
    label: 'Keep history for',
    unit: 'days',
    min: 0,
    max: 36_500,
    zeroMeans: 'keep history forever',
  },
  consoleSessionSeconds: {
    label: 'A browser-console login lasts',
    unit: 'seconds',
    min: 300,
    max: 1_209_600,
  },
  retentionMb: {
    label: 'Cap history at',
    unit: 'MB',
    min: 0,
    max: 1_000_000,
    zeroMeans: 'no size cap',
  },
} as const satisfies Record<string, NumericSetting>;

/** The sentence shown when `value` is not acceptable for `setting`, or null when it is. */
export function settingProblem(setting: NumericSetting, value: unknown): string | null {
  const range = `between ${setting.min} and ${setting.max} ${setting.unit}`;
  const zero = setting.zeroMeans === undefined ? '' : ` (0 to ${setting.zeroMeans})`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${setting.label}: enter a number of ${setting.unit}, ${range}${zero}.`;
  }
  if (!Number.isInteger(value)) return `${setting.label}: enter a whole number of ${setting.unit}.`;
  if (value < setting.min || value > setting.max) {
    return `${setting.label}: ${value} is out of range; enter a value ${range}${zero}.`;
  }
  return null;
}

/** A zod schema for one numeric setting whose error message is `settingProblem`'s sentence. */
export function numericSettingSchema(setting: NumericSetting): z.ZodType<number> {
  return z.unknown().transform((value, ctx) => {
    const problem = settingProblem(setting, value);
    if (problem === null) return value as number;
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  });
}
