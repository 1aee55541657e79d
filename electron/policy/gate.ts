/**
 * The policy gate: composes normalisation (adapters + command analysis + alias tracker), tool pins,
 * the pure evaluator and persistent counters into one synchronous `decide` per `tools/call`. Any
 * exception inside becomes a deny with rule `fail-closed`.
 *
 * Life of a call: `decide` → (allow or require_approval) counters are reserved → the call runs or not →
 * `onResult(callId, ok, result)` commits the reservation when it ran and succeeded, and refunds it when
 * it failed upstream, was denied by the operator, expired or was withdrawn.
 *
 * Identification, most trusted first: the tool set of the server's `tools/list`, its `serverInfo.name`,
 * then its launch command (`registerLaunch` or `DecideInput.launch`; shared/policy/launch-identity.ts).
 * Simulators may add a last guess from the tool name (`guessFromToolName`). A launch whose flags name
 * the target (ssh-mcp `--host/--user`) also resolves `ssh.host`/`ssh.user` before any listing call.
 */
import type { JsonObject } from '../../shared/json';
import { isJsonObject } from '../../shared/json';
import { identifyServer, type AdapterSpec } from '../../shared/policy/adapters';
import type { CompiledPolicy } from '../../shared/policy/compile';
import type { CallFields } from '../../shared/policy/fields';
import { evaluatePolicy, type Guard } from '../../shared/policy/evaluate';
import {
  adapterForToolName,
  identifyLaunch,
  type LaunchIdentity,
  type LaunchSpec,
  type LaunchTarget,
} from '../../shared/policy/launch-identity';
import { normaliseCall } from '../../shared/policy/normalise';
import type { Action } from '../../shared/policy/schema';
import type { CommandAnalyzer } from './command/analyzer';
import type { CounterStore } from './counter-store';
import type { LaunchTargetCheck } from './launch-probe';
import type { NameConflict, NameRegistry } from './name-bindings';
import type { PinChange, PinStore } from './pin-store';
import { createSessionTracker, type SessionTracker } from './session-tracker';

/** What the gate needs. */
export interface PolicyGateDeps {
  readonly store: { active(): CompiledPolicy };
  readonly counters: CounterStore;
  readonly pins: PinStore;
  /** The shell analyser; while absent, calls with commands need approval. */
  readonly analyzer?: CommandAnalyzer | null;
  readonly clock?: () => number;
  readonly tracker?: SessionTracker;
  /**
   * Whether a launch's flag-derived target holds (`createLaunchProbe()`: ssh-mcp ignores its flags
   * when its default config file exists). Without it, targets that depend on such a file are not used.
   */
  readonly launchTargetCheck?: LaunchTargetCheck;
  /** Who owns each `--name` now (electron/policy/name-bindings.ts); a session's name conflict ends on accept. */
  readonly names?: Pick<NameRegistry, 'owner'>;
}

/** One call to decide. */
export interface DecideInput {
  readonly sessionId: string;
  readonly serverName: string;
  readonly serverInfoName?: string;
  readonly tool: string;
  readonly arguments: JsonObject;
  readonly toolDefinition?: JsonObject;
  /** Airlock's call id; needed for `onResult` (generated when absent). */
  readonly callId?: string;
  /**
   * The session's upstream launch (stdio only), used when neither the tool set nor `serverInfoName`
   * identifies the server, and for the target its flags name. A launch registered for the session
   * with `registerLaunch` (which carries the child's environment) takes precedence.
   */
  readonly launch?: LaunchSpec;
  /**
   * Simulators only (CLI, console "test a call"): when nothing else identifies the server, take the
   * one adapter that has this tool name (`identifiedBy: 'tool-name'`). Never set on the live path,
   * where the tool name is the agent's choice.
   */
  readonly guessFromToolName?: boolean;
  /**
   * Simulators only: decide with this policy (an unsaved draft) instead of the active one, with the
   * same fields and guards, so a draft and the saved policy are compared on exactly the same call.
   */
  readonly policy?: CompiledPolicy;
}

/** The gate's answer for one call. */
export interface PolicyDecision {
  readonly action: Action;
  /** Stable id of what decided: a rule id, a tool entry id, `default`, `guard:<flag>`, `pin:<state>`, `limit:<counter>`, `fail-closed`. */
  readonly rule: string;
  /** One line for a human; for a deny also what the agent reads (after the denial prefix, `proxy/tool-result.ts`). */
  readonly reason: string;
  readonly fields: CallFields;
  /** How long a held call may wait (require_approval only). */
  readonly expiresInMs?: number;
  readonly callId: string;
  /** The pending pin change that made this call need approval. */
  readonly pinChange?: PinChange;
}

/** What a `tools/list` page means for policy. */
export interface ToolsListOutcome {
  readonly hiddenTools: readonly string[];
  /** Outstanding pin differences for the server (first sight pins silently). */
  readonly changes: readonly PinChange[];
}

/** The gate. */
export interface PolicyGate {
  decide(input: DecideInput): PolicyDecision;
  /**
   * Filters hidden tools from one `tools/list` page; records pins only when `complete` is true, i.e. for
   * a whole listing (every page), so a paged list is never mistaken for tools being removed or added.
   */
  onToolsList(serverName: string, tools: readonly JsonObject[], complete?: boolean): ToolsListOutcome;
  /** The call finished (`ok` = ran and succeeded) or will never run (`ok` = false). */
  onResult(callId: string, ok: boolean, result?: JsonObject | string): void;
  onSessionEnd(sessionId: string): void;
  acceptPinChange(serverName: string, tool: string): boolean;
  /**
   * Records how a server is launched: for one session when `sessionId` is given (the core, at session
   * start, with the child's environment), else for every session of `serverName` that brings no launch
   * of its own (a saved profile, in simulators). Returns what the launch identifies, or null.
   */
  registerLaunch(serverName: string, launch: LaunchSpec, sessionId?: string): LaunchIdentity | null;
  /** Holds every call of the session (`identity:name-reused`) until its command line owns the name. */
  registerNameConflict(sessionId: string, conflict: NameConflict): void;
  /** Whether a `tools/list` of this server has been seen (then a simulated call is identified as live). */
  hasSeenToolsList(serverName: string): boolean;
}

/** A launch with what it identifies and the target it names (only when that target holds). */
interface KnownLaunch {
  readonly key: string;
  /** The command line `key` was made from, compared by reference before `key` is rebuilt. */
  readonly command: string;
  readonly args: readonly string[];
  readonly identity: LaunchIdentity | null;
  readonly target?: LaunchTarget;
}

interface PendingCall {
  readonly reservationId: string | null;
  readonly serverName: string;
  readonly sessionId: string;
  readonly adapterId: string | null;
  readonly tool: string;
  readonly arguments: JsonObject;
}

const MAX_PENDING = 10_000;
const MAX_LAUNCHES = 10_000;

/** Creates the gate. */
export function createPolicyGate(deps: PolicyGateDeps): PolicyGate {
  const clock = deps.clock ?? Date.now;
  const tracker = deps.tracker ?? createSessionTracker();
  const toolNames = new Map<string, Set<string>>();
  const pending = new Map<string, PendingCall>();
  const serverLaunches = new Map<string, KnownLaunch>();
  const sessionLaunches = new Map<string, KnownLaunch>();
  const nameConflicts = new Map<string, NameConflict>();
  let seq = 0;

  const examine = (launch: LaunchSpec): KnownLaunch => {
    const key = launchKey(launch);
    const identity = identifyLaunch(launch);
    const target = identity?.target;
    const holds =
      identity !== null && target !== undefined && (deps.launchTargetCheck?.(identity, launch) ?? false);
    return { key, command: launch.command, args: launch.args, identity, ...(holds && { target }) };
  };
  const remember = (map: Map<string, KnownLaunch>, key: string, known: KnownLaunch): void => {
    if (map.size >= MAX_LAUNCHES && !map.has(key)) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    map.set(key, known);
  };
  /** The session's own launch (registered, else brought by the call), else the server's. */
  const launchOf = (input: DecideInput): KnownLaunch | undefined => {
    const registered = sessionLaunches.get(input.sessionId);
    if (registered && (!input.launch || sameLaunch(registered, input.launch))) return registered;
    if (input.launch) {
      const known = examine(input.launch);
      remember(sessionLaunches, input.sessionId, known);
      return known;
    }
    return serverLaunches.get(input.serverName);
  };

  const decide = (input: DecideInput): PolicyDecision => {
    const callId = input.callId ?? `policy-${clock()}-${++seq}`;
    const { serverName, tool } = input;
    const ident = identifyServer(input.serverInfoName, toolNames.get(serverName));
    const launch = launchOf(input);
    let adapter: AdapterSpec | null = ident.adapter;
    let identifiedBy: CallFields['identifiedBy'] = ident.by;
    if (!adapter && launch?.identity) {
      adapter = launch.identity.adapter;
      identifiedBy = 'launch';
    }
    if (!adapter && input.guessFromToolName) {
      adapter = adapterForToolName(tool);
      if (adapter) identifiedBy = 'tool-name';
    }
    // The flags mean something only for the server family the launch starts.
    const launchTarget = launch?.identity?.adapter.id === adapter?.id ? launch?.target : undefined;
    const fields = normaliseCall(
      {
        server: serverName,
        tool,
        arguments: input.arguments,
        adapter,
        identifiedBy,
      },
      {
        ...(deps.analyzer && { analyze: (text: string) => deps.analyzer?.analyze(text) ?? unavailable() }),
        resolve: tracker.resolver(serverName, input.sessionId, launchTarget),
      },
    );
    const now = clock();
    if (input.toolDefinition && deps.pins.state(serverName, tool) === 'unknown') {
      deps.pins.observe(serverName, input.toolDefinition, now);
    }
    const pinState = deps.pins.state(serverName, tool);
    const guards: Guard[] = [];
    const conflict = nameConflicts.get(input.sessionId);
    if (conflict && deps.names?.owner(conflict.name) !== conflict.fingerprint) {
      guards.push({
        rule: 'identity:name-reused',
        reason: `Needs approval: the name "${conflict.name}" belongs to another command line (${conflict.boundCommand}); this session runs a different one, as ${serverName}. If it replaces the old one: airlock servers accept-name ${conflict.name}`,
      });
    }
    let pinChange: PinChange | undefined;
    if (pinState === 'changed' || pinState === 'added') {
      pinChange = deps.pins.pending(serverName).find((c) => c.tool === tool);
      guards.push({
        rule: `pin:${pinState}`,
        reason:
          pinState === 'changed'
            ? `Needs approval: the definition of tool ${tool} changed since it was pinned; accept the change to stop asking`
            : `Needs approval: tool ${tool} appeared after the server's tools were pinned; accept it to stop asking`,
      });
    }
    const evaluation = evaluatePolicy(
      input.policy ?? deps.store.active(),
      { sessionId: input.sessionId, arguments: input.arguments, fields },
      (key) => deps.counters.usage(key),
      now,
      guards,
    );
    const base = { fields, callId, ...(pinChange && { pinChange }) };
    if (evaluation.action === 'deny')
      return { action: 'deny', rule: evaluation.rule, reason: evaluation.reason, ...base };
    const reservation = deps.counters.reserve(evaluation.charges);
    if (!reservation.ok) {
      return {
        action: 'deny',
        rule: `limit:${reservation.charge.counter}`,
        reason: `Rate limit reached (${reservation.charge.counter})`,
        ...base,
      };
    }
    if (pending.size >= MAX_PENDING) {
      const oldest = pending.keys().next().value;
      if (oldest !== undefined) pending.delete(oldest);
    }
    pending.set(callId, {
      reservationId: reservation.reservationId,
      serverName,
      sessionId: input.sessionId,
      adapterId: fields.adapter,
      tool,
      arguments: input.arguments,
    });
    return {
      action: evaluation.action,
      rule: evaluation.rule,
      reason: evaluation.reason,
      ...(evaluation.expiresInMs !== undefined && { expiresInMs: evaluation.expiresInMs }),
      ...base,
    };
  };

  return {
    decide(input) {
      try {
        return decide(input);
      } catch (error) {
        return {
          action: 'deny',
          rule: 'fail-closed',
          reason: `The policy engine failed on this call: ${error instanceof Error ? error.message : String(error)}`,
          fields: {
            server: input.serverName,
            tool: input.tool,
            adapter: null,
            identifiedBy: 'none',
            ssh: { risk: 'unknown', programs: [], flags: [] },
          },
          callId: input.callId ?? 'unknown',
        };
      }
    },
    onToolsList(serverName, tools, complete = true) {
      const names = new Set(tools.map((t) => t.name).filter((n): n is string => typeof n === 'string'));
      const known = toolNames.get(serverName) ?? new Set<string>();
      for (const n of names) known.add(n);
      toolNames.set(serverName, known);
      const changes = complete ? deps.pins.recordList(serverName, tools, clock()) : [];
      const policy = deps.store.active();
      const hiddenTools = [...names].filter((name) =>
        policy.tools.some((t) => t.entry.hidden && t.matchServer(serverName) && t.matchTool(name)),
      );
      return { hiddenTools, changes };
    },
    onResult(callId, ok, result) {
      const call = pending.get(callId);
      if (!call) return;
      pending.delete(callId);
      if (call.reservationId) {
        if (ok) deps.counters.commit(call.reservationId);
        else deps.counters.refund(call.reservationId);
      }
      if (!ok || result === undefined || !tracker.learns(call.adapterId, call.tool)) return;
      const asObject = typeof result === 'string' ? { content: [{ type: 'text', text: result }] } : result;
      if (isJsonObject(asObject)) tracker.learn({ ...call, result: asObject });
    },
    onSessionEnd(sessionId) {
      tracker.endSession(sessionId);
      sessionLaunches.delete(sessionId);
      nameConflicts.delete(sessionId);
      for (const [id, call] of pending) {
        if (call.sessionId === sessionId) {
          if (call.reservationId) deps.counters.refund(call.reservationId);
          pending.delete(id);
        }
      }
    },
    acceptPinChange: (serverName, tool) => deps.pins.acceptPinChange(serverName, tool),
    registerLaunch(serverName, launch, sessionId) {
      const known = examine(launch);
      if (sessionId === undefined) remember(serverLaunches, serverName, known);
      else remember(sessionLaunches, sessionId, known);
      return known.identity;
    },
    hasSeenToolsList: (serverName) => toolNames.has(serverName),
    registerNameConflict(sessionId, conflict) {
      nameConflicts.set(sessionId, conflict);
    },
  };
}

/**
 * Whether `launch` is the command line `known` was made from. A session brings the same args array on
 * every call, so the reference check spares serialising the command line per call.
 */
function sameLaunch(known: KnownLaunch, launch: LaunchSpec): boolean {
  if (known.command === launch.command && known.args === launch.args) return true;
  return known.key === launchKey(launch);
}

/** Identifies a launch by its command line (the environment only refines the target check). */
function launchKey(launch: LaunchSpec): string {
  return JSON.stringify([launch.command, ...launch.args]);
}

function unavailable(): ReturnType<CommandAnalyzer['analyze']> {
  return {
    ok: false,
    commands: [],
    writes: [],
    flags: ['analyzer_unavailable'],
    notes: ['the shell analyser is not ready'],
  };
}
