/**
 * Multi round-trip requests (MCP 2026-07-28): a modern upstream that needs input from the client answers
 * a `tools/call` with `resultType: "input_required"` and `inputRequests` (elicitation, sampling, roots);
 * the caller retries the same call with `inputResponses` and the opaque `requestState`. For an
 * intercepted call, each embedded request goes to the interceptor exactly as the legacy era's
 * server→client request would: answered from an approval or Airlock's queue, and Airlock retries the call
 * upstream itself with the operator's answers; or, when any of them is for the client (a profile with
 * `elicitation: client`, sampling, roots), the result is relayed untouched and the client retries, as a
 * new call that the policy judges like any other. A call held as an extension task hands the requests to
 * its task instead (the client answers them with `tasks/update`).
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CallOutcome } from '../../shared/events';
import { isJsonObject, type JsonObject } from '../../shared/json';
import type { CallInterceptor, RelayedAnswer, ServerRequestVerdict, SessionInfo } from './interceptor';
import { errorResponse, idKey, RpcErrorCode } from './jsonrpc';
import { failedVerdict } from './server-requests';
import type { ForwardedRequest, InputControls } from './session-options';

/** Rounds Airlock answers for one call before it leaves the rest to the client. */
export const MAX_INPUT_ROUNDS = 10;
/** Client-bound prompts remembered until the client's retry carries the answer (for history). */
const MAX_REMEMBERED = 256;

/** One embedded request of an `input_required` result. */
interface InputRequest {
  readonly key: string;
  readonly method: string;
  readonly params: JsonObject;
}

/** Whether a result asks the caller for input. */
export function isInputRequired(result: Record<string, unknown>): boolean {
  return result.resultType === 'input_required';
}

/** The embedded requests of an `input_required` result, or undefined when they are malformed or absent. */
export function inputRequestsOf(result: Record<string, unknown>): InputRequest[] | undefined {
  if (!isJsonObject(result.inputRequests)) return undefined;
  const requests: InputRequest[] = [];
  for (const [key, value] of Object.entries(result.inputRequests)) {
    if (!isJsonObject(value) || typeof value.method !== 'string') return undefined;
    requests.push({ key, method: value.method, params: isJsonObject(value.params) ? value.params : {} });
  }
  return requests.length > 0 ? requests : undefined;
}

/** What the rounds need from their session. */
export interface InputRoundsHost {
  readonly info: SessionInfo;
  readonly interceptor: CallInterceptor;
  /** Sends the call upstream again, as its next round, with these params. */
  retry(entry: ForwardedRequest, params: Record<string, unknown>): void;
  /** Ends the call: the response (if any) goes to the client or the call's sink, the outcome to history. */
  end(entry: ForwardedRequest, response: JSONRPCMessage | null, outcome: CallOutcome): void;
}

/** The `input_required` rounds of one session's intercepted calls. */
export class InputRounds {
  /** Calls whose prompts wait at the interception point, by the client's request id. */
  private readonly waiting = new Map<string, { entry: ForwardedRequest; controller: AbortController }>();
  /** Listeners of client-bound prompts, by request state and key, told when the answer comes back. */
  private readonly remembered = new Map<string, (answer: RelayedAnswer) => void>();

  constructor(private readonly host: InputRoundsHost) {}

  /**
   * Takes an upstream's `input_required` answer to an intercepted call. True when Airlock handles it (the
   * caller must not deliver it); false when it goes to the client as it is.
   */
  take(entry: ForwardedRequest, result: Record<string, unknown>): boolean {
    const requests = inputRequestsOf(result);
    if (!requests || !entry.params || entry.round >= MAX_INPUT_ROUNDS) return false;
    const state = typeof result.requestState === 'string' ? result.requestState : undefined;
    const controller = new AbortController();
    const verdicts = requests.map((request) => ({
      key: request.key,
      verdict: this.verdict(request, controller),
    }));
    const forClient = verdicts.filter(
      (v): v is { key: string; verdict: Extract<ServerRequestVerdict, { kind: 'forward' }> } =>
        !(v.verdict instanceof Promise) && v.verdict.kind === 'forward',
    );
    if (forClient.length > 0) {
      // One result carries all the requests: if the client must see one, it sees them all.
      controller.abort(new Error('the request went to the client with the others of its round'));
      for (const { key, verdict } of forClient)
        if (verdict.onAnswer) this.remember(state, key, verdict.onAnswer);
      if (entry.sink?.inputRequired) {
        entry.sink.inputRequired(result.inputRequests as JsonObject, this.controls(entry, state));
        return true;
      }
      return false;
    }
    const clientKey = idKey(entry.clientId);
    this.waiting.set(clientKey, { entry, controller });
    void Promise.all(verdicts.map(async ({ key, verdict }) => ({ key, verdict: await verdict }))).then(
      (answered) => {
        if (this.waiting.get(clientKey)?.entry !== entry) return;
        this.waiting.delete(clientKey);
        const responses: JsonObject = {};
        for (const { key, verdict } of answered) {
          if (verdict.kind !== 'reply') {
            const message =
              verdict.kind === 'error'
                ? verdict.message
                : 'Airlock: an upstream prompt could not be answered from the queue';
            const code = verdict.kind === 'error' ? verdict.code : RpcErrorCode.InternalError;
            this.host.end(entry, errorResponse(entry.clientId, code, message), {
              kind: 'rpc-error',
              code,
              message,
            });
            return;
          }
          responses[key] = verdict.result;
        }
        this.host.retry(entry, retryParams(entry, responses, state));
      },
    );
    return true;
  }

  /** The client's own call carries answers to prompts it was given: tell their listeners. */
  clientRetry(params: Record<string, unknown>): void {
    if (this.remembered.size === 0 || !isJsonObject(params.inputResponses)) return;
    const state = typeof params.requestState === 'string' ? params.requestState : undefined;
    for (const [key, value] of Object.entries(params.inputResponses))
      this.tell(state, key, { kind: 'result', result: value });
  }

  /** The client cancelled a call whose prompts wait in the queue; true when it was one. */
  cancel(clientKey: string, reason: string): boolean {
    const waiting = this.waiting.get(clientKey);
    if (!waiting) return false;
    this.waiting.delete(clientKey);
    waiting.controller.abort(new Error(reason));
    this.host.end(waiting.entry, null, { kind: 'cancelled', reason });
    return true;
  }

  /** The session ended: calls waiting for prompts get the error, client-bound prompts end unanswered. */
  close(message: string): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const { entry, controller } of waiting) {
      controller.abort(new Error(message));
      const code = RpcErrorCode.ConnectionClosed;
      this.host.end(entry, errorResponse(entry.clientId, code, message), {
        kind: 'rpc-error',
        code,
        message,
      });
    }
    const listeners = [...this.remembered.values()];
    this.remembered.clear();
    for (const listener of listeners) safely(listener, { kind: 'none', reason: 'the session ended' });
  }

  private verdict(
    request: InputRequest,
    controller: AbortController,
  ): ServerRequestVerdict | Promise<ServerRequestVerdict> {
    try {
      const { interceptor } = this.host;
      if (!interceptor.onServerRequest) return { kind: 'forward' };
      const verdict = interceptor.onServerRequest({
        session: this.host.info,
        method: request.method,
        params: request.params,
        signal: controller.signal,
      });
      return verdict instanceof Promise ? verdict.catch(failedVerdict) : verdict;
    } catch (error) {
      return failedVerdict(error);
    }
  }

  private controls(entry: ForwardedRequest, state: string | undefined): InputControls {
    return {
      resume: (inputResponses) => {
        for (const [key, value] of Object.entries(inputResponses))
          this.tell(state, key, { kind: 'result', result: value });
        this.host.retry(entry, retryParams(entry, inputResponses, state));
      },
      cancel: (reason) => this.host.end(entry, null, { kind: 'cancelled', reason }),
      abandon: (reason) => {
        const code = RpcErrorCode.ConnectionClosed;
        this.host.end(entry, null, { kind: 'rpc-error', code, message: reason });
      },
    };
  }

  private remember(state: string | undefined, key: string, listener: (answer: RelayedAnswer) => void): void {
    if (this.remembered.size >= MAX_REMEMBERED) {
      const [oldest] = this.remembered;
      if (oldest) {
        this.remembered.delete(oldest[0]);
        safely(oldest[1], { kind: 'none', reason: 'the client never answered' });
      }
    }
    this.remembered.set(rememberKey(state, key), listener);
  }

  private tell(state: string | undefined, key: string, answer: RelayedAnswer): void {
    const id = rememberKey(state, key);
    const listener = this.remembered.get(id);
    if (!listener) return;
    this.remembered.delete(id);
    safely(listener, answer);
  }
}

function retryParams(
  entry: ForwardedRequest,
  inputResponses: JsonObject,
  state: string | undefined,
): Record<string, unknown> {
  const { requestState: _previous, ...params } = entry.params ?? {};
  return { ...params, inputResponses, ...(state === undefined ? {} : { requestState: state }) };
}

function rememberKey(state: string | undefined, key: string): string {
  return `${state ?? ''}\u0000${key}`;
}

function safely(listener: (answer: RelayedAnswer) => void, answer: RelayedAnswer): void {
  try {
    listener(answer);
  } catch {
    // The listener only records; the call has already gone where it had to.
  }
}
