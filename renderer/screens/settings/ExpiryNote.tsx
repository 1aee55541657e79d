/** Which held calls the expiry setting times, and where the active policy sets its own expiry instead. */
import { expiryOverrides } from '../../../shared/policy/expiry-overrides';
import { useLoad } from '../../components/use-load';
import { useApi } from '../../store/store-context';

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** A note under the expiry field; silent when the policy sets no expiry of its own. */
export function ExpiryNote({ policyVersion }: { policyVersion: number | null }) {
  const api = useApi();
  const policy = useLoad(`policy-${policyVersion ?? 'none'}`, () => api.getPolicy());
  if (policy.state !== 'ready') return null;
  const { policyWideMs, entries } = expiryOverrides(policy.value.document);
  if (policyWideMs === null && entries.length === 0) {
    return <p className="setting-note">Applies to every held call: the active policy sets no expiry.</p>;
  }
  return (
    <div className="setting-note" data-testid="expiry-overrides">
      {policyWideMs === null ? (
        <p>Applies to held calls except these, whose expiry the active policy sets:</p>
      ) : (
        <p>
          The active policy (version {policy.value.version}) sets <code>approval.expiresInMs</code> to{' '}
          {seconds(policyWideMs)} for all held calls, so this setting does not apply until that is removed in
          Policies.
          {entries.length > 0 ? ' Its own expiries:' : ''}
        </p>
      )}
      {entries.length === 0 ? null : (
        <ul>
          {entries.map((e) => (
            <li key={e.id}>
              {e.id}: {seconds(e.ms)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
