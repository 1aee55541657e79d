/**
 * Compiles a validated policy document into matchers indexed by tool name, so deciding a call touches
 * only the rules that can apply to its tool (a 1,000-rule policy stays fast).
 */
import type { RiskClass } from './fields';
import { compileGlobList, isLiteralGlob } from './glob';
import { matchingLabelToo } from './server-name';
import { allOf, compileCondition } from './conditions';
import type { Predicate } from './predicate';
import type { Action, Condition, Limit, PolicyDocument, Rule, ToolEntry } from './schema';

/** A rule ready to evaluate. */
export interface CompiledRule {
  readonly id: string;
  readonly index: number;
  readonly action: Action;
  readonly reason?: string;
  readonly expiresInMs?: number;
  readonly limits: readonly Limit[];
  readonly matchServer: (server: string) => boolean;
  readonly risk: ReadonlySet<RiskClass> | null;
  readonly when: Predicate | null;
  /** Where an allow by this rule may write (its `writes` and every `redirectTo` in its conditions). */
  readonly mayWrite: ((path: string) => boolean) | null;
  /** The rule asks for Airlock's read-only set, so its decisions name the programs. */
  readonly readOnly: boolean;
}

/** A tool entry ready to evaluate. */
export interface CompiledToolEntry {
  readonly id: string;
  readonly entry: ToolEntry;
  readonly matchServer: (server: string) => boolean;
  readonly matchTool: (tool: string) => boolean;
  readonly mayWrite: ((path: string) => boolean) | null;
}

/** The rules that can apply to one tool, split by action, each in document order. */
export interface ToolRules {
  readonly deny: readonly CompiledRule[];
  readonly ask: readonly CompiledRule[];
  readonly allow: readonly CompiledRule[];
}

/** A policy ready for {@link evaluatePolicy}. */
export interface CompiledPolicy {
  readonly doc: PolicyDocument;
  readonly tools: readonly CompiledToolEntry[];
  /** Rules for a tool name (cached per name). */
  rulesFor(tool: string): ToolRules;
  /** Set when this policy is the fail-closed stand-in: every call is denied with this reason. */
  readonly failClosed?: string;
}

const MAX_CACHED_TOOLS = 2000;

/** Compiles a document that already passed {@link PolicyDocumentSchema}. */
export function compilePolicy(doc: PolicyDocument): CompiledPolicy {
  const byTool = new Map<string, CompiledRule[]>();
  const wildcard: { rule: CompiledRule; matchTool: (tool: string) => boolean }[] = [];
  doc.rules.forEach((rule, index) => {
    if (rule.enabled === false) return;
    const compiled = compileRule(rule, index);
    const tools = listOf(rule.tool);
    if (tools.every(isLiteralGlob)) {
      for (const t of tools) {
        const list = byTool.get(t) ?? [];
        list.push(compiled);
        byTool.set(t, list);
      }
    } else {
      wildcard.push({ rule: compiled, matchTool: compileGlobList(tools) });
    }
  });
  const cache = new Map<string, ToolRules>();
  const rulesFor = (tool: string): ToolRules => {
    const hit = cache.get(tool);
    if (hit) return hit;
    const wild = wildcard.filter((w) => w.matchTool(tool)).map((w) => w.rule);
    const all = [...(byTool.get(tool) ?? []), ...wild].sort((a, b) => a.index - b.index);
    const rules: ToolRules = {
      deny: all.filter((r) => r.action === 'deny'),
      ask: all.filter((r) => r.action === 'require_approval'),
      allow: all.filter((r) => r.action === 'allow'),
    };
    if (cache.size >= MAX_CACHED_TOOLS) cache.clear();
    cache.set(tool, rules);
    return rules;
  };
  const tools = (doc.tools ?? []).map((entry) => compileToolEntry(entry));
  return { doc, tools, rulesFor };
}

/** A stand-in policy that denies every call, used when no valid policy exists. */
export function failClosedPolicy(reason: string): CompiledPolicy {
  const empty: ToolRules = { deny: [], ask: [], allow: [] };
  return {
    doc: { version: 'airlock/1', default: 'deny', rules: [] },
    tools: [],
    rulesFor: () => empty,
    failClosed: reason,
  };
}

function compileRule(rule: Rule, index: number): CompiledRule {
  const servers = listOf(rule.server);
  return {
    id: rule.id,
    index,
    action: rule.action,
    ...(rule.reason !== undefined && { reason: rule.reason }),
    ...(rule.expiresInMs !== undefined && { expiresInMs: rule.expiresInMs }),
    limits: rule.limits ?? [],
    matchServer: matchingLabelToo(compileGlobList(servers)),
    risk: rule.risk ? new Set(rule.risk) : null,
    when: rule.when && rule.when.length > 0 ? allOf(rule.when.map(compileCondition)) : null,
    mayWrite: writeMatcher([...(rule.writes ?? []), ...(rule.when ?? []).flatMap(redirectGlobs)]),
    readOnly: (rule.when ?? []).some(asksReadOnly),
  };
}

function writeMatcher(globs: readonly string[]): ((path: string) => boolean) | null {
  return globs.length > 0 ? compileGlobList(globs) : null;
}

/** Every `redirectTo` glob in a condition tree. */
function redirectGlobs(c: Condition): string[] {
  switch (c.op) {
    case 'command':
      return c.match.redirectTo ?? [];
    case 'all':
    case 'any':
      return c.of.flatMap(redirectGlobs);
    default:
      // Under `not`, a redirect pattern describes what is excluded, never a place to write.
      return [];
  }
}

function asksReadOnly(c: Condition): boolean {
  if (c.op === 'command') return c.match.readOnly === true;
  if (c.op === 'all' || c.op === 'any') return c.of.some(asksReadOnly);
  return false;
}

function compileToolEntry(entry: ToolEntry): CompiledToolEntry {
  const servers = listOf(entry.server);
  const tools = listOf(entry.tool);
  return {
    id: entry.id ?? `tool:${servers.join(',')}/${tools.join(',')}`,
    entry,
    matchServer: matchingLabelToo(compileGlobList(servers)),
    matchTool: compileGlobList(tools),
    mayWrite: writeMatcher(entry.writes ?? []),
  };
}

function listOf(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return ['*'];
  return typeof value === 'string' ? [value] : [...value];
}
