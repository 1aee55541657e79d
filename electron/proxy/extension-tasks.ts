/**
 * Held calls as tasks of the modern era's tasks extension (`io.modelcontextprotocol/tasks`, SEP-2663).
 * Task creation is server-directed there: when a modern client declares the extension on a `tools/call`
 * and Airlock holds that call for the operator, Airlock answers at once with a task (`resultType: "task"`)
 * whose status says why it waits. The client polls `tasks/get`, may `tasks/cancel` (withdrawing the
 * call) and answers upstream prompts that reach the task with `tasks/update`. The upstream never sees the
 * task: the approved call goes to it as a plain `tools/call` without the extension.
 */
import { randomUUID } from 'node:crypto';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { isJsonObject, type JsonObject } from '../../shared/json';
import { errorResponse, resultResponse, RpcErrorCode, type RequestId } from './jsonrpc';
import type { HeldCall, InputControls } from './session-options';

/** What the tasks need from their session. */
export interface TaskPeers {
  toClient(message: JSONRPCMessage): void;
  heldCall(key: string): HeldCall | undefined;
  cancelForwarded(upId: number, reason: string): void;
}

const TASK_METHODS = new Set(['tasks/get', 'tasks/update', 'tasks/cancel']);
const TTL_MS = 60 * 60 * 1000;
const POLL_INTERVAL_MS = 2000;

type Status = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

interface Entry {
  task: {
    taskId: string;
    status: Status;
    statusMessage: string;
    createdAt: string;
    lastUpdatedAt: string;
    ttlMs: number;
    pollIntervalMs: number;
  };
  /** Status-specific fields of `tasks/get`: `result`, `error` or `inputRequests`. */
  detail: JsonObject;
  readonly heldKey: string;
  upstreamId?: number;
  /** While `input_required`: the answers so far and how to resume or end the call. */
  input?: {
    readonly keys: readonly string[];
    readonly answers: JsonObject;
    readonly controls: InputControls;
  };
}

const terminal = (status: Status): boolean =>
  status === 'completed' || status === 'failed' || status === 'cancelled';

/** The extension tasks of one session. */
export class ExtensionTasks {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly session: TaskPeers) {}

  /** Whether a request is a task method for one of Airlock's tasks. */
  handles(method: string, params: Record<string, unknown> | undefined): boolean {
    return TASK_METHODS.has(method) && typeof params?.taskId === 'string' && this.entries.has(params.taskId);
  }

  /** Opens a task for a call that is now held; returns its id, held-call key and the `CreateTaskResult`. */
  open(tool: string): { taskId: string; heldKey: string; created: JsonObject } {
    const now = new Date().toISOString();
    const taskId = randomUUID();
    const entry: Entry = {
      task: {
        taskId,
        status: 'working',
        statusMessage: `Waiting for operator approval of ${tool} in Airlock`,
        createdAt: now,
        lastUpdatedAt: now,
        ttlMs: TTL_MS,
        pollIntervalMs: POLL_INTERVAL_MS,
      },
      detail: {},
      heldKey: `ext-task:${taskId}`,
    };
    this.entries.set(taskId, entry);
    setTimeout(() => this.entries.delete(taskId), TTL_MS).unref();
    return { taskId, heldKey: entry.heldKey, created: { resultType: 'task', ...entry.task } };
  }

  /** The approved call went upstream under `upstreamId`. */
  forwarded(taskId: string, upstreamId: number, tool: string): void {
    const entry = this.entries.get(taskId);
    if (!entry || terminal(entry.task.status)) return;
    entry.upstreamId = upstreamId;
    this.update(entry, 'working', `Approved; running ${tool}`, {});
  }

  /** The call's final JSON-RPC response: the task completes (a result) or fails (an error). */
  finish(taskId: string, message: JSONRPCMessage): void {
    const entry = this.entries.get(taskId);
    if (!entry || terminal(entry.task.status)) return;
    const m = message as { result?: Record<string, unknown>; error?: { code: number; message: string } };
    if (m.error) {
      this.update(entry, 'failed', m.error.message, { error: { ...m.error } });
      return;
    }
    const { resultType: _complete, ...result } = m.result ?? {};
    const failed = result.isError === true;
    this.update(entry, 'completed', failed ? 'The call returned an error' : 'Completed', {
      result: result as JsonObject,
    });
  }

  /** The upstream asks the client for input while the task runs: surfaced by `tasks/get`. */
  inputRequired(taskId: string, inputRequests: JsonObject, controls: InputControls): void {
    const entry = this.entries.get(taskId);
    if (!entry || terminal(entry.task.status)) return controls.abandon('the task is over');
    entry.upstreamId = undefined;
    entry.input = { keys: Object.keys(inputRequests), answers: {}, controls };
    this.update(entry, 'input_required', 'The server asks for input', { inputRequests });
  }

  /** Answers `tasks/get`, `tasks/update` and `tasks/cancel` for Airlock's tasks. */
  request(id: RequestId, method: string, params: Record<string, unknown>): void {
    const entry = typeof params.taskId === 'string' ? this.entries.get(params.taskId) : undefined;
    if (!entry) {
      this.session.toClient(errorResponse(id, RpcErrorCode.InvalidParams, 'Unknown task'));
      return;
    }
    switch (method) {
      case 'tasks/get':
        this.session.toClient(resultResponse(id, { resultType: 'complete', ...entry.task, ...entry.detail }));
        return;
      case 'tasks/update':
        if (!isJsonObject(params.inputResponses)) {
          this.session.toClient(
            errorResponse(
              id,
              RpcErrorCode.InvalidParams,
              'Invalid params: tasks/update needs "inputResponses"',
            ),
          );
          return;
        }
        this.session.toClient(resultResponse(id, { resultType: 'complete' }));
        this.answer(entry, params.inputResponses);
        return;
      case 'tasks/cancel':
        this.session.toClient(resultResponse(id, { resultType: 'complete' }));
        if (!terminal(entry.task.status)) this.cancel(entry, 'The client cancelled the task');
        return;
      default:
        this.session.toClient(errorResponse(id, RpcErrorCode.MethodNotFound, `Method not found: ${method}`));
    }
  }

  /** Fails every unfinished task when the session ends. */
  close(reason: string): void {
    for (const entry of this.entries.values()) {
      if (terminal(entry.task.status)) continue;
      entry.input?.controls.abandon(reason);
      this.update(entry, 'failed', reason, {
        error: { code: RpcErrorCode.ConnectionClosed, message: reason },
      });
    }
  }

  private answer(entry: Entry, responses: JsonObject): void {
    const input = entry.input;
    if (!input || entry.task.status !== 'input_required') return;
    // Keys that are not outstanding are ignored, as the extension says.
    for (const key of input.keys) if (responses[key] !== undefined) input.answers[key] = responses[key];
    if (!input.keys.every((key) => input.answers[key] !== undefined)) return;
    entry.input = undefined;
    this.update(entry, 'working', 'Input received; running', {});
    input.controls.resume(input.answers);
  }

  private cancel(entry: Entry, reason: string): void {
    this.session.heldCall(entry.heldKey)?.cancel(reason);
    if (entry.upstreamId !== undefined) this.session.cancelForwarded(entry.upstreamId, reason);
    entry.input?.controls.cancel(reason);
    entry.input = undefined;
    this.update(entry, 'cancelled', reason, {});
  }

  private update(entry: Entry, status: Status, message: string, detail: JsonObject): void {
    entry.task = { ...entry.task, status, statusMessage: message, lastUpdatedAt: new Date().toISOString() };
    entry.detail = detail;
  }
}
