/**
 * What an "approve for this session" grant covers — its shape. The choice is deliberately narrow:
 * same session, same tool, same normalised host and user, the EXACT same command text, and every other
 * argument equal (canonical JSON), with only the argument that carries the command compared through the
 * command itself. No digit or path generalisation: `chmod 644 f` must not grant `chmod 777 f`, nor
 * `rm -r /tmp/x` grant `rm -r /`. Broader patterns are "always allow" rules, which the operator reviews
 * and edits in the policy editor before they apply.
 */
import type { Json, JsonObject } from '../../shared/json';
import type { ApprovalFacts } from './approval-facts';
import { digestKey } from './digest';

const COMMAND_PLACEHOLDER = { 'airlock:command': true };

/** The lookup key of a session grant for this call. */
export function grantKey(sessionId: string, tool: string, fields: ApprovalFacts, args: JsonObject): string {
  const { command } = fields;
  const rest: Record<string, Json> = {};
  for (const [key, value] of Object.entries(args)) {
    // Compare the command-bearing argument through `command` (exact), everything else as sent.
    rest[key] = command !== null && value === command ? COMMAND_PLACEHOLDER : value;
  }
  return digestKey('session-grant', [sessionId, tool, fields.host, fields.user, command, rest]);
}
