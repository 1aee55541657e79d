/** Everything recorded about one call: decision path, approver, edits, arguments and output. */
import { sanitize } from '../../../shared/safe-text';
import { OutcomeBadge, RiskBadge } from '../../components/badges';
import { SafeTextView, UntrustedText } from '../../components/SafeTextView';
import { ErrorNote, Loading } from '../../components/states';
import { formatTime } from '../../components/time';
import { useLoad } from '../../components/use-load';
import { useApi } from '../../store/store-context';
import { CallPrompts } from './CallPrompts';
import { CallSteps } from './CallSteps';
import { deciderLabel } from './history-words';

// Recorded output is capped by the store; the display shows this much and counts the rest.
const OUTPUT_DISPLAY_LIMIT = 20_000;

/** The call detail panel. */
export function CallDetail({ sessionId, callId }: { sessionId: string; callId: string }) {
  const api = useApi();
  const call = useLoad(callId, () => api.callDetail(sessionId, callId));
  if (call.state === 'loading') return <Loading what="the call" />;
  if (call.state === 'error') return <ErrorNote message={call.message} onRetry={call.reload} />;
  const c = call.value;
  return (
    <article className="panel call-detail" aria-label="Call detail">
      <h2>
        <UntrustedText value={c.tool} className="mono" /> <span className="meta">{formatTime(c.at)}</span>
      </h2>
      <p>
        <OutcomeBadge word={c.verdict} /> {deciderLabel(c.decider) ?? ''}{' '}
        {c.outcome === null ? null : <OutcomeBadge word={c.outcome} />}
      </p>
      {c.host === null && c.user === null ? null : (
        <p>
          <UntrustedText value={c.host ?? '?'} /> → <UntrustedText value={c.user ?? '?'} />
          {c.risk === null ? null : (
            <>
              {' '}
              <RiskBadge riskClass={c.risk} />
            </>
          )}
        </p>
      )}
      {c.rule === null ? null : (
        <p>
          rule <code>{c.rule}</code>: <UntrustedText value={c.reason ?? ''} />
        </p>
      )}
      {c.denyReason === null ? null : (
        <p>
          deny reason: <UntrustedText value={c.denyReason} />
        </p>
      )}
      {c.command === null ? null : (
        <pre className="command">
          <UntrustedText value={c.command} />
        </pre>
      )}
      <h3>
        Arguments
        {c.forwardedArguments !== null && JSON.stringify(c.forwardedArguments) !== JSON.stringify(c.arguments)
          ? ' (as sent by the agent)'
          : ''}
      </h3>
      <pre className="command">
        <SafeTextView text={sanitize(JSON.stringify(c.arguments, null, 2), { multiline: true })} />
      </pre>
      {c.forwardedArguments !== null &&
      JSON.stringify(c.forwardedArguments) !== JSON.stringify(c.arguments) ? (
        <>
          <h3>Arguments as edited and run</h3>
          <pre className="command">
            <SafeTextView
              text={sanitize(JSON.stringify(c.forwardedArguments, null, 2), { multiline: true })}
            />
          </pre>
        </>
      ) : null}
      <CallSteps steps={c.steps} />
      <CallPrompts prompts={c.prompts} />
      <h3>Output{c.isError ? ' (error)' : ''}</h3>
      {c.output === null ? (
        <p className="meta">No output recorded.</p>
      ) : (
        <pre className="command output" data-testid="call-output">
          <UntrustedText value={c.output} multiline maxLength={OUTPUT_DISPLAY_LIMIT} />
        </pre>
      )}
    </article>
  );
}
