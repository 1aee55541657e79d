/**
 * Compiles policy conditions into fast predicates with three-valued (Kleene) logic: true, false, or
 * unknown (`null`). Unknown arises when a command token's runtime value cannot be known statically
 * (`rm $X`) or when a command did not parse completely. A restrictive rule (deny, require_approval)
 * matches on true or unknown; an allow rule only on true. So uncertainty never widens what is allowed.
 *
 * A missing field equals nothing: positive operators are false on it, negated ones (`neq`, `not_in`,
 * `not_glob`, `not_regex`) true, `exists` tells presence.
 */
import type { Json, JsonObject } from '../json';
import { assertNever, isJsonObject } from '../json';
import type { ArgToken, CallFields, CommandAnalysis, SimpleCommand } from './fields';
import { compileGlobList, globToRegExp, isLiteralGlob } from './glob';
import type { CommandMatch, Condition } from './schema';

/** true / false / unknown. */
export type Tri = boolean | null;

/** What a condition reads. */
export interface ConditionContext {
  readonly args: JsonObject;
  readonly fields: CallFields;
}

/** A compiled condition. */
export type Predicate = (ctx: ConditionContext) => Tri;

/** Kleene AND over predicates. */
export function allOf(preds: readonly Predicate[]): Predicate {
  if (preds.length === 1 && preds[0]) return preds[0];
  return (ctx) => {
    let unknown = false;
    for (const p of preds) {
      const v = p(ctx);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

function anyOf(preds: readonly Predicate[]): Predicate {
  return (ctx) => {
    let unknown = false;
    for (const p of preds) {
      const v = p(ctx);
      if (v === true) return true;
      if (v === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

/** Compiles one condition. */
export function compileCondition(c: Condition): Predicate {
  switch (c.op) {
    case 'all':
      return allOf(c.of.map(compileCondition));
    case 'any':
      return anyOf(c.of.map(compileCondition));
    case 'not': {
      const inner = compileCondition(c.condition);
      return (ctx) => {
        const v = inner(ctx);
        return v === null ? null : !v;
      };
    }
    case 'command':
      return compileCommand(c.field ?? 'ssh.command', c.quantifier, c.match);
    case 'eq':
    case 'neq':
      return field(c.field, c.op === 'neq', (v) => jsonEqual(v, c.value));
    case 'in':
    case 'not_in':
      return field(c.field, c.op === 'not_in', (v) => c.value.some((x) => jsonEqual(v, x)));
    case 'contains':
      return field(c.field, false, (v) =>
        typeof v === 'string' && typeof c.value === 'string'
          ? v.includes(c.value)
          : Array.isArray(v) && v.some((x) => jsonEqual(x, c.value)),
      );
    case 'glob':
    case 'not_glob': {
      const match = compileGlobList(typeof c.value === 'string' ? [c.value] : c.value);
      return field(c.field, c.op === 'not_glob', (v) => typeof v === 'string' && match(v));
    }
    case 'regex':
    case 'not_regex': {
      const re = new RegExp(c.value, c.ignoreCase ? 'iu' : 'u');
      return field(c.field, c.op === 'not_regex', (v) => typeof v === 'string' && re.test(v));
    }
    case 'lt':
      return numeric(c.field, (n) => n < c.value);
    case 'lte':
      return numeric(c.field, (n) => n <= c.value);
    case 'gt':
      return numeric(c.field, (n) => n > c.value);
    case 'gte':
      return numeric(c.field, (n) => n >= c.value);
    case 'range': {
      const { min, max } = c;
      return numeric(c.field, (n) => (min === undefined || n >= min) && (max === undefined || n <= max));
    }
    case 'exists': {
      const read = reader(c.field);
      const want = c.value ?? true;
      return (ctx) => (read(ctx) !== undefined) === want;
    }
    default:
      return assertNever(c, 'Unknown condition');
  }
}

type Reader = (ctx: ConditionContext) => Json | undefined;

/** Builds a reader for a field path (validated by the schema). */
export function reader(path: string): Reader {
  if (path === 'server') return (ctx) => ctx.fields.server;
  if (path === 'tool') return (ctx) => ctx.fields.tool;
  if (path === 'adapter') return (ctx) => ctx.fields.adapter ?? undefined;
  if (path.startsWith('ssh.')) {
    const key = path.slice(4);
    return (ctx) => (ctx.fields.ssh as unknown as Record<string, Json | undefined>)[key];
  }
  const segments = path.split('.').slice(1);
  return (ctx) => {
    let v: Json | undefined = ctx.args;
    for (const s of segments) {
      if (Array.isArray(v) && /^\d+$/.test(s)) v = v[Number(s)];
      else if (isJsonObject(v) && Object.hasOwn(v, s)) v = v[s];
      else return undefined;
    }
    return v;
  };
}

function field(path: string, negate: boolean, test: (v: Json) => boolean): Predicate {
  const read = reader(path);
  return (ctx) => {
    const v = read(ctx);
    const hit = v !== undefined && test(v);
    return negate ? !hit : hit;
  };
}

function numeric(path: string, test: (n: number) => boolean): Predicate {
  return field(path, false, (v) => typeof v === 'number' && test(v));
}

function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => jsonEqual(x, b[i] as Json))
    );
  }
  const ka = Object.keys(a);
  return (
    ka.length === Object.keys(b).length &&
    ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k] as Json, b[k] as Json))
  );
}

type CommandTest = (cmd: SimpleCommand) => Tri;

/** Per-analysis lookup tables, built once and shared by every rule that inspects the command. */
interface CommandIndex {
  /** Commands by literal program name. */
  readonly byProgram: ReadonlyMap<string, readonly SimpleCommand[]>;
  /** Commands whose name is not literal (their program is unknown). */
  readonly unnamed: readonly SimpleCommand[];
  /** Every literal argument token of every command. */
  readonly tokens: ReadonlySet<string>;
  /** True when some argument token is not literal. */
  readonly dynamicTokens: boolean;
}

const indexes = new WeakMap<CommandAnalysis, CommandIndex>();

function indexOf(analysis: CommandAnalysis): CommandIndex {
  let index = indexes.get(analysis);
  if (index) return index;
  const byProgram = new Map<string, SimpleCommand[]>();
  const unnamed: SimpleCommand[] = [];
  const tokens = new Set<string>();
  let dynamicTokens = false;
  for (const c of analysis.commands) {
    if (c.program) {
      const list = byProgram.get(c.program);
      if (list) list.push(c);
      else byProgram.set(c.program, [c]);
    } else unnamed.push(c);
    for (const a of c.args) {
      if (a.literal) tokens.add(a.text);
      else dynamicTokens = true;
    }
  }
  index = { byProgram, unnamed, tokens, dynamicTokens };
  indexes.set(analysis, index);
  return index;
}

function compileCommand(
  path: 'ssh.command' | 'ssh.input',
  quantifier: 'every' | 'some',
  m: CommandMatch,
): Predicate {
  const rest = compileCommandMatch({ ...m, program: undefined });
  const programMatch = m.program ? compileGlobList(m.program) : null;
  // Patterns with a slash are meant for the full command word (`/usr/bin/*`), not the basename.
  const fullName = m.program?.some((p) => p.includes('/')) ?? false;
  const required = m.argvContains;
  const literalPrograms = m.program && !fullName && m.program.every(isLiteralGlob) ? m.program : null;
  const pick = (ctx: ConditionContext): CommandAnalysis | undefined =>
    path === 'ssh.command' ? ctx.fields.ssh.analysis : ctx.fields.ssh.inputAnalysis;
  const programTri = (c: SimpleCommand): Tri =>
    !programMatch
      ? true
      : !c.program
        ? null
        : programMatch(c.program) || (fullName && programMatch(c.name.text));

  return (ctx) => {
    const analysis = pick(ctx);
    if (!analysis || analysis.commands.length === 0) return false;
    const index = indexOf(analysis);
    // Cheap rejection: a required token that appears nowhere cannot be in any command.
    if (
      quantifier === 'some' &&
      required &&
      !index.dynamicTokens &&
      required.some((w) => !index.tokens.has(w))
    )
      return false;
    let result: Tri;
    if (quantifier === 'some') {
      const seen = { unknown: false };
      const consider = (c: SimpleCommand): boolean => {
        const v = both(programTri(c), rest, c);
        if (v === true) return true;
        if (v === null) seen.unknown = true;
        return false;
      };
      let hit = false;
      if (literalPrograms) {
        for (const program of literalPrograms) {
          if (index.byProgram.get(program)?.some(consider)) {
            hit = true;
            break;
          }
        }
        if (!hit) hit = index.unnamed.some(consider);
      } else if (programMatch && !fullName) {
        for (const [program, list] of index.byProgram) {
          if (programMatch(program) && list.some(consider)) {
            hit = true;
            break;
          }
        }
        if (!hit) hit = index.unnamed.some(consider);
      } else hit = analysis.commands.some(consider);
      result = hit ? true : seen.unknown ? null : false;
    } else {
      if (programMatch && !fullName) {
        for (const program of index.byProgram.keys()) if (!programMatch(program)) return false;
      }
      let unknown = false;
      for (const c of analysis.commands) {
        const v = both(programTri(c), rest, c);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      result = unknown ? null : true;
      // A command that did not parse may hide more commands, so "every" cannot be proven true.
      if (!analysis.ok && result) result = null;
    }
    return result;
  };
}

function both(first: Tri, then: CommandTest | null, c: SimpleCommand): Tri {
  if (first === false || !then) return first;
  const second = then(c);
  return second === false ? false : first === null || second === null ? null : true;
}

function compileCommandMatch(m: CommandMatch): CommandTest | null {
  const tests: CommandTest[] = [];
  if (m.program) {
    const match = compileGlobList(m.program);
    tests.push((c) => (c.program ? match(c.program) || match(c.name.text) : null));
  }
  if (m.argvContains) {
    const wanted = m.argvContains;
    tests.push((c) => {
      let unknown = false;
      for (const w of wanted) {
        const v = someToken(c.args, (t) => t === w);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    });
  }
  if (m.argvAny) {
    const match = compileGlobList(m.argvAny);
    tests.push((c) => someToken(c.args, match));
  }
  if (m.argvRegex) {
    const re = new RegExp(m.argvRegex, 'u');
    tests.push((c) => someToken(c.args, (t) => re.test(t)));
  }
  if (m.argvPrefix) {
    const prefix = m.argvPrefix;
    tests.push((c) => {
      let unknown = false;
      for (let i = 0; i < prefix.length; i++) {
        const a = c.args[i];
        if (!a) return false;
        if (!a.literal) unknown = true;
        else if (a.text !== prefix[i]) return false;
      }
      return unknown ? null : true;
    });
  }
  if (m.line) {
    const re = globToRegExp(m.line);
    tests.push((c) => {
      const text = [c.program || c.name.text, ...c.args.map((a) => a.text)].join(' ');
      if (re.test(text)) return true;
      return c.name.literal && c.args.every((a) => a.literal) ? false : null;
    });
  }
  if (m.redirectTo) {
    const match = compileGlobList(m.redirectTo);
    tests.push((c) =>
      someToken(
        c.redirects.filter((r) => r.op.includes('>')).map((r) => r.target),
        match,
      ),
    );
  }
  if (tests.length === 0) return null;
  return (c) => {
    let unknown = false;
    for (const test of tests) {
      const v = test(c);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

function someToken(tokens: readonly ArgToken[], test: (text: string) => boolean): Tri {
  let unknown = false;
  for (const t of tokens) {
    if (!t.literal) unknown = true;
    else if (test(t.text)) return true;
  }
  return unknown ? null : false;
}
