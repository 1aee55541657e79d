/**
 * The facts of a call that the approval view and session grants use, taken from the policy engine's
 * typed fields: one value from the gate to the broker, nothing flattened or re-read.
 */
import type { CallFields } from '../../shared/policy/fields';

/** The fields the approval view and session grants use. */
export interface ApprovalFacts {
  readonly host: string | null;
  readonly user: string | null;
  /** `ssh.command`, else `ssh.input` (PTY keystrokes). */
  readonly command: string | null;
  readonly riskClass: string | null;
  readonly flags: readonly string[];
}

/** Facts of a hold that no policy evaluation produced (an upstream's confirmation prompt). */
export const NO_FACTS: ApprovalFacts = { host: null, user: null, command: null, riskClass: null, flags: [] };

/** The command of a call as its approval shows it: `ssh.command`, else `ssh.input`. */
export function approvalCommand(fields: CallFields): string | null {
  return fields.ssh.command ?? fields.ssh.input ?? null;
}

/** Host, user, command (or PTY keystrokes), risk class and analysis flags of a call. */
export function approvalFacts(fields: CallFields): ApprovalFacts {
  const { ssh } = fields;
  return {
    host: ssh.host ?? null,
    user: ssh.user ?? null,
    command: approvalCommand(fields),
    riskClass: ssh.risk,
    flags: ssh.flags,
  };
}
