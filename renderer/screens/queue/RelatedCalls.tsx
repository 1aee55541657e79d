/**
 * Which running call an upstream prompt belongs to (ssh-mcp asking to confirm a command), so the operator
 * sees what they are confirming. Every text is the agent's or the upstream's: shown only as SafeText.
 */
import type { ApprovalItem } from '../../../shared/approvals/types';
import { SafeTextView, UntrustedText } from '../../components/SafeTextView';

/** The "Belongs to" section of an elicitation item; nothing for a tool call. */
export function RelatedCalls({ item }: { item: ApprovalItem }) {
  if (item.kind !== 'elicitation') return null;
  const calls = item.relatedCalls;
  return (
    <section className="belongs-to" aria-label="Belongs to">
      <h3>Belongs to</h3>
      {calls.length === 0 ? (
        <p className="meta">No call of this session running upstream can be tied to this prompt.</p>
      ) : null}
      {calls.length > 1 ? (
        <p className="meta">It names {calls.length} running calls; Airlock does not guess which one asks.</p>
      ) : null}
      {calls.length === 0 ? null : (
        <ul className="related-calls">
          {calls.map((call) => (
            <li key={call.callId} data-testid="related-call">
              <SafeTextView text={call.tool} className="mono" />{' '}
              {call.command === null ? (
                <em>no command</em>
              ) : (
                <code>
                  <SafeTextView text={call.command} />
                </code>
              )}{' '}
              <span className="meta">
                {call.approved ? 'approved by an operator' : 'let through by policy, no operator'} · call{' '}
                <UntrustedText value={call.callId} className="mono" />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
