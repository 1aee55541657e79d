/**
 * The native Airlock policy document (`version: "airlock/1"`), as a zod schema with inferred types. The
 * same schema validates files in the core, drives inline errors in the UI editor and generates the JSON
 * Schema for editors ({@link policyJsonSchema}). Semantics are documented in electron/policy/README.md.
 */
import { z } from 'zod';
import { globToRegExp } from './glob';
import { RISK_CLASSES } from './fields';

/** The decision a rule, a tool entry or the policy default can take. */
export const ActionSchema = z.enum(['allow', 'deny', 'require_approval']);
/** A policy action. */
export type Action = z.infer<typeof ActionSchema>;

const Glob = z.string().min(1).max(512).refine(validGlob, { message: 'Invalid glob (unterminated [ class)' });
const GlobList = z.union([Glob, z.array(Glob).min(1)]);
const Regex = z.string().min(1).max(2000).refine(validRegex, { message: 'Invalid regular expression' });

/** A field a condition reads: `args.<path>`, `ssh.<field>`, `server`, `tool` or `adapter`. */
export const FieldPathSchema = z
  .string()
  .regex(
    /^(args(\.[^.]+)*|ssh\.(host|hostAlias|hostResolved|user|command|input|path|paths|risk|programs|flags|writes)|server|tool|adapter)$/,
    'Field must be args.<name>[.<name>…], ssh.<host|hostAlias|user|command|input|path|paths|risk|programs|flags|writes>, server, tool or adapter',
  );

/** How a counter is shared: one client session, one upstream server, or everything. */
export const LimitScopeSchema = z.enum(['session', 'server', 'global']);

/** A rate limit: at most `max` calls per fixed UTC-aligned `window`, counted in `counter`. */
export const LimitSchema = z.strictObject({
  counter: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'Counter names use letters, digits and _ . : - (max 128)'),
  window: z.enum(['minute', 'hour', 'day']),
  max: z.int().min(0).max(1_000_000_000),
  scope: LimitScopeSchema.default('session'),
  reason: z.string().max(500).optional(),
});
/** A rate limit. */
export type Limit = z.output<typeof LimitSchema>;

/** What a simple command must look like; every given key must hold (AND). */
export const CommandMatchSchema = z
  .strictObject({
    /** Program name (basename of the command word) matches one of these globs. */
    program: z.array(Glob).min(1).optional(),
    /** Every one of these tokens is among the arguments (exact, dequoted). */
    argvContains: z.array(z.string()).min(1).optional(),
    /** Some argument matches one of these globs. */
    argvAny: z.array(Glob).min(1).optional(),
    /** Some argument matches this regular expression. */
    argvRegex: Regex.optional(),
    /** The first arguments are exactly these tokens (e.g. `["status"]` for `git status`). */
    argvPrefix: z.array(z.string()).min(1).optional(),
    /** `program arg1 arg2 …` joined by single spaces matches this glob (Claude Code style). */
    line: Glob.optional(),
    /** Some output redirect target matches one of these globs (normalised paths); also lets an allow rule write there. */
    redirectTo: z.array(Glob).min(1).optional(),
    /** The command is in Airlock's read-only set (program, flags and sub-verbs; electron/policy/README.md). */
    readOnly: z.literal(true).optional(),
  })
  .refine((m) => Object.keys(m).length > 0, { message: 'A command match needs at least one key' });
/** A command matcher. */
export type CommandMatch = z.output<typeof CommandMatchSchema>;

/** A condition on the call. Conditions in a list are ANDed. */
export type Condition =
  | { op: 'eq' | 'neq' | 'contains'; field: string; value: z.core.util.JSONType }
  | { op: 'in' | 'not_in'; field: string; value: z.core.util.JSONType[] }
  | { op: 'glob' | 'not_glob'; field: string; value: string | string[] }
  | { op: 'regex' | 'not_regex'; field: string; value: string; ignoreCase?: boolean }
  | { op: 'lt' | 'lte' | 'gt' | 'gte'; field: string; value: number }
  | { op: 'range'; field: string; min?: number; max?: number }
  | { op: 'exists'; field: string; value?: boolean }
  | { op: 'command'; field?: 'ssh.command' | 'ssh.input'; quantifier: 'every' | 'some'; match: CommandMatch }
  | { op: 'all' | 'any'; of: Condition[] }
  | { op: 'not'; condition: Condition };

/** Schema of {@link Condition}, discriminated by `op`. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.strictObject({ op: z.enum(['eq', 'neq', 'contains']), field: FieldPathSchema, value: z.json() }),
    z.strictObject({ op: z.enum(['in', 'not_in']), field: FieldPathSchema, value: z.array(z.json()) }),
    z.strictObject({ op: z.enum(['glob', 'not_glob']), field: FieldPathSchema, value: GlobList }),
    z.strictObject({
      op: z.enum(['regex', 'not_regex']),
      field: FieldPathSchema,
      value: Regex,
      ignoreCase: z.boolean().optional(),
    }),
    z.strictObject({ op: z.enum(['lt', 'lte', 'gt', 'gte']), field: FieldPathSchema, value: z.number() }),
    z
      .strictObject({
        op: z.literal('range'),
        field: FieldPathSchema,
        min: z.number().optional(),
        max: z.number().optional(),
      })
      .refine((c) => c.min !== undefined || c.max !== undefined, { message: 'range needs min or max' }),
    z.strictObject({ op: z.literal('exists'), field: FieldPathSchema, value: z.boolean().optional() }),
    z.strictObject({
      op: z.literal('command'),
      field: z.enum(['ssh.command', 'ssh.input']).optional(),
      quantifier: z.enum(['every', 'some']),
      match: CommandMatchSchema,
    }),
    z.strictObject({ op: z.enum(['all', 'any']), of: z.array(ConditionSchema).min(1) }),
    z.strictObject({ op: z.literal('not'), condition: ConditionSchema }),
  ]),
);

const ExpiresInMs = z.int().min(1000).max(86_400_000);

/** A rule: when server, tool, risk and every condition match, it proposes its action. */
export const RuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'Rule ids use letters, digits and _ . : -'),
  description: z.string().max(1000).optional(),
  enabled: z.boolean().optional(),
  server: GlobList.optional(),
  tool: GlobList.optional(),
  risk: z.array(z.enum(RISK_CLASSES)).min(1).optional(),
  when: z.array(ConditionSchema).optional(),
  action: ActionSchema,
  /** One line for the operator; for `deny` it is also what the agent reads. */
  reason: z.string().max(500).optional(),
  /** How long a held call waits for a human (require_approval only). */
  expiresInMs: ExpiresInMs.optional(),
  /** Rate limits charged when this rule decides allow or require_approval. */
  limits: z.array(LimitSchema).optional(),
  /**
   * Where an allow may write through shell redirections (globs on normalised paths, e.g. `/tmp/*`).
   * Without it (or a `redirectTo` in its conditions) an allowed command that writes is held.
   */
  writes: z.array(Glob).min(1).optional(),
});
/** A policy rule. */
export type Rule = z.output<typeof RuleSchema>;

/** Per-tool settings: a default used only when no rule matches, hiding, and limits on every call. */
export const ToolEntrySchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/)
    .optional(),
  server: GlobList.optional(),
  tool: GlobList,
  default: ActionSchema.optional(),
  reason: z.string().max(500).optional(),
  expiresInMs: ExpiresInMs.optional(),
  /** Removed from `tools/list` and denied on call. */
  hidden: z.boolean().optional(),
  limits: z.array(LimitSchema).optional(),
  /** Where this entry's `default: allow` may write through shell redirections (globs). */
  writes: z.array(Glob).min(1).optional(),
});
/** A per-tool entry. */
export type ToolEntry = z.output<typeof ToolEntrySchema>;

/** The whole native policy document. */
export const PolicyDocumentSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal('airlock/1'),
    description: z.string().max(2000).optional(),
    default: ActionSchema.default('deny'),
    defaultReason: z.string().max(500).optional(),
    approval: z.strictObject({ expiresInMs: ExpiresInMs }).optional(),
    tools: z.array(ToolEntrySchema).optional(),
    rules: z.array(RuleSchema).default([]),
  })
  .superRefine((doc, ctx) => {
    const seen = new Map<string, number>();
    doc.rules.forEach((rule, i) => {
      const first = seen.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `Duplicate rule id "${rule.id}" (first used by rules[${first}])`,
        });
      } else seen.set(rule.id, i);
    });
  });
/** A parsed native policy (defaults applied). */
export type PolicyDocument = z.output<typeof PolicyDocumentSchema>;
/** A native policy as written (defaults optional). */
export type PolicyDocumentInput = z.input<typeof PolicyDocumentSchema>;

/** The current native version marker. */
export const POLICY_VERSION = 'airlock/1';

/** JSON Schema (draft 2020-12) of the native policy document, for editors and `$schema`. */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PolicyDocumentSchema, { io: 'input', unrepresentable: 'any' });
}

function validGlob(pattern: string): boolean {
  try {
    globToRegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function validRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
