/**
 * The calls of each session that are running upstream, followed on the core's event stream: what each
 * one's command is (as it went upstream, after an edit) and whether an operator approved it. The
 * elicitation gate reads it to tie an upstream's confirmation prompt to the call that caused it.
 */
import { approvalCommand } from '../approvals/approval-facts';
import type { ApprovalOutcome, CoreEvent } from '../../shared/events';
import { assertNever, type JsonObject } from '../../shared/json';
import type { RunningCall } from './prompt-match';

/**
 * Whether an approval outcome is an operator's approval of the call: approved once, for the session or
 * always (the rule was reviewed on this very call), edited and approved, or let through by the session
 * grant an operator gave for this exact call. A policy `allow` has no outcome at all and never counts.
 */
export function isOperatorApproval(outcome: ApprovalOutcome): boolean {
  switch (outcome.kind) {
    case 'approved':
    case 'edited-and-approved':
    case 'session-grant':
      return true;
    case 'denied':
    case 'expired':
    case 'withdrawn-by-client':
    case 'invalidated':
      return false;
    default:
      return assertNever(outcome, 'Unknown approval outcome');
  }
}

/**
 * The command of an edited call: the argument that carried the original command, read from the edited
 * arguments. Null when no argument carried it as a plain string (then nothing can be matched).
 */
export function editedCommand(
  original: JsonObject,
  edited: JsonObject,
  originalCommand: string | null,
): string | null {
  if (originalCommand === null) return null;
  for (const [key, value] of Object.entries(original)) {
    if (value !== originalCommand) continue;
    const next = edited[key];
    return typeof next === 'string' ? next : null;
  }
  return null;
}

interface Entry {
  readonly callId: string;
  readonly tool: string;
  readonly arguments: JsonObject;
  decidedCommand: string | null;
  approval: ApprovalOutcome | null;
  forwarded: boolean;
  command: string | null;
  approvalUsed: boolean;
}

/** The running calls of every session. */
export interface RunningCalls {
  /** Feeds one core event (subscribe this to the event bus). */
  observe(event: CoreEvent): void;
  /** The session's calls forwarded upstream and not yet completed, oldest first. */
  of(sessionId: string): RunningCall[];
  /** Records that the call's approval answered a prompt; it answers no other. */
  useApproval(sessionId: string, callId: string): void;
}

/** Creates an empty tracker. */
export function createRunningCalls(): RunningCalls {
  const sessions = new Map<string, Map<string, Entry>>();
  const entry = (sessionId: string, callId: string): Entry | undefined =>
    sessions.get(sessionId)?.get(callId);

  return {
    observe(event) {
      switch (event.type) {
        case 'call.received': {
          const calls = sessions.get(event.sessionId) ?? new Map<string, Entry>();
          calls.set(event.callId, {
            callId: event.callId,
            tool: event.tool,
            arguments: event.arguments,
            decidedCommand: null,
            approval: null,
            forwarded: false,
            command: null,
            approvalUsed: false,
          });
          sessions.set(event.sessionId, calls);
          return;
        }
        case 'call.decided': {
          const call = entry(event.sessionId, event.callId);
          if (call && event.fields) call.decidedCommand = approvalCommand(event.fields);
          return;
        }
        case 'call.approval': {
          const call = entry(event.sessionId, event.callId);
          if (call) call.approval = isOperatorApproval(event.outcome) ? event.outcome : null;
          return;
        }
        case 'call.forwarded': {
          const call = entry(event.sessionId, event.callId);
          if (!call) return;
          call.forwarded = true;
          call.command = event.edited
            ? editedCommand(call.arguments, event.arguments, call.decidedCommand)
            : call.decidedCommand;
          return;
        }
        case 'call.completed': {
          const calls = sessions.get(event.sessionId);
          calls?.delete(event.callId);
          if (calls?.size === 0) sessions.delete(event.sessionId);
          return;
        }
        case 'session.closed':
          sessions.delete(event.sessionId);
          return;
        case 'session.opened':
        case 'session.initialized':
        case 'tools.listed':
        case 'session.log':
        case 'prompt.received':
        case 'prompt.answered':
          return;
        default:
          assertNever(event, 'unknown core event');
      }
    },
    of(sessionId) {
      const calls = sessions.get(sessionId);
      if (!calls) return [];
      return [...calls.values()]
        .filter((call) => call.forwarded)
        .map((call) => ({
          callId: call.callId,
          tool: call.tool,
          command: call.command?.trim() || null,
          approval: call.approval,
          approvalUsed: call.approvalUsed,
        }));
    },
    useApproval(sessionId, callId) {
      const call = entry(sessionId, callId);
      if (call) call.approvalUsed = true;
    },
  };
}
