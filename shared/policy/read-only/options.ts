/**
 * A GNU-style option scanner for judging whether a command is read-only. Two modes: `allow` accepts
 * only the options listed (an unknown option makes the command not read-only), `deny` accepts every
 * option except the listed ones — for programs with large, stable option sets and a few options that
 * write. Long options may be abbreviated under getopt_long (`--vacuum-s` is `--vacuum-size`), so a
 * denied long option also matches every prefix of it that is at least three characters long.
 *
 * In deny mode no option consumes the next token: an option whose value is optional takes it only
 * attached (`-b1`), so a following `--vacuum-size=1` is an option of its own and is checked. In allow
 * mode a listed valued option consumes the next token, exactly as getopt does for a required value.
 *
 * A token whose value is only known at run time might be an option: the verdict is then unknown.
 */
import type { ArgToken } from '../fields';
import type { Tri } from '../predicate';

/** How one program's options are read. */
export interface OptionSpec {
  readonly mode: 'allow' | 'deny';
  /** Short options (letters) without a value: allowed (allow mode) or denied (deny mode). */
  readonly short?: string;
  /** Short options that take a value (always allowed in deny mode unless also in `deniedValued`). */
  readonly shortValued?: string;
  /** Long options without a value (allow mode) or denied long options (deny mode), with `--`. */
  readonly long?: readonly string[];
  /** Long options that take a value (`--opt=v` or `--opt v`). */
  readonly longValued?: readonly string[];
  /** Single-dash words accepted as a whole (`-br`, `-json` for ip; `-name` for find). */
  readonly words?: readonly string[];
  /** Single-dash words that take a value. */
  readonly wordsValued?: readonly string[];
}

/** The result of scanning a command's arguments. */
export interface Scan {
  /** false when an option is not allowed, null when a token might be an option, else true. */
  readonly ok: Tri;
  /** Operands (non-option arguments) in order. */
  readonly operands: readonly ArgToken[];
  /** The options seen, as written (`-n`, `--lines=5`, `-abc`). */
  readonly options: readonly string[];
}

/** True when a token could expand to something starting with `-` at run time. */
export function canBeOption(token: ArgToken): boolean {
  if (token.literal) return token.text.startsWith('-') && token.text !== '-';
  return !/^[A-Za-z0-9/._~+,:@%=]/.test(token.text);
}

/** Scans `args` with `spec`. */
export function scanOptions(args: readonly ArgToken[], spec: OptionSpec): Scan {
  const operands: ArgToken[] = [];
  const options: string[] = [];
  let unknown = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a) break;
    if (!a.literal) {
      if (canBeOption(a)) unknown = true;
      else operands.push(a);
      continue;
    }
    const t = a.text;
    if (t === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!t.startsWith('-') || t === '-') {
      operands.push(a);
      continue;
    }
    options.push(t);
    const verdict = t.startsWith('--') ? longOption(t, spec) : singleDash(t, spec);
    if (verdict === false) return { ok: false, operands, options };
    if (verdict === 'next' && spec.mode === 'allow') {
      const value = args[++i];
      if (value && !value.literal && canBeOption(value)) unknown = true;
    }
  }
  return { ok: unknown ? null : true, operands, options };
}

/** Scans the options before the first operand (a sub-verb); `index` is that operand's position. */
export function scanLeading(args: readonly ArgToken[], spec: OptionSpec): { ok: Tri; index: number } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a) break;
    if (!a.literal) return { ok: canBeOption(a) ? null : true, index: i };
    if (a.text === '--') return { ok: true, index: i + 1 };
    if (!a.text.startsWith('-') || a.text === '-') return { ok: true, index: i };
    const verdict = a.text.startsWith('--') ? longOption(a.text, spec) : singleDash(a.text, spec);
    if (verdict === false) return { ok: false, index: i };
    if (verdict === 'next') i++;
  }
  return { ok: true, index: args.length };
}

type Verdict = boolean | 'next';

function longOption(token: string, spec: OptionSpec): Verdict {
  const eq = token.indexOf('=');
  const name = eq < 0 ? token : token.slice(0, eq);
  const valued = spec.longValued ?? [];
  const listed = spec.long ?? [];
  if (spec.mode === 'allow') {
    if (valued.includes(name)) return eq < 0 ? 'next' : true;
    return eq < 0 && listed.includes(name);
  }
  if (name.length >= 3 && listed.some((d) => d.startsWith(name))) return false;
  return valued.includes(name) && eq < 0 ? 'next' : true;
}

function singleDash(token: string, spec: OptionSpec): Verdict {
  if (spec.words?.includes(token)) return true;
  if (spec.wordsValued?.includes(token)) return 'next';
  if (spec.words || spec.wordsValued) {
    // Programs with single-dash words (find, ip) do not cluster letters.
    if (spec.mode === 'allow') return false;
    if ((spec.long ?? []).includes(token)) return false;
    return true;
  }
  const letters = token.slice(1);
  const short = spec.short ?? '';
  const valued = spec.shortValued ?? '';
  for (let k = 0; k < letters.length; k++) {
    const l = letters[k] ?? '';
    if (valued.includes(l)) return k === letters.length - 1 ? 'next' : true;
    if (spec.mode === 'allow' ? !short.includes(l) : short.includes(l)) return false;
  }
  return true;
}
