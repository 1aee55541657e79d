/**
 * The pure part of a decision: which terminal state an operator's choice leads to, or why it is refused.
 * The broker has already checked existence, the pending state and the digest.
 */
import type { ApprovalDecision, ApprovalItem, DecideError } from '../../shared/approvals/types';
import type { JsonObject } from '../../shared/json';
import { assertNever } from '../../shared/json';
import { freezeArguments, hasDeceptionFlags } from './build-item';
import { digestArguments } from './digest';
import type { TerminalState } from './resolution';
import { validateArguments } from './validate-arguments';

/** The state to move to, whether to create a session grant, and the rule to save; or a refusal. */
export type AppliedDecision =
  | {
      readonly ok: true;
      readonly state: TerminalState;
      readonly grant: boolean;
      readonly ruleToSave: JsonObject | null;
    }
  | { readonly ok: false; readonly error: DecideError; readonly message: string };

const DECEPTIVE =
  'This call contains hidden, control or look-alike characters; it can only be approved once, edited or denied';

/** Applies `decision` to a pending item whose digest matched. */
export function applyDecision(
  item: ApprovalItem,
  decision: ApprovalDecision,
  by: string,
  at: number,
): AppliedDecision {
  switch (decision.kind) {
    case 'approve':
      // A standing grant on text the operator may have misread would outlive the look they gave it.
      if (decision.scope === 'session' && hasDeceptionFlags(item)) {
        return { ok: false, error: 'invalid-decision', message: DECEPTIVE };
      }
      return {
        ok: true,
        state: { kind: 'approved', by, at, scope: decision.scope },
        grant: decision.scope === 'session',
        ruleToSave: null,
      };
    case 'always-allow':
      if (hasDeceptionFlags(item)) return { ok: false, error: 'invalid-decision', message: DECEPTIVE };
      return {
        ok: true,
        state: { kind: 'approved', by, at, scope: 'always' },
        grant: false,
        ruleToSave: decision.rule,
      };
    case 'edit':
      return applyEdit(item, decision.arguments, by, at);
    case 'deny': {
      const reason = decision.reason.trim() === '' ? 'no reason given' : decision.reason.trim();
      return { ok: true, state: { kind: 'denied', by, at, reason }, grant: false, ruleToSave: null };
    }
    default:
      return assertNever(decision, 'Unknown decision');
  }
}

function applyEdit(item: ApprovalItem, edited: JsonObject, by: string, at: number): AppliedDecision {
  if (item.inputSchema === null) {
    return {
      ok: false,
      error: 'invalid-decision',
      message: 'The tool input schema is unknown, so an edit cannot be checked; approve as shown or deny',
    };
  }
  const copy = freezeArguments(edited);
  const check = validateArguments(item.inputSchema, copy);
  if (!check.ok) return { ok: false, error: 'invalid-arguments', message: check.message };
  // An "edit" that changes nothing is a plain approval; recording it as edited would mislead history.
  if (digestArguments(copy) === item.digest) {
    return { ok: true, state: { kind: 'approved', by, at, scope: 'once' }, grant: false, ruleToSave: null };
  }
  return {
    ok: true,
    state: { kind: 'edited-and-approved', by, at, arguments: copy },
    grant: false,
    ruleToSave: null,
  };
}
