/**
 * The upstream prompts recorded on a call (ssh-mcp asking to confirm its command): when each arrived,
 * where it went, what was answered and by whom. Messages are the upstream's text: sanitised on display.
 */
import type { PromptView } from '../../../shared/contract/views';
import { OutcomeBadge } from '../../components/badges';
import { UntrustedText } from '../../components/SafeTextView';
import { formatTime } from '../../components/time';

const ROUTE_WORDS: Readonly<Record<string, string>> = {
  approval: "answered from this call's approval",
  queue: 'held in the queue',
  client: 'forwarded to the client',
};

/** The "Upstream prompts" section; nothing when the call had none. */
export function CallPrompts({ prompts }: { prompts: readonly PromptView[] }) {
  if (prompts.length === 0) return null;
  return (
    <section aria-label="Upstream prompts">
      <h3>Upstream prompts</h3>
      <ol className="call-prompts">
        {prompts.map((prompt) => (
          <li key={prompt.promptId} data-testid="call-prompt">
            <p>
              <span className="meta">{formatTime(prompt.at)}</span>{' '}
              {ROUTE_WORDS[prompt.route] ?? <UntrustedText value={prompt.route} />}
            </p>
            {prompt.message === null ? null : (
              <pre className="command">
                <UntrustedText value={prompt.message} multiline />
              </pre>
            )}
            <p>
              {prompt.answer === null ? (
                <em>no answer recorded</em>
              ) : (
                <>
                  <OutcomeBadge word={prompt.answer} /> <UntrustedText value={prompt.answeredBy ?? ''} />
                  {prompt.answeredAt === null ? null : (
                    <span className="meta"> · {formatTime(prompt.answeredAt)}</span>
                  )}
                </>
              )}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
