/**
 * MCP tasks (spec 2025-11-25) served by Airlock for held calls. When the client declares the tasks
 * capability and the upstream does not support task-augmented `tools/call`, Airlock declares it instead:
 * a task-augmented call is answered at once with a `working` task ("waiting for operator approval"), then
 * runs through the same interception as any call and completes after the decision. `tasks/get`,
 * `tasks/result`, `tasks/list` and `tasks/cancel` for these tasks are answered here; nothing about them
 * reaches the upstream, which only ever sees a plain `tools/call`.
 *
 * Tool definitions are advertised with `execution.taskSupport: "optional"` in that mode (documented
 * rewrite), since clients may only use tasks for tools that allow them.
 */
import { randomUUID } from 'node:crypto';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { isJsonObject } from '../../shared/json';
import { errorResponse, resultResponse, RpcErrorCode, type RequestId } from './jsonrpc';
import type { CallHost } from './call-host';
import { runToolCall, upstreamSupportsToolTasks } from './tool-call';

/** Related-task metadata key (spec 2025-11-25). */
export const RELATED_TASK_META_KEY = 'io.modelcontextprotocol/related-task';
const TASK_METHODS = new Set(['tasks/get', 'tasks/result', 'tasks/list', 'tasks/cancel']);
const DEFAULT_TTL_MS = 60 * 60 * 1000;
const POLL_INTERVAL_MS = 2000;

type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

interface TaskEntry {
  task: {
    taskId: string;
    status: TaskStatus;
    statusMessage: string;
    createdAt: string;
    lastUpdatedAt: string;
    ttl: number;
    pollInterval: number;
  };
  /** The `tools/call` response once terminal: a result or a JSON-RPC error. */
  response?: { result?: Record<string, unknown>; error?: { code: number; message: string } };
  waiters: ((entry: TaskEntry) => void)[];
  heldKey: string;
  upstreamId?: number;
}

const isTerminal = (status: TaskStatus): boolean =>
  status === 'completed' || status === 'failed' || status === 'cancelled';

/** The task table of one session. */
export class AirlockTasks {
  private readonly entries = new Map<string, TaskEntry>();
  /** True once Airlock declared tasks to the client for this session. */
  enabled = false;

  constructor(private readonly session: CallHost) {}

  /** Adds Airlock's tasks capability when the client can use it and the upstream does not offer it. */
  onInitializeResult(result: Record<string, unknown>): Record<string, unknown> {
    const clientTasks = this.session.info.clientCapabilities?.tasks;
    const capabilities = isJsonObject(result.capabilities) ? result.capabilities : {};
    if (
      !isJsonObject(clientTasks) ||
      upstreamSupportsToolTasks(capabilities) ||
      capabilities.tasks !== undefined
    )
      return result;
    this.enabled = true;
    return {
      ...result,
      capabilities: { ...capabilities, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
    };
  }

  /** Marks tools as accepting tasks (clients must not use tasks for tools that forbid them). */
  onToolsList(result: Record<string, unknown>): Record<string, unknown> {
    if (!this.enabled || !Array.isArray(result.tools)) return result;
    const tools = result.tools.map((tool: unknown) => {
      if (!isJsonObject(tool)) return tool;
      const execution = isJsonObject(tool.execution) ? tool.execution : {};
      if (execution.taskSupport === 'optional' || execution.taskSupport === 'required') return tool;
      return { ...tool, execution: { ...execution, taskSupport: 'optional' } };
    });
    return { ...result, tools };
  }

  /** Whether a request is one of Airlock's task methods for this session. */
  handles(method: string, params: Record<string, unknown> | undefined): boolean {
    if (!this.enabled || !TASK_METHODS.has(method)) return false;
    return method === 'tasks/list' || (typeof params?.taskId === 'string' && this.entries.has(params.taskId));
  }

  /** Starts a task-augmented `tools/call` as an Airlock task and answers with the task at once. */
  toolCall(id: RequestId, params: Record<string, unknown>): void {
    const taskParams = isJsonObject(params.task) ? params.task : {};
    const ttl = typeof taskParams.ttl === 'number' && taskParams.ttl > 0 ? taskParams.ttl : DEFAULT_TTL_MS;
    const now = new Date().toISOString();
    const taskId = randomUUID();
    const tool = typeof params.name === 'string' ? params.name : 'tool';
    const entry: TaskEntry = {
      task: {
        taskId,
        status: 'working',
        statusMessage: `Waiting for operator approval of ${tool} in Airlock`,
        createdAt: now,
        lastUpdatedAt: now,
        ttl,
        pollInterval: POLL_INTERVAL_MS,
      },
      waiters: [],
      heldKey: `task:${taskId}`,
    };
    this.entries.set(taskId, entry);
    const expiry = setTimeout(() => this.entries.delete(taskId), ttl);
    expiry.unref();
    this.session.toClient(
      resultResponse(id, {
        task: { ...entry.task },
        _meta: {
          'io.modelcontextprotocol/model-immediate-response': `Airlock queued ${tool} for operator approval.`,
        },
      }),
    );
    void runToolCall(this.session, id, params, {
      heldKey: entry.heldKey,
      respond: (message) => this.finish(entry, message),
      onForwarded: (upstreamId) => {
        entry.upstreamId = upstreamId;
        this.update(entry, 'working', `Approved; running ${tool}`);
      },
    });
  }

  /** Answers `tasks/get`, `tasks/result`, `tasks/list` and `tasks/cancel` for Airlock's tasks. */
  request(id: RequestId, method: string, params: Record<string, unknown>): void {
    const entry = typeof params.taskId === 'string' ? this.entries.get(params.taskId) : undefined;
    switch (method) {
      case 'tasks/list':
        this.session.toClient(
          resultResponse(id, { tasks: [...this.entries.values()].map((e) => ({ ...e.task })) }),
        );
        return;
      case 'tasks/get':
        if (entry) this.session.toClient(resultResponse(id, { ...entry.task }));
        return;
      case 'tasks/result':
        if (entry) this.whenTerminal(entry, (done) => this.session.toClient(this.resultMessage(id, done)));
        return;
      case 'tasks/cancel':
        if (!entry) return;
        if (isTerminal(entry.task.status)) {
          this.session.toClient(
            errorResponse(
              id,
              RpcErrorCode.InvalidParams,
              `Task ${entry.task.taskId} is already ${entry.task.status}`,
            ),
          );
          return;
        }
        this.cancel(entry, 'The client cancelled the task');
        this.session.toClient(resultResponse(id, { ...entry.task }));
        return;
      default:
        this.session.toClient(errorResponse(id, RpcErrorCode.MethodNotFound, `Method not found: ${method}`));
    }
  }

  /** Ends every unfinished task when the session ends. */
  close(reason: string): void {
    for (const entry of this.entries.values()) {
      if (!isTerminal(entry.task.status))
        this.settle(entry, 'failed', reason, {
          error: { code: RpcErrorCode.ConnectionClosed, message: reason },
        });
    }
  }

  private cancel(entry: TaskEntry, reason: string): void {
    this.session.heldCall(entry.heldKey)?.cancel(reason);
    if (entry.upstreamId !== undefined) this.session.cancelForwarded(entry.upstreamId, reason);
    this.settle(entry, 'cancelled', reason, {
      error: { code: RpcErrorCode.InvalidRequest, message: reason },
    });
  }

  private finish(entry: TaskEntry, message: JSONRPCMessage): void {
    if (isTerminal(entry.task.status)) return;
    const m = message as { result?: Record<string, unknown>; error?: { code: number; message: string } };
    if (m.error) {
      this.settle(entry, 'failed', m.error.message, { error: m.error });
      return;
    }
    const result = m.result ?? {};
    const failed = result.isError === true;
    const text = Array.isArray(result.content)
      ? result.content
          .map((c: unknown) => (isJsonObject(c) && typeof c.text === 'string' ? c.text : ''))
          .join(' ')
      : '';
    // The reason goes in statusMessage too: some clients never fetch the result of a failed task.
    this.settle(entry, failed ? 'failed' : 'completed', failed ? text || 'The call failed' : 'Completed', {
      result,
    });
  }

  private settle(
    entry: TaskEntry,
    status: TaskStatus,
    message: string,
    response: TaskEntry['response'],
  ): void {
    entry.response = response;
    this.update(entry, status, message);
    for (const waiter of entry.waiters.splice(0)) waiter(entry);
  }

  private update(entry: TaskEntry, status: TaskStatus, message: string): void {
    entry.task = { ...entry.task, status, statusMessage: message, lastUpdatedAt: new Date().toISOString() };
    this.session.toClient({
      jsonrpc: '2.0',
      method: 'notifications/tasks/status',
      params: { ...entry.task },
    });
  }

  private whenTerminal(entry: TaskEntry, deliver: (entry: TaskEntry) => void): void {
    if (isTerminal(entry.task.status)) deliver(entry);
    else entry.waiters.push(deliver);
  }

  private resultMessage(id: RequestId, entry: TaskEntry): JSONRPCMessage {
    const related = { [RELATED_TASK_META_KEY]: { taskId: entry.task.taskId } };
    if (entry.response?.error)
      return errorResponse(id, entry.response.error.code, entry.response.error.message);
    const result = entry.response?.result ?? {};
    const meta = isJsonObject(result._meta) ? result._meta : {};
    return resultResponse(id, { ...result, _meta: { ...meta, ...related } });
  }
}
