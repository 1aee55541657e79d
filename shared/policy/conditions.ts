/**
 * Compiles policy conditions into fast predicates with three-valued (Kleene) logic: true, false, or
 * unknown (`null`). Unknown arises when a command token's runtime value cannot be known statically
 * (`rm $X`) or when a command did not parse completely. A restrictive rule (deny, require_approval)
 * matches on true or unknown; an allow rule only on true. So uncertainty never widens what is allowed.
 *
 * A missing field equals nothing: positive operators are false on it, negated ones (`neq`, `not_in`,
 * `not_glob`, `not_regex`) true, `exists` tells presence.
 */
import type { Json } from '../json';
import { assertNever, isJsonObject } from '../json';
import { compileCommand } from './command-conditions';
import { compileGlobList } from './glob';
import { everyTri, notTri, someTri } from './kleene';
import type { ConditionContext, Predicate, Tri } from './predicate';
import type { Condition } from './schema';

/** Kleene AND over predicates. */
export function allOf(preds: readonly Predicate[]): Predicate {
  if (preds.length === 1 && preds[0]) return preds[0];
  return (ctx) => everyTri(preds, apply, ctx);
}

function anyOf(preds: readonly Predicate[]): Predicate {
  return (ctx) => someTri(preds, apply, ctx);
}

function apply(pred: Predicate, ctx: ConditionContext): Tri {
  return pred(ctx);
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
      return (ctx) => notTri(inner(ctx));
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
