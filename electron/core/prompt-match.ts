/**
 * Which running call an upstream prompt belongs to, and whether the operator's approval of that call
 * already answers it ("one decision per command"). Pure. The match is deliberately conservative: a prompt
 * is answered from an approval only when the approved call's command text appears in the prompt and no
 * call of the session running upstream that lacks an operator's approval could be the one asking (an
 * upstream may render a command differently, e.g. ssh-mcp quotes `privileged-command` inside `sh -c`, so
 * "its command does not appear" does not prove a call is not asking). Anything less certain goes to the
 * queue, linked to the call(s) it most likely belongs to.
 */
import type { ApprovalOutcome, PromptLinkBasis } from '../../shared/events';
import { assertNever, isJsonObject, type Json, type JsonObject } from '../../shared/json';

/** A call of the session that is running upstream (forwarded, not yet completed). */
export interface RunningCall {
  readonly callId: string;
  readonly tool: string;
  /** The command text that went upstream (trimmed), or null when the call carries none. */
  readonly command: string | null;
  /** The operator's approval of this call; null when policy alone let it through. */
  readonly approval: ApprovalOutcome | null;
  /** Its approval has already answered one prompt (an approval answers at most one). */
  readonly approvalUsed: boolean;
}

/** Why a prompt was not answered from an approval. */
export type QueueReason =
  /** The session has no call running upstream. */
  | 'no-running-call'
  /** No running call's command appears in the prompt. */
  | 'not-named'
  /** The commands of several running calls appear in it: Airlock does not guess. */
  | 'several-named'
  /** One running call is named, but another running call no operator approved could be the one asking. */
  | 'others-unapproved'
  /** The call it names was let through by policy, not approved by an operator. */
  | 'not-approved'
  /** The call's approval has already answered a prompt. */
  | 'approval-used';

/** What to do with a prompt. */
export type PromptMatch =
  /** Answer it from `call`'s approval (`call.approval` is set); no queue item. */
  | {
      readonly kind: 'approval';
      readonly call: RunningCall & { readonly approval: ApprovalOutcome };
    }
  /** Hold it in the queue, linked to `related` (empty when `linkedBy` is `none`). */
  | {
      readonly kind: 'queue';
      readonly related: readonly RunningCall[];
      readonly linkedBy: PromptLinkBasis;
      readonly reason: QueueReason;
    };

/** Most strings read from a prompt's schema, and how deep; a prompt is small, this only bounds a hostile one. */
const MAX_TEXTS = 200;
const MAX_DEPTH = 8;

/** Characters that may stand right before or after a command quoted in a prompt. */
const BOUNDARY = /[\s"'`\u2018\u2019\u201C\u201D]/u;

/** The texts of a prompt that may name its command: the message, then every string in the requested schema. */
export function promptTexts(params: JsonObject): string[] {
  const texts: string[] = [];
  if (typeof params.message === 'string') texts.push(params.message);
  const walk = (value: Json | undefined, depth: number): void => {
    if (texts.length >= MAX_TEXTS || depth > MAX_DEPTH || value === undefined) return;
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) for (const child of value) walk(child, depth + 1);
    else if (isJsonObject(value)) for (const child of Object.values(value)) walk(child, depth + 1);
  };
  walk(params.requestedSchema, 0);
  return texts;
}

/**
 * Whether `command` appears in `text` as a whole: each occurrence must start and end at the text's edge,
 * whitespace or a quote, so `rm -rf /tmp/x` is not found in `rm -rf /tmp/x2`.
 */
export function containsCommand(text: string, command: string): boolean {
  if (command === '') return false;
  for (let at = text.indexOf(command); at !== -1; at = text.indexOf(command, at + 1)) {
    const before = at === 0 ? undefined : text[at - 1];
    const after = text[at + command.length];
    const bounded = (c: string | undefined): boolean => c === undefined || BOUNDARY.test(c);
    if (bounded(before) && bounded(after)) return true;
  }
  return false;
}

/** Whether the prompt names this call's command. */
function names(texts: readonly string[], call: RunningCall): boolean {
  const command = call.command?.trim() ?? '';
  return command !== '' && texts.some((text) => containsCommand(text, command));
}

/**
 * Matches a prompt against the session's running calls. Answered from an approval only when exactly one
 * running call's command appears in the prompt, that call was approved by an operator and its approval
 * has not answered a prompt yet, and every other running call was approved by an operator too (a call the
 * policy let through on its own could be the one asking, and then the prompt is the operator's decision).
 * Otherwise the prompt is queued, linked to the calls whose command appears, or else to the session's
 * only running call.
 */
export function matchPrompt(params: JsonObject, running: readonly RunningCall[]): PromptMatch {
  const texts = promptTexts(params);
  const named = running.filter((call) => names(texts, call));
  const [only] = named;
  if (named.length === 1 && only !== undefined) {
    const approval = only.approval;
    if (approval === null) return queueFor(named, 'not-approved');
    if (running.some((call) => call !== only && call.approval === null))
      return queueFor(named, 'others-unapproved');
    if (only.approvalUsed) return queueFor(named, 'approval-used');
    return { kind: 'approval', call: { ...only, approval } };
  }
  if (named.length > 1)
    return { kind: 'queue', related: named, linkedBy: 'command', reason: 'several-named' };
  const [single] = running;
  if (single === undefined)
    return { kind: 'queue', related: [], linkedBy: 'none', reason: 'no-running-call' };
  if (running.length === 1)
    return { kind: 'queue', related: [single], linkedBy: 'only-call', reason: 'not-named' };
  return { kind: 'queue', related: [], linkedBy: 'none', reason: 'not-named' };
}

function queueFor(named: readonly RunningCall[], reason: QueueReason): PromptMatch {
  return { kind: 'queue', related: named, linkedBy: 'command', reason };
}

/** One line telling the operator why the prompt waits for them rather than being answered from an approval. */
export function queueReasonText(serverName: string, reason: QueueReason): string {
  const asked = `${serverName} asked for confirmation`;
  switch (reason) {
    case 'no-running-call':
      return `${asked}; no call of this session is running upstream`;
    case 'not-named':
      return `${asked}; it names no command of a running call, so no approval answers it`;
    case 'several-named':
      return `${asked}; it names several running calls, so Airlock does not guess which`;
    case 'others-unapproved':
      return `${asked}; another running call no operator approved could be the one asking`;
    case 'not-approved':
      return `${asked}; policy let the call through without an operator, so this is the decision`;
    case 'approval-used':
      return `${asked} again; the call's approval already answered one prompt`;
    default:
      return assertNever(reason, 'Unknown queue reason');
  }
}
