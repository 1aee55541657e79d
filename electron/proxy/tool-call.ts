/**
 * The life of one intercepted `tools/call`: recorded before anything else happens, decided by the
 * interceptor (which may hold it for a human), kept alive with progress while it waits, then forwarded
 * with exactly the decided arguments or answered directly. Cancellation and session end withdraw it.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CallDecision } from '../../shared/events';
import { isJsonObject } from '../../shared/json';
import { modernEnvelope } from '../../shared/mcp-era';
import type { CallFields } from '../../shared/policy/fields';
import type { CallVerdict, ToolCallContext } from './interceptor';
import { errorResponse, idKey, resultResponse, RpcErrorCode, type RequestId } from './jsonrpc';
import { keepalive, progressTokenOf } from './progress-routes';
import type { CallHost } from './call-host';
import { denialResult, summariseResult } from './tool-result';
import { acceptsTasks, modernForwardParams, resultFor } from './modern-call';
import type { CallSink } from './session-options';

const DEFAULT_KEEPALIVE_MS = 5000;
const KEEPALIVE_MESSAGE = 'Waiting for operator approval in Airlock…';

/** Whether the upstream declared task-augmented `tools/call`. */
export function upstreamSupportsToolTasks(capabilities: Record<string, unknown> | undefined): boolean {
  const tasks = capabilities?.tasks;
  if (!isJsonObject(tasks) || !isJsonObject(tasks.requests)) return false;
  const tools = tasks.requests.tools;
  return isJsonObject(tools) && isJsonObject(tools.call);
}

/** How a call's answer is delivered when it does not go straight back to the client's request. */
export interface ToolCallMode {
  /** Receives the call's final JSON-RPC response (result or error). */
  readonly respond: (message: JSONRPCMessage) => void;
  /** Key under which the held call is registered for cancellation. */
  readonly heldKey: string;
  /** Told the upstream request id once the call is forwarded (to cancel it later). */
  readonly onForwarded?: (upstreamId: number) => void;
}

/** Runs one `tools/call` from the client through the interception point. */
export async function runToolCall(
  session: CallHost,
  id: RequestId,
  params: Record<string, unknown>,
  mode?: ToolCallMode,
): Promise<void> {
  let respond = mode?.respond ?? ((message: JSONRPCMessage) => session.toClient(message));
  const envelope = modernEnvelope(params);
  const reply = (result: object): void => respond(resultResponse(id, resultFor(envelope, result)));
  const tool = params.name;
  const args = params.arguments ?? {};
  if (typeof tool !== 'string' || tool.length === 0) {
    respond(
      errorResponse(id, RpcErrorCode.InvalidParams, 'Invalid params: tools/call needs a string "name"'),
    );
    return;
  }
  if (!isJsonObject(args)) {
    respond(
      errorResponse(
        id,
        RpcErrorCode.InvalidParams,
        'Invalid params: tools/call "arguments" must be an object',
      ),
    );
    return;
  }
  const tasksUpstream = upstreamSupportsToolTasks(session.info.serverCapabilities);
  if (params.task !== undefined && !tasksUpstream && !mode) {
    respond(
      errorResponse(
        id,
        RpcErrorCode.InvalidParams,
        `Task-augmented tools/call is not supported by server '${session.info.serverName}'`,
      ),
    );
    return;
  }

  const callId = session.options.makeCallId();
  const receivedAt = session.now();
  const { sessionId } = session.info;
  const received = {
    type: 'call.received',
    at: receivedAt,
    sessionId,
    callId,
    tool,
    arguments: args,
  } as const;
  // Queued for history before any later event of this call; committed with this turn's other calls.
  const writeAhead = session.writeAhead(received).then(
    () => null,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  session.emit(received);

  // Made on first use: only a held call listens, and building a signal cost more than deciding an allow.
  let controller: AbortController | undefined;
  let abortedWith: Error | undefined;
  const signal = (): AbortSignal => {
    if (controller === undefined) {
      controller = new AbortController();
      if (abortedWith) controller.abort(abortedWith);
    }
    return controller.signal;
  };
  const abort = (reason: Error): void => {
    abortedWith ??= reason;
    controller?.abort(reason);
  };
  const token = progressTokenOf(params);
  let key = mode?.heldKey ?? idKey(id);
  let keepalives = 0;
  let settled = false;
  let decided = false;
  /** Set when the client was answered with an extension task: the call's answer goes to the task. */
  let taskSink: CallSink | undefined;
  const sendKeepalive = (message: string): void => {
    if (settled || taskSink || token === undefined) return;
    keepalives += 1;
    session.toClient(keepalive(token, keepalives, message));
  };
  const timer =
    token === undefined
      ? undefined
      : setInterval(
          () => sendKeepalive(KEEPALIVE_MESSAGE),
          session.options.keepaliveMs ?? DEFAULT_KEEPALIVE_MS,
        );
  timer?.unref();
  const isSettled = (): boolean => settled;
  const finish = (): boolean => {
    if (settled) return false;
    settled = true;
    if (timer) clearInterval(timer);
    session.releaseCall(key);
    return true;
  };
  const completed = (outcome: Parameters<typeof completeEvent>[2]): void =>
    completeEvent(session, callId, outcome, receivedAt);

  const heldCall = {
    cancel(reason: string) {
      if (!finish()) return;
      abort(new Error(reason));
      completed({ kind: 'cancelled', reason });
    },
    abandon(message: string) {
      if (!finish()) return;
      abort(new Error(message));
      respond(errorResponse(id, RpcErrorCode.ConnectionClosed, message));
      completed({ kind: 'rpc-error', code: RpcErrorCode.ConnectionClosed, message });
    },
  };
  session.holdCall(key, heldCall);
  // Held for the operator: a modern client with the tasks extension gets a task now, and polls it.
  const queued = (): void => {
    if (settled || taskSink || mode || !acceptsTasks(envelope)) return;
    const task = session.extensionTasks.open(tool);
    if (timer) clearInterval(timer);
    session.releaseCall(key);
    key = task.heldKey;
    session.holdCall(key, heldCall);
    session.toClient(resultResponse(id, task.created));
    const tasks = session.extensionTasks;
    const finishTask = (message: JSONRPCMessage): void => tasks.finish(task.taskId, message);
    taskSink = {
      respond: finishTask,
      inputRequired: (requests, controls) => tasks.inputRequired(task.taskId, requests, controls),
      forwarded: (upstreamId) => tasks.forwarded(task.taskId, upstreamId, tool),
    };
    respond = finishTask;
  };

  const recordDecision = (decision: CallDecision, fields?: CallFields): void => {
    if (decided) return;
    decided = true;
    session.emit({
      type: 'call.decided',
      at: session.now(),
      sessionId,
      callId,
      decision,
      ...(fields ? { fields } : {}),
    });
  };
  const ctx = new CallContext(
    {
      session: session.info,
      callId,
      tool,
      arguments: args,
      toolDefinition: session.toolDefinition(tool),
      canReportProgress: token !== undefined,
      reportProgress: sendKeepalive,
      queued,
      recordDecision,
      recordApproval: (outcome, waitedMs) =>
        session.emit({ type: 'call.approval', at: session.now(), sessionId, callId, outcome, waitedMs }),
    },
    signal,
  );

  const unrecorded = await writeAhead;
  // Cancelled, abandoned or session ended while the row was being written (closures change these).
  if (isSettled() || sessionOver(session)) return;
  if (unrecorded) {
    // No history row, no call: an unrecorded call must never run.
    const reason = `Airlock could not record this call in its history (${unrecorded.message}); denied to be safe`;
    recordDecision({ action: 'deny', rule: 'fail-closed', reason });
    finish();
    reply(denialResult(reason));
    completed({ kind: 'denied', reason });
    return;
  }

  let verdict: CallVerdict;
  try {
    verdict = await session.options.interceptor.onToolCall(ctx);
  } catch (error) {
    const reason = `Airlock could not evaluate this call (${(error as Error).message}); denied to be safe`;
    recordDecision({ action: 'deny', rule: 'fail-closed', reason });
    verdict = { kind: 'reply', result: denialResult(reason), denied: true, reason };
  }
  if (!finish() || sessionOver(session)) return;
  recordDecision(
    verdict.kind === 'forward'
      ? { action: 'allow', rule: 'interceptor', reason: 'Forwarded by the interceptor' }
      : { action: 'deny', rule: 'interceptor', reason: verdict.reason },
  );

  if (verdict.kind === 'forward') {
    const withArguments: Record<string, unknown> = { ...params, arguments: verdict.arguments };
    const forwarded = envelope
      ? modernForwardParams(withArguments, envelope, session.info, session.options.interceptor, !!taskSink)
      : withArguments;
    if (!tasksUpstream || mode) delete forwarded.task;
    session.emit({
      type: 'call.forwarded',
      at: session.now(),
      sessionId,
      callId,
      arguments: verdict.arguments,
      edited: verdict.edited,
    });
    const upId = session.forwardRequest(id, 'tools/call', forwarded, {
      callId,
      receivedAt,
      progressOffset: keepalives,
      ...(taskSink ? { sink: taskSink } : mode ? { sink: { respond: mode.respond } } : {}),
    });
    mode?.onForwarded?.(upId);
    return;
  }
  reply(verdict.result);
  completed(verdict.denied ? { kind: 'denied', reason: verdict.reason } : summariseResult(verdict.result));
}

/**
 * A call's context with its abort signal made on first read. A class, because a getter in an object
 * literal is defined at run time on every call (microseconds each; profiled), a prototype getter once.
 */
class CallContext implements ToolCallContext {
  readonly session: ToolCallContext['session'];
  readonly callId: string;
  readonly tool: string;
  readonly arguments: ToolCallContext['arguments'];
  readonly toolDefinition: ToolCallContext['toolDefinition'];
  readonly canReportProgress: boolean;
  readonly reportProgress: ToolCallContext['reportProgress'];
  readonly queued: ToolCallContext['queued'];
  readonly recordDecision: ToolCallContext['recordDecision'];
  readonly recordApproval: ToolCallContext['recordApproval'];

  constructor(
    base: Omit<ToolCallContext, 'signal'>,
    private readonly signalOf: () => AbortSignal,
  ) {
    this.session = base.session;
    this.callId = base.callId;
    this.tool = base.tool;
    this.arguments = base.arguments;
    this.toolDefinition = base.toolDefinition;
    this.canReportProgress = base.canReportProgress;
    this.reportProgress = base.reportProgress;
    this.queued = base.queued;
    this.recordDecision = base.recordDecision;
    this.recordApproval = base.recordApproval;
  }

  get signal(): AbortSignal {
    return this.signalOf();
  }
}

function completeEvent(
  session: CallHost,
  callId: string,
  outcome: Extract<Parameters<CallHost['emit']>[0], { type: 'call.completed' }>['outcome'],
  receivedAt: number,
): void {
  const at = session.now();
  session.emit({
    type: 'call.completed',
    at,
    sessionId: session.info.sessionId,
    callId,
    outcome,
    durationMs: at - receivedAt,
  });
}

/** Read through a function so the compiler does not narrow it across awaits. */
function sessionOver(session: CallHost): boolean {
  return session.isClosed;
}
