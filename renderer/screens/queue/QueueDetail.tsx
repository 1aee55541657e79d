/**
 * One held call, read top-down in the order an operator decides: where, what, why, how long, then the
 * decision. Raw arguments fold out below.
 */
import type { ApprovalItem } from '../../../shared/approvals/types';
import { sanitize } from '../../../shared/safe-text';
import { FlagBadge, RiskBadge, StateBadge } from '../../components/badges';
import { SafeTextView, UntrustedText } from '../../components/SafeTextView';
import { formatDuration, useNow } from '../../components/time';
import { DecisionBar } from './DecisionBar';
import { RelatedCalls } from './RelatedCalls';

function Where({ item }: { item: ApprovalItem }) {
  return (
    <section className="where" aria-label="Where">
      <h3>Where</h3>
      <p className="path">
        <span className="label">server</span> <UntrustedText value={item.serverName} />
        <span aria-hidden="true"> → </span>
        <span className="label">host</span>{' '}
        {item.target.host === null ? <em>unknown</em> : <SafeTextView text={item.target.host} />}
        <span aria-hidden="true"> → </span>
        <span className="label">user</span>{' '}
        {item.target.user === null ? <em>unknown</em> : <SafeTextView text={item.target.user} />}
      </p>
      <p className="meta">
        tool <UntrustedText value={item.tool} className="mono" />
        {item.client === null ? null : (
          <>
            {' '}
            · client <UntrustedText value={`${item.client.name} ${item.client.version}`} />
          </>
        )}
      </p>
    </section>
  );
}

function What({ item }: { item: ApprovalItem }) {
  const flags = [
    ...new Set([...item.risk.flags, ...(item.command?.flags ?? []), ...(item.message?.flags ?? [])]),
  ];
  const text = item.command ?? item.message;
  return (
    <section className="what" aria-label="What">
      <h3>{item.kind === 'elicitation' ? 'What the server asks' : 'What'}</h3>
      <div className="flags">
        <RiskBadge riskClass={item.risk.class} />
        {flags.map((flag) => (
          <FlagBadge key={flag} flag={flag} />
        ))}
      </div>
      {text === null ? (
        <p className="meta">No command field: check the raw arguments below.</p>
      ) : (
        <pre className="command" data-testid="command">
          <SafeTextView text={text} />
        </pre>
      )}
      {text !== null ? (
        <p className="meta">
          {text.length} characters{text.hidden > 0 ? `, ${text.hidden} not shown` : ''}
        </p>
      ) : null}
    </section>
  );
}

function When({ item }: { item: ApprovalItem }) {
  const now = useNow();
  const left = item.expiresAt - now;
  return (
    <section className="when" aria-label="When">
      <p>
        waiting <strong>{formatDuration(now - item.createdAt)}</strong> ·{' '}
        {left > 0 ? (
          <span className={left < 30_000 ? 'expiring' : undefined}>
            expires in <strong>{formatDuration(left)}</strong> (then denied)
          </span>
        ) : (
          <span className="expiring">expiring now</span>
        )}
      </p>
    </section>
  );
}

/** The detail pane of the selected queue item. */
export function QueueDetail({ item }: { item: ApprovalItem }) {
  return (
    <article className="detail" aria-label="Held call">
      <header className="detail-header">
        <h2>
          <UntrustedText value={item.tool} className="mono" />
        </h2>
        <StateBadge state={item.state.kind} />
      </header>
      <Where item={item} />
      <What item={item} />
      <RelatedCalls item={item} />
      <section className="why" aria-label="Why">
        <h3>Why it is held</h3>
        <p>
          rule <code>{item.rule.id}</code>: <SafeTextView text={item.rule.reason} />
        </p>
      </section>
      <When item={item} />
      <p className="meta digest" title={item.digest}>
        approving binds to digest <code>{item.digest.slice(0, 16)}</code>
      </p>
      <DecisionBar key={item.id} item={item} />
      <details className="raw-arguments">
        <summary>Raw arguments</summary>
        <pre className="command">
          <SafeTextView text={sanitize(JSON.stringify(item.arguments, null, 2), { multiline: true })} />
        </pre>
      </details>
    </article>
  );
}
