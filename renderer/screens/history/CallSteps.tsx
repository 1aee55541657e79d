/**
 * A call's recorded steps in the order they happened: received, the policy decision, the operator's
 * decision, forwarding, the upstream's own prompts and their answers, the outcome.
 */
import type { CallStepView } from '../../../shared/contract/views';
import { assertNever } from '../../../shared/json';
import { OutcomeBadge } from '../../components/badges';
import { UntrustedText } from '../../components/SafeTextView';
import { formatTime } from '../../components/time';
import { ROUTE_WORDS } from './CallPrompts';
import { deciderLabel, formatElapsed } from './history-words';

// A step shows the start of a prompt's message; the "Upstream prompts" section shows it whole.
const PROMPT_PREVIEW = 200;

function StepText({ step }: { step: CallStepView }) {
  switch (step.kind) {
    case 'received':
      return <>received from the agent</>;
    case 'decided':
      return (
        <>
          policy <OutcomeBadge word={step.action} /> by <code>{step.rule}</code>:{' '}
          <UntrustedText value={step.reason} />
        </>
      );
    case 'approval':
      return (
        <>
          <OutcomeBadge word={step.outcome} /> {deciderLabel(step.decider) ?? ''} after{' '}
          {formatElapsed(step.waitedMs)}
        </>
      );
    case 'forwarded':
      return <>forwarded upstream{step.edited ? ' as edited' : ''}</>;
    case 'prompt':
      return (
        <>
          upstream prompt, {ROUTE_WORDS[step.prompt.route] ?? <UntrustedText value={step.prompt.route} />}
          {step.prompt.message === null ? null : (
            <>
              : <UntrustedText value={step.prompt.message} maxLength={PROMPT_PREVIEW} />
            </>
          )}
        </>
      );
    case 'prompt-answer':
      return (
        <>
          prompt answered <OutcomeBadge word={step.prompt.answer ?? 'none'} />{' '}
          <UntrustedText value={step.prompt.answeredBy ?? ''} />
        </>
      );
    case 'completed':
      return (
        <>
          ended <OutcomeBadge word={step.outcome} />
          {step.durationMs === null ? null : <> after {formatElapsed(step.durationMs)} in all</>}
        </>
      );
    default:
      return assertNever(step, 'unknown call step');
  }
}

/** The "Steps" list. */
export function CallSteps({ steps }: { steps: readonly CallStepView[] }) {
  return (
    <section aria-label="Steps">
      <h3>Steps</h3>
      <ol className="call-steps">
        {steps.map((step, index) => (
          <li key={index} data-testid="call-step" data-step={step.kind}>
            <span className="meta">{formatTime(step.at)}</span> <StepText step={step} />
          </li>
        ))}
      </ol>
    </section>
  );
}
