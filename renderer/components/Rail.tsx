/** The left rail: the five screens, with the live pending count on Queue; browser-mode controls below. */
import type { Screen } from '../store/console-store';
import { isDirty } from '../store/policy-draft-state';
import { useConsole } from '../store/store-context';
import { SessionControls } from './SessionControls';

const ENTRIES: readonly { screen: Screen; label: string; icon: string }[] = [
  { screen: 'queue', label: 'Queue', icon: '☰' },
  { screen: 'policies', label: 'Policies', icon: '§' },
  { screen: 'history', label: 'History', icon: '⟲' },
  { screen: 'servers', label: 'Servers', icon: '⇄' },
  { screen: 'settings', label: 'Settings', icon: '⚙' },
];

/** Navigation between screens. */
export function Rail() {
  const screen = useConsole((s) => s.screen);
  const setScreen = useConsole((s) => s.setScreen);
  const pending = useConsole((s) => s.queue?.items.length ?? 0);
  const unsaved = useConsole((s) => isDirty(s.policyDraft));
  const diskChange = useConsole(
    (s) => s.policyStatus?.state === 'active' && s.policyStatus.pendingDiskChange !== null,
  );
  return (
    <nav className="rail" aria-label="Screens">
      <div className="brand" aria-hidden="true">
        Airlock
      </div>
      {ENTRIES.map((entry) => (
        <button
          key={entry.screen}
          type="button"
          className={entry.screen === screen ? 'rail-item active' : 'rail-item'}
          aria-current={entry.screen === screen ? 'page' : undefined}
          onClick={() => setScreen(entry.screen)}
        >
          <span aria-hidden="true" className="rail-icon">
            {entry.icon}
          </span>
          <span>{entry.label}</span>
          {entry.screen === 'queue' && pending > 0 ? (
            <span className="count-badge" aria-label={`${pending} waiting`}>
              {pending}
            </span>
          ) : null}
          {entry.screen === 'policies' && unsaved ? (
            <span className="unsaved-dot" title="Unsaved policy changes" aria-label="unsaved changes">
              ●
            </span>
          ) : null}
          {entry.screen === 'policies' && diskChange ? (
            <span className="count-badge" aria-label="policy change on disk waiting">
              !
            </span>
          ) : null}
        </button>
      ))}
      <SessionControls />
    </nav>
  );
}
