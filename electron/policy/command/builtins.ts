/**
 * Shell builtins that take a variable name as an operand (`printf -v`, `read`, `mapfile`, `getopts`,
 * `wait -p`, `unset`, `test -v`, the declaration builtins) or that install code to run later (`enable
 * -f`, `hash -p`, `complete -C`, `bind -x`, `mapfile -C`). A name is harmless only when it is a literal
 * identifier: bash evaluates a subscript in `a[$(id)]` as arithmetic, which runs the substitution, and
 * assigning a variable such as `PATH` changes what later commands run.
 */
import type { AnalysisFlag, ArgToken } from '../../../shared/policy/fields';
import { isDangerousVariable } from './dangerous-variables';

/** A finding about one builtin invocation. */
export interface BuiltinFinding {
  readonly flag: AnalysisFlag;
  readonly note: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DECLARATIONS = new Set(['declare', 'typeset', 'local', 'export', 'readonly']);

/** Findings for `program` called with `args` (empty for programs that are not such builtins). */
export function builtinFindings(program: string, args: readonly ArgToken[]): BuiltinFinding[] {
  const found: BuiltinFinding[] = [];
  const name = (token: ArgToken | undefined, what: string): void => {
    if (!token) return;
    const text = token.text.split('=')[0] ?? '';
    if (!token.literal) {
      found.push({
        flag: 'arithmetic',
        note: `${program} ${what} a variable whose name is computed at run time`,
      });
    } else if (!IDENTIFIER.test(text)) {
      found.push({
        flag: 'arithmetic',
        note: `${program} ${what} ${text.slice(0, 30)}, whose subscript is evaluated`,
      });
    } else if (isDangerousVariable(text) && program !== 'unset') {
      found.push({ flag: 'eval', note: `${program} ${what} ${text}, which changes what later commands run` });
    }
  };
  const code = (note: string): void => void found.push({ flag: 'eval', note });
  switch (program) {
    case 'printf': {
      const v = args.findIndex((a) => a.text === '-v' || !a.literal);
      if (v >= 0 && args[v]?.literal) name(args[v + 1], 'assigns');
      else if (v >= 0) name(args[v], 'may assign');
      break;
    }
    case 'read':
      for (const t of operands(args, 'dinNptu', 'a')) name(t, 'assigns');
      for (const t of valuesOf(args, 'a')) name(t, 'assigns');
      break;
    case 'mapfile':
    case 'readarray':
      if (args.some((a) => /^-[A-Za-z]*C/.test(a.text))) code(`${program} -C runs a callback as code`);
      for (const t of operands(args, 'dnOsucC', '')) name(t, 'assigns');
      break;
    case 'getopts':
      name(args[1], 'assigns');
      break;
    case 'wait':
      for (const t of valuesOf(args, 'p')) name(t, 'assigns');
      break;
    case 'let':
      found.push({
        flag: 'arithmetic',
        note: 'let evaluates its arguments as arithmetic, which can run code',
      });
      break;
    case 'unset':
      for (const t of args) if (!t.literal || !t.text.startsWith('-')) name(t, 'unsets');
      break;
    case 'test':
    case '[':
      for (const t of valuesOf(args, 'vR')) name(t, 'tests');
      break;
    case 'enable':
      if (args.some((a) => !a.literal || /^-[A-Za-z]*f/.test(a.text)))
        code('enable -f loads a builtin from a file');
      break;
    case 'hash':
      if (args.some((a) => !a.literal || /^-[A-Za-z]*p/.test(a.text)))
        code('hash -p maps a command name to another file');
      break;
    case 'complete':
    case 'compgen':
      if (args.some((a) => !a.literal || /^-[A-Za-z]*[CF]/.test(a.text))) code(`${program} -C/-F runs code`);
      break;
    case 'bind':
      if (args.some((a) => !a.literal || /^-[A-Za-z]*x/.test(a.text)))
        code('bind -x runs a command on a key');
      break;
    default:
      if (DECLARATIONS.has(program)) declaration(program, args, found, name);
  }
  return found;
}

function declaration(
  program: string,
  args: readonly ArgToken[],
  found: BuiltinFinding[],
  name: (token: ArgToken | undefined, what: string) => void,
): void {
  // Only declare, typeset and local have -n (a reference whose expansion names another variable) and
  // -i (every later assignment is arithmetic); export -n merely un-exports.
  const attributes = program === 'export' || program === 'readonly' ? '' : 'in';
  for (const a of args) {
    // `NAME=value`: the value is assigned, never evaluated; only the name matters.
    const assigned = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/.exec(a.text)?.[1];
    if (assigned !== undefined) name({ text: assigned, literal: true }, 'declares');
    else if (!a.literal) {
      found.push({ flag: 'eval', note: `${program} is given a computed argument, which it evaluates` });
    } else if (/^[-+][A-Za-z]+$/.test(a.text)) {
      const attribute = attributes.split('').find((l) => a.text.includes(l));
      if (attribute) {
        found.push({
          flag: attribute === 'n' ? 'indirect_expansion' : 'arithmetic',
          note: `${program} ${a.text} makes later expansions or assignments evaluate code`,
        });
      }
    } else name(a, 'declares');
  }
}

/** Operands after the options (short options in `valued` take a value). */
function operands(args: readonly ArgToken[], valued: string, alsoValued: string): ArgToken[] {
  const out: ArgToken[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a) break;
    if (a.literal && a.text === '--') return [...out, ...args.slice(i + 1)];
    if (a.literal && /^-[A-Za-z]+$/.test(a.text)) {
      const letters = a.text.slice(1);
      const last = letters[letters.length - 1] ?? '';
      if (valued.includes(last) || alsoValued.includes(last)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The values given to the short options in `letters` (`-p NAME` or `-pNAME`). */
function valuesOf(args: readonly ArgToken[], letters: string): ArgToken[] {
  const out: ArgToken[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]?.text ?? '';
    const m = /^-([A-Za-z]*)$/.exec(t);
    if (m?.[1] && letters.includes(m[1][m[1].length - 1] ?? '')) {
      const next = args[i + 1];
      if (next) out.push(next);
      i++;
    } else if (/^-[A-Za-z]/.test(t) && letters.includes(t[1] ?? '') && t.length > 2) {
      out.push({ text: t.slice(2), literal: args[i]?.literal ?? false });
    }
  }
  return out;
}
