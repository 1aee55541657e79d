/**
 * PolicyLayer policy documents (`version: "1"`, `default`, `hide`, `tools.NAME.rules[]` as in Intercept's
 * POLICY.md, and `tools.NAME.limits[]` with `counter` / `window` / `max` / `scope`) and their conversion
 * to the native format. Semantics kept: `default` omitted means allow; with `default: deny` only listed
 * tools run; `"*"` rules apply to listed tools but rescue none; `evaluate` rules deny when their
 * conditions fail; `rate_limit: N/window` and counters are fixed UTC windows, reserved and rolled back.
 *
 * Scope `grant` becomes `session`: a PolicyLayer grant is what one client connection holds, and in
 * Airlock each bridge connection is one proxy session, so the session is the unit with the same life.
 * Tool-keyed Intercept counters are per server (`state.<tool>.<counter>`, `_global` for `"*"`), because
 * Intercept runs one proxy per upstream server. Anything that cannot be reproduced exactly (dynamic
 * increments, conditions on other tools' counters) is an import error, never silently dropped.
 */
import { z } from 'zod';
import { escapeGlob } from './glob';
import type { Condition, Limit, PolicyDocumentInput, ToolEntry } from './schema';

type RuleInput = NonNullable<PolicyDocumentInput['rules']>[number];

const OPS = ['eq', 'neq', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'regex', 'contains', 'exists'] as const;
const Window = z.enum(['minute', 'hour', 'day']);

const PLCondition = z.strictObject({ path: z.string().min(1), op: z.enum(OPS), value: z.json().optional() });
const PLRule = z.strictObject({
  name: z.string().min(1, 'rule must have a name'),
  action: z.enum(['evaluate', 'deny']).optional(),
  conditions: z.array(PLCondition).optional(),
  on_deny: z.string().optional(),
  rate_limit: z
    .string()
    .regex(/^[1-9][0-9]*\/(minute|hour|day)$/, 'rate_limit is <count>/<minute|hour|day>')
    .optional(),
  state: z
    .strictObject({
      counter: z.string().min(1),
      window: Window,
      increment: z.number().optional(),
      increment_from: z.string().optional(),
    })
    .optional(),
});
const PLLimit = z.strictObject({
  counter: z.string().min(1),
  window: Window,
  max: z.int().min(0),
  scope: z.enum(['grant', 'session', 'server', 'global']).optional(),
});
const PLTool = z.strictObject({
  action: z.enum(['allow', 'deny', 'require_approval']).optional(),
  on_deny: z.string().optional(),
  rules: z.array(PLRule).optional(),
  limits: z.array(PLLimit).optional(),
});

/** Schema of a PolicyLayer policy document. */
export const PolicyLayerSchema = z.strictObject({
  version: z.union([z.literal('1'), z.literal(1)]),
  description: z.string().optional(),
  default: z.enum(['allow', 'deny']).optional(),
  hide: z.array(z.string().min(1, 'entry must not be empty')).optional(),
  tools: z.record(z.string(), PLTool).optional(),
});
/** A parsed PolicyLayer document. */
export type PolicyLayerDocument = z.output<typeof PolicyLayerSchema>;

/** An import problem with the PolicyLayer path it concerns. */
export interface ImportIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/** Result of converting a PolicyLayer document. */
export type ImportResult =
  | { readonly ok: true; readonly policy: PolicyDocumentInput; readonly warnings: string[] }
  | { readonly ok: false; readonly errors: ImportIssue[] };

/** True when a JSON value looks like a PolicyLayer document rather than a native one. */
export function isPolicyLayerDocument(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'version' in value &&
    (value.version === '1' || value.version === 1)
  );
}

/** Converts a PolicyLayer document (parsed JSON) to a native policy. */
export function importPolicyLayer(value: unknown): ImportResult {
  const parsed = PolicyLayerSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(pathKey), message: i.message })),
    };
  }
  const doc = parsed.data;
  const errors: ImportIssue[] = [];
  const warnings: string[] = [];
  const tools: ToolEntry[] = [];
  const rules: RuleInput[] = [];
  const fallback = doc.default ?? 'allow';
  if (doc.default === undefined)
    warnings.push('PolicyLayer "default" is omitted, which means allow: unlisted tools will run');

  for (const [i, name] of (doc.hide ?? []).entries()) {
    tools.push({ id: `pl.hide.${i}`, tool: name === '*' ? '*' : escapeGlob(name), hidden: true });
  }
  Object.entries(doc.tools ?? {}).forEach(([name, spec]) => {
    const wildcard = name === '*';
    const tool = wildcard ? '*' : escapeGlob(name);
    const slug = slugOf(name);
    const limits: Limit[] = (spec.limits ?? []).map((l) => ({
      counter: counterName(l.counter),
      window: l.window,
      max: l.max,
      scope: l.scope === undefined || l.scope === 'grant' ? 'session' : l.scope,
    }));
    (spec.rules ?? []).forEach((r, ri) => {
      const at = ['tools', name, 'rules', ri];
      const id = `pl.${slug}.${ri}`;
      const reason = r.on_deny;
      if ((r.action ?? 'evaluate') === 'deny') {
        if (r.conditions?.length)
          errors.push({ path: [...at, 'conditions'], message: 'deny rules must not have conditions' });
        rules.push({
          id,
          description: r.name,
          tool,
          action: 'deny',
          reason: reason ?? `Rule "${r.name}" blocks ${name}`,
        });
        return;
      }
      if (r.rate_limit) {
        if (r.conditions?.length || r.state)
          errors.push({ path: at, message: 'rate_limit cannot be combined with conditions or state' });
        const [count, window] = r.rate_limit.split('/') as [string, Limit['window']];
        limits.push({
          counter: counterName(`${wildcard ? '_global' : name}._rate_${window}`),
          window,
          max: Number(count),
          scope: 'server',
        });
        return;
      }
      const argConditions: Condition[] = [];
      for (const [ci, c] of (r.conditions ?? []).entries()) {
        if (c.path.startsWith('args.')) {
          const converted = convertCondition(c.path, c.op, c.value);
          if (typeof converted === 'string')
            errors.push({ path: [...at, 'conditions', ci], message: converted });
          else argConditions.push(converted);
        } else if (c.path.startsWith('state.')) {
          const limit = stateLimit(c.path, c.op, c.value, r.state, wildcard ? '_global' : name);
          if (typeof limit === 'string') errors.push({ path: [...at, 'conditions', ci], message: limit });
          else limits.push(limit);
        } else {
          errors.push({
            path: [...at, 'conditions', ci, 'path'],
            message: `path must start with "args." or "state.", got "${c.path}"`,
          });
        }
      }
      if (!r.conditions?.length)
        errors.push({ path: at, message: 'evaluate rules must have at least one condition' });
      if (argConditions.length > 0) {
        rules.push({
          id,
          description: r.name,
          tool,
          when: [{ op: 'not', condition: { op: 'all', of: argConditions } }],
          action: 'deny',
          reason: reason ?? `Rule "${r.name}" conditions are not met`,
        });
      }
    });
    const entry: ToolEntry = { id: `pl.tool.${slug}`, tool };
    // With default deny, listing a tool is what allows it; "*" rescues no unlisted tool.
    if (!wildcard) entry.default = spec.action ?? 'allow';
    if (wildcard && spec.action) entry.default = spec.action;
    if (spec.on_deny) entry.reason = spec.on_deny;
    if (limits.length > 0) entry.limits = limits;
    tools.push(entry);
  });
  if (errors.length > 0) return { ok: false, errors };
  const policy: PolicyDocumentInput = {
    version: 'airlock/1',
    ...(doc.description !== undefined && { description: doc.description }),
    default: fallback,
    defaultReason:
      fallback === 'deny'
        ? 'Tool is not listed in the policy'
        : 'No rule matched (PolicyLayer default allow)',
    tools,
    rules,
  };
  return { ok: true, policy, warnings };
}

function convertCondition(path: string, op: (typeof OPS)[number], value: unknown): Condition | string {
  const field = path;
  switch (op) {
    case 'exists':
      return { op, field, value: value === undefined ? true : value === true };
    case 'in':
    case 'not_in':
      return Array.isArray(value)
        ? { op, field, value: value as z.core.util.JSONType[] }
        : `operator "${op}" requires a list value`;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return typeof value === 'number' ? { op, field, value } : `operator "${op}" requires a numeric value`;
    case 'regex':
      return typeof value === 'string' ? { op, field, value } : 'operator "regex" requires a string value';
    case 'eq':
    case 'neq':
    case 'contains':
      return value === undefined
        ? `operator "${op}" requires a value`
        : { op, field, value: value as z.core.util.JSONType };
  }
}

function stateLimit(
  path: string,
  op: string,
  value: unknown,
  state: z.output<typeof PLRule>['state'],
  scopeName: string,
): Limit | string {
  const [, scope, counter] = path.split('.');
  if (!state) return 'a state condition needs a state block on the same rule';
  if (state.increment_from !== undefined || (state.increment ?? 1) !== 1) {
    return 'dynamic or non-unit increments are not supported by Airlock counters';
  }
  if (counter !== state.counter || scope !== scopeName) {
    return `only the rule's own counter state.${scopeName}.${state.counter} can be tested`;
  }
  if (typeof value !== 'number' || (op !== 'lte' && op !== 'lt'))
    return 'counter conditions must be lte or lt a number';
  return {
    counter: counterName(`${scopeName}.${counter}`),
    window: state.window,
    max: op === 'lte' ? value : value - 1,
    scope: 'server',
  };
}

function counterName(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 128);
}

function slugOf(name: string): string {
  const slug = name === '*' ? 'all' : name.replace(/[^A-Za-z0-9_.:-]/g, '_').replace(/^[^A-Za-z0-9]/, 'x');
  return slug.slice(0, 100) || 'x';
}

function pathKey(p: PropertyKey): string | number {
  return typeof p === 'number' ? p : String(p);
}
