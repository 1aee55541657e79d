/**
 * Derives the normalised fields of one call from its raw arguments and the server's adapter. Pure: the
 * command analyser and the target resolver (the per-session tracker) are passed in. Arguments are
 * untrusted: a field of the wrong type becomes the `unknown_shape` flag, never a silent skip.
 */
import type { JsonObject } from '../json';
import type { AdapterSpec, CommandSource, TargetKind, ToolSpec } from './adapters';
import type { AnalysisFlag, CallFields, CommandAnalysis, SshFields } from './fields';
import { findHiddenCharacters } from '../safe-text/hidden-characters';
import { interactiveExpansion } from './interactive-input';
import { normalisePath } from './paths';

/** A reference to a target as the call gave it. */
export interface TargetRef {
  readonly kind: TargetKind;
  /** Empty when the call relied on the server's default (ssh-mcp without `profile`). */
  readonly value: string;
}

/** What the tracker knows about a target. */
export interface ResolvedTarget {
  readonly host?: string;
  readonly user?: string;
}

/** Everything normalisation needs besides the call. */
export interface NormaliseDeps {
  /** Shell analysis; absent means the analyser is not ready, which flags `analyzer_unavailable`. */
  readonly analyze?: (text: string) => CommandAnalysis;
  readonly resolve?: (ref: TargetRef) => ResolvedTarget | undefined;
}

/** The call being normalised. */
export interface NormaliseInput {
  readonly server: string;
  readonly tool: string;
  readonly arguments: JsonObject;
  readonly adapter: AdapterSpec | null;
  readonly identifiedBy: CallFields['identifiedBy'];
}

const MAX_SCAN_NODES = 2000;

/** Builds {@link CallFields} for a call. */
export function normaliseCall(input: NormaliseInput, deps: NormaliseDeps): CallFields {
  const spec = input.adapter?.tools[input.tool];
  const unsafe = argumentsHaveUnsafeChars(input.arguments);
  const adapter = input.adapter?.id ?? null;
  const identifiedBy = input.adapter ? input.identifiedBy : 'none';
  if (!spec) {
    // A tool no adapter describes carries no command, target or path: the same fields, built directly.
    const flags: AnalysisFlag[] = unsafe ? ['unsafe_chars'] : [];
    return {
      server: input.server,
      tool: input.tool,
      adapter,
      identifiedBy,
      ssh: { risk: 'unknown', programs: [], flags },
    };
  }
  const flags = new Set<AnalysisFlag>();
  if (unsafe) flags.add('unsafe_chars');
  const ssh = fromSpec(spec, input.arguments, deps, flags);
  const writes = writesOf(ssh);
  return {
    server: input.server,
    tool: input.tool,
    adapter,
    identifiedBy,
    ssh: {
      ...ssh,
      programs: programsOf(ssh),
      ...(writes.length > 0 && { writes }),
      flags: [...flags].sort(),
    },
  };
}

type PartialSsh = Omit<SshFields, 'programs' | 'flags'>;

function fromSpec(
  spec: ToolSpec,
  args: JsonObject,
  deps: NormaliseDeps,
  flags: Set<AnalysisFlag>,
): PartialSsh {
  let risk = spec.risk;
  const out: { -readonly [K in keyof PartialSsh]: PartialSsh[K] } = { risk };
  resolveTarget(spec, args, deps, out, flags);
  if (spec.command) {
    const command = commandText(spec.command, args, flags);
    if (command !== undefined) {
      out.command = command;
      const executes = spec.executes ?? true;
      const analysis = analyse(command, deps, executes ? flags : new Set());
      out.analysis = analysis;
      // A tool that runs a command is judged by its command, whatever class its server gives it
      // (ssh-mcp's `read-command` is "read-only" by its own classifier, which Airlock does not trust).
      if (executes) risk = 'exec';
      if (executes && spec.privileged) flags.add('privileged');
    }
  }
  if (spec.input) {
    const value = args[spec.input];
    if (typeof value === 'string') {
      out.input = value;
      out.inputAnalysis = analyse(value, deps, flags);
      if (interactiveExpansion(value) !== null) flags.add('interactive_expansion');
    } else if (value !== undefined) flags.add('unknown_shape');
  }
  if (spec.paths) {
    const paths = spec.paths.map((p) => args[p]).filter((p): p is string => typeof p === 'string');
    if (spec.paths.some((p) => args[p] !== undefined && typeof args[p] !== 'string'))
      flags.add('unknown_shape');
    if (paths.length > 0) {
      // Path conditions see `/home/u/../../etc/shadow` as `/etc/shadow`.
      out.paths = paths.map(normalisePath);
      out.path = out.paths[0];
    }
  }
  out.risk = risk;
  return out;
}

function resolveTarget(
  spec: ToolSpec,
  args: JsonObject,
  deps: NormaliseDeps,
  out: { host?: string; hostAlias?: string; hostResolved?: boolean; user?: string },
  flags: Set<AnalysisFlag>,
): void {
  const direct = spec.hostArg ? args[spec.hostArg] : undefined;
  if (typeof direct === 'string') {
    out.host = direct;
    out.hostResolved = true;
  }
  const user = spec.userArg ? args[spec.userArg] : undefined;
  if (typeof user === 'string') out.user = user;
  if (!spec.target) return;
  const raw = args[spec.target.arg];
  if (raw !== undefined && typeof raw !== 'string') {
    flags.add('unknown_shape');
    return;
  }
  if (raw === undefined && spec.target.kind !== 'profile') return;
  let ref: TargetRef = { kind: spec.target.kind, value: raw ?? '' };
  // Orchestrator task ids start with the host alias: `web1:4c2d8a8f7b1e:1700000000000000`.
  if (ref.kind === 'task') ref = { kind: 'alias', value: ref.value.split(':')[0] ?? '' };
  if (ref.value) out.hostAlias = ref.kind === 'tag' ? `tag:${ref.value}` : ref.value;
  const resolved = deps.resolve?.(ref);
  if (resolved?.host) {
    out.host = resolved.host;
    out.hostResolved = true;
  } else if (out.host === undefined && out.hostAlias !== undefined) {
    out.host = out.hostAlias;
    out.hostResolved = false;
  }
  if (resolved?.user && out.user === undefined) out.user = resolved.user;
}

function commandText(source: CommandSource, args: JsonObject, flags: Set<AnalysisFlag>): string | undefined {
  switch (source.from) {
    case 'string': {
      const value = args[source.arg];
      if (value === undefined) return undefined;
      if (typeof value === 'string') return value;
      flags.add('unknown_shape');
      return JSON.stringify(value);
    }
    case 'argv':
    case 'lines': {
      const value = args[source.arg];
      if (value === undefined) return undefined;
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        flags.add('unknown_shape');
        return JSON.stringify(value);
      }
      return source.from === 'argv' ? value.map(singleQuote).join(' ') : value.join('\n');
    }
    case 'signal': {
      const pid = args[source.pid];
      const signal = args[source.signal] ?? source.defaultSignal;
      if (
        typeof pid !== 'number' ||
        !Number.isInteger(pid) ||
        typeof signal !== 'string' ||
        !/^[A-Z0-9]+$/.test(signal)
      ) {
        flags.add('unknown_shape');
        return JSON.stringify({ pid: pid ?? null, signal });
      }
      return `kill -${signal} ${pid}`;
    }
  }
}

function analyse(text: string, deps: NormaliseDeps, flags: Set<AnalysisFlag>): CommandAnalysis {
  const analysis: CommandAnalysis = deps.analyze
    ? deps.analyze(text)
    : {
        ok: false,
        commands: [],
        writes: [],
        flags: ['analyzer_unavailable'],
        notes: ['the shell analyser is not ready'],
      };
  for (const f of analysis.flags) flags.add(f);
  return analysis;
}

function writesOf(ssh: PartialSsh): string[] {
  const targets = new Set<string>();
  for (const a of [ssh.analysis, ssh.inputAnalysis]) for (const w of a?.writes ?? []) targets.add(w.path);
  return [...targets];
}

function programsOf(ssh: PartialSsh): string[] {
  const names = new Set<string>();
  for (const a of [ssh.analysis, ssh.inputAnalysis]) {
    for (const c of a?.commands ?? []) if (c.program) names.add(c.program);
  }
  return [...names];
}

function singleQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const KEY_SCAN = { newlines: false, tabs: false, limit: 1 } as const;
const VALUE_SCAN = { carriageReturn: true, limit: 1 } as const;

function argumentsHaveUnsafeChars(args: JsonObject): boolean {
  const stack: unknown[] = [args];
  let seen = 0;
  while (stack.length > 0 && seen++ < MAX_SCAN_NODES) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (findHiddenCharacters(v, VALUE_SCAN).length > 0) return true;
    } else if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (v && typeof v === 'object') {
      // Own keys, as Object.entries gives them, without an array per entry.
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        if (findHiddenCharacters(k, KEY_SCAN).length > 0) return true;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  // Too large to scan fully: a human looks at it.
  return stack.length > 0;
}
