/**
 * The policy decision, as a pure function of (compiled policy, call, counter usage, clock).
 *
 * Precedence (documented in electron/policy/README.md):
 * 1. A hidden tool is denied.
 * 2. Among the rules whose server, tool, risk and conditions match: deny beats require_approval beats
 *    allow; within one action the first rule in document order decides (its id is reported). A deny
 *    rule that only might match (its conditions are unknown, e.g. `rm -rf $DIR`) holds the call for
 *    approval instead, so a human resolves what the policy cannot know.
 * 3. Only when no rule matches: the first matching tool entry's `default`, else the policy `default`.
 * 4. Guards cap an `allow` at `require_approval`: analysis flags that hide code from the policy (parse
 *    errors, eval, `sh -c`, pipes into interpreters, arithmetic on values, hidden characters …), writes
 *    through redirections that the allowing rule does not name (`writes` or `redirectTo`), and caller
 *    guards such as a changed tool pin. Guards never soften a deny.
 * 5. Limits of the matching tool entries and of the deciding rule are checked for `allow` and
 *    `require_approval` outcomes; a full counter denies. The caller reserves the returned charges.
 */
import type { JsonObject } from '../json';
import type { CompiledPolicy, CompiledRule } from './compile';
import type { ConditionContext } from './predicate';
import { APPROVAL_FLAGS, type AnalysisFlag, type CallFields } from './fields';
import type { Action, Limit } from './schema';

/** The call as the evaluator sees it. */
export interface EvalInput {
  readonly sessionId: string;
  readonly arguments: JsonObject;
  readonly fields: CallFields;
}

/** An extra reason to require approval that the caller knows about (e.g. a changed tool pin). */
export interface Guard {
  readonly rule: string;
  readonly reason: string;
}

/** One counter increment the caller must reserve if it acts on the decision. */
export interface LimitCharge {
  readonly key: string;
  readonly counter: string;
  readonly scope: Limit['scope'];
  readonly window: Limit['window'];
  readonly max: number;
  readonly windowStart: number;
  readonly windowEnd: number;
}

/** The evaluator's answer. */
export interface Evaluation {
  readonly action: Action;
  /** Stable id of what decided: a rule id, a tool entry id, `default`, `guard:<flag>`, `limit:<counter>` … */
  readonly rule: string;
  readonly reason: string;
  /**
   * How long a held call waits, when the policy says (a rule, a tool entry or `approval.expiresInMs`).
   * Absent: the operator's "held calls expire after" setting applies, so that setting is never silently
   * overruled by a number the operator did not write.
   */
  readonly expiresInMs?: number;
  readonly charges: readonly LimitCharge[];
}

/** Current usage of a counter key (0 when unknown). */
export type UsageLookup = (key: string) => number;

const WINDOW_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const GUARD_ORDER = [...APPROVAL_FLAGS];

/** Decides one call. */
export function evaluatePolicy(
  policy: CompiledPolicy,
  input: EvalInput,
  usage: UsageLookup,
  now: number,
  guards: readonly Guard[] = [],
): Evaluation {
  if (policy.failClosed !== undefined) {
    return { action: 'deny', rule: 'fail-closed', reason: policy.failClosed, charges: [] };
  }
  const { server, tool } = input.fields;
  const entries = policy.tools.filter((t) => t.matchServer(server) && t.matchTool(tool));
  const hidden = entries.find((t) => t.entry.hidden);
  if (hidden) {
    return { action: 'deny', rule: hidden.id, reason: `Tool "${tool}" is hidden by policy`, charges: [] };
  }

  const ctx: ConditionContext = { args: input.arguments, fields: input.fields };
  const rules = policy.rulesFor(tool);
  const deny = firstMatch(rules.deny, ctx);
  const certainDeny = deny?.certain ? deny.rule : undefined;
  const possibleDeny = deny && !deny.certain ? deny.rule : undefined;
  const decidingRule =
    certainDeny ??
    (possibleDeny ? undefined : firstMatch(rules.ask, ctx)?.rule) ??
    (possibleDeny ? undefined : firstAllow(rules.allow, ctx));

  let action: Action;
  let rule: string;
  let reason: string;
  let expires: number | undefined;
  let mayWrite: ((path: string) => boolean) | null = null;
  if (possibleDeny && !certainDeny) {
    // A guard flag (non-literal name, hidden characters …) is usually why the match is uncertain.
    const guard = guardFor(input.fields);
    action = 'require_approval';
    rule = guard?.rule ?? possibleDeny.id;
    reason =
      guard?.reason ??
      `Might match deny rule ${possibleDeny.id} (a value is only known at run time): ${possibleDeny.reason ?? 'deny'}`;
  } else if (decidingRule) {
    action = decidingRule.action;
    rule = decidingRule.id;
    reason = decidingRule.reason ?? `Matched rule ${decidingRule.id}`;
    expires = decidingRule.expiresInMs;
    mayWrite = decidingRule.mayWrite;
    if (decidingRule.readOnly && action === 'allow' && input.fields.ssh.programs.length > 0) {
      reason = `${reason}: ${input.fields.ssh.programs.join(', ')}`;
    }
  } else {
    const withDefault = entries.find((t) => t.entry.default !== undefined);
    if (withDefault?.entry.default) {
      action = withDefault.entry.default;
      rule = withDefault.id;
      reason = withDefault.entry.reason ?? `No rule matched; the default for tool ${tool} is ${action}`;
      expires = withDefault.entry.expiresInMs;
      mayWrite = withDefault.mayWrite;
    } else {
      action = policy.doc.default;
      rule = 'default';
      reason = policy.doc.defaultReason ?? `No rule matched; the policy default is ${action}`;
    }
  }

  if (action === 'allow') {
    const guard = guardFor(input.fields) ?? writeGuard(input.fields, mayWrite) ?? guards[0];
    if (guard) {
      action = 'require_approval';
      rule = guard.rule;
      reason = guard.reason;
      expires = undefined;
    }
  }
  if (action === 'deny') return { action, rule, reason, charges: [] };

  const limits = [...entries.flatMap((t) => t.entry.limits ?? []), ...(decidingRule?.limits ?? [])];
  const charges = chargesFor(limits, input.sessionId, server, now);
  for (const charge of charges) {
    if (usage(charge.key) + 1 > charge.max) {
      return {
        action: 'deny',
        rule: `limit:${charge.counter}`,
        reason: `Rate limit reached: at most ${charge.max} per ${charge.window} (counter ${charge.counter}, ${charge.scope} scope); resets at ${new Date(charge.windowEnd).toISOString()}`,
        charges: [],
      };
    }
  }
  if (action === 'require_approval') {
    expires ??= policy.doc.approval?.expiresInMs;
    return { action, rule, reason, ...(expires !== undefined && { expiresInMs: expires }), charges };
  }
  return { action, rule, reason, charges };
}

/** First restrictive rule that matches for sure, else the first that might match (unknown). */
function firstMatch(
  rules: readonly CompiledRule[],
  ctx: ConditionContext,
): { rule: CompiledRule; certain: boolean } | undefined {
  let possible: CompiledRule | undefined;
  for (const r of rules) {
    const v = applies(r, ctx);
    if (v === true) return { rule: r, certain: true };
    if (v === null) possible ??= r;
  }
  return possible ? { rule: possible, certain: false } : undefined;
}

function firstAllow(rules: readonly CompiledRule[], ctx: ConditionContext): CompiledRule | undefined {
  return rules.find((r) => applies(r, ctx) === true);
}

function applies(r: CompiledRule, ctx: ConditionContext): boolean | null {
  if (!r.matchServer(ctx.fields.server)) return false;
  if (r.risk && !r.risk.has(ctx.fields.ssh.risk)) return false;
  return r.when ? r.when(ctx) : true;
}

function guardFor(fields: CallFields): Guard | undefined {
  if (fields.ssh.flags.length === 0) return undefined;
  const present = new Set<AnalysisFlag>(fields.ssh.flags);
  const flag = GUARD_ORDER.find((f) => present.has(f));
  if (!flag) return undefined;
  const notes = [...(fields.ssh.analysis?.notes ?? []), ...(fields.ssh.inputAnalysis?.notes ?? [])];
  return {
    rule: `guard:${flag}`,
    reason: `Needs approval: ${GUARD_TEXT[flag] ?? flag}${notes[0] ? ` (${notes[0]})` : ''}`,
  };
}

/** Writes the allowing rule (or tool entry) does not name hold the call. */
function writeGuard(fields: CallFields, mayWrite: ((path: string) => boolean) | null): Guard | undefined {
  const targets = fields.ssh.writes ?? [];
  if (targets.length === 0) return undefined;
  const outside = targets.filter((t) => !mayWrite?.(t));
  if (outside.length === 0) return undefined;
  return {
    rule: 'guard:writes',
    reason: `Needs approval: the command writes to ${outside.slice(0, 3).join(', ')}${outside.length > 3 ? ' …' : ''}, which the allowing rule does not name (add "writes" or "redirectTo")`,
  };
}

const GUARD_TEXT: Partial<Record<AnalysisFlag, string>> = {
  parse_error: 'the command does not parse as bash',
  too_long: 'the command is too long to analyse',
  unsafe_chars: 'the call contains hidden or control characters',
  non_literal_command: 'a command name is computed at run time',
  eval: 'text is run as code (eval, source, exec, alias, trap or an environment change)',
  shell_c: 'a shell runs a command string',
  shell_exec: 'a shell is started',
  interpreter_inline: 'an interpreter is given inline code',
  interpreter_stdin: 'input is piped into an interpreter',
  script_exec: 'a script file runs (its contents can change)',
  command_runner: 'a command runs other commands (xargs, find -exec …)',
  wrapper_opaque: 'a wrapper command could not be unwrapped',
  remote_exec: 'a command runs on another host',
  download_exec: 'downloaded content is executed',
  fork_bomb: 'a function replicates itself',
  analyzer_unavailable: 'the shell analyser is not ready',
  unknown_shape: 'an argument has an unexpected type',
  function_definition: 'a shell function is defined (it can shadow any program)',
  arithmetic: 'a value is evaluated as arithmetic, which can run code through array subscripts',
  indirect_expansion: 'a variable is expanded through another variable (or a name reference)',
  prompt_expansion: 'a value is expanded as a prompt string, which runs command substitutions',
  network_redirect: 'a redirection opens a network connection (/dev/tcp, /dev/udp)',
  write_unknown: 'output is written to a place known only at run time',
  unknown_construct: 'the command uses shell syntax Airlock does not understand',
  shell_dialect: 'the command uses quoting that dash and bash read differently',
  interactive_expansion: 'the shell would expand or complete the keystrokes before running them',
};

function chargesFor(limits: readonly Limit[], sessionId: string, server: string, now: number): LimitCharge[] {
  if (limits.length === 0) return [];
  const charges = new Map<string, LimitCharge>();
  for (const l of limits) {
    const size = WINDOW_MS[l.window];
    const windowStart = Math.floor(now / size) * size;
    const scopeKey =
      l.scope === 'session' ? `session:${sessionId}` : l.scope === 'server' ? `server:${server}` : 'global';
    const key = `${l.counter}|${scopeKey}|${l.window}|${windowStart}`;
    const max = Math.min(l.max, charges.get(key)?.max ?? Infinity);
    charges.set(key, {
      key,
      counter: l.counter,
      scope: l.scope,
      window: l.window,
      max,
      windowStart,
      windowEnd: windowStart + size,
    });
  }
  return [...charges.values()];
}
