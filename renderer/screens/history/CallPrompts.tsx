/**
 * The upstream prompts recorded on a call (ssh-mcp asking to confirm its command): when each arrived,
 * where it went, what was answered and by whom. Messages are the upstream's text: sanitised on display.
 * Shown whole in the call detail and, compact, in the call's timeline row.
 */
import type { PromptView } from '../../../shared/contract/views';
import { OutcomeBadge } from '../../components/badges';
import { UntrustedText } from '../../components/SafeTextView';
import { formatTime } from '../../components/time';
import { HighlightedText } from './HighlightedText';

/** Where a prompt went, in words. */
export const ROUTE_WORDS: Readonly<Record<string, string>> = {
  approval: "answered from this call's approval",
  queue: 'held in the queue',
  client: 'forwarded to the client',
};

// A timeline row shows the start of each message; the call detail shows it whole.
const COMPACT_MESSAGE_LIMIT = 200;

/**
 * The "Upstream prompts" section; nothing when the call had none. `compact` is the timeline row's form:
 * no heading, each message on one line and cut short.
 */
export function CallPrompts({
  prompts,
  compact = false,
  terms = [],
}: {
  prompts: readonly PromptView[];
  compact?: boolean;
  /** Search words to mark in the messages. */
  terms?: readonly string[];
}) {
  if (prompts.length === 0) return null;
  return (
    <section aria-label="Upstream prompts" className={compact ? 'row-prompts' : undefined}>
      {compact ? null : <h3>Upstream prompts</h3>}
      <ol className="call-prompts">
        {prompts.map((prompt) => (
          <li key={prompt.promptId} data-testid="call-prompt">
            <p>
              <span className="meta">{formatTime(prompt.at)}</span> upstream prompt,{' '}
              {ROUTE_WORDS[prompt.route] ?? <UntrustedText value={prompt.route} />}
            </p>
            {prompt.message === null ? null : compact ? (
              <div className="mono row-command">
                <HighlightedText value={prompt.message} terms={terms} maxLength={COMPACT_MESSAGE_LIMIT} />
              </div>
            ) : (
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
