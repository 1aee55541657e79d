/** The Queue: list of held calls in the middle, the selected call's detail on the right. */
import { useEffect, useEffectEvent } from 'react';

import { Loading } from '../../components/states';
import { useConsole } from '../../store/store-context';
import { BatchBar } from './BatchBar';
import { isTypingTarget } from './keys';
import { KeyHelp } from './KeyHelp';
import { QueueDetail } from './QueueDetail';
import { QueueEmpty } from './QueueEmpty';
import { QueueAnnouncer } from './QueueAnnouncer';
import { QueueList } from './QueueList';

/** The queue screen and its navigation keys (j, k, x, ?, Esc). */
export function QueueScreen() {
  const queue = useConsole((s) => s.queue);
  const selectedId = useConsole((s) => s.selectedId);
  const marked = useConsole((s) => s.marked);
  const showKeys = useConsole((s) => s.showKeys);
  const move = useConsole((s) => s.move);
  const toggleMark = useConsole((s) => s.toggleMark);
  const setShowKeys = useConsole((s) => s.setShowKeys);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      setShowKeys(false);
      return;
    }
    if (isTypingTarget(event)) return;
    if (event.key === '?') setShowKeys(!showKeys);
    else if (showKeys) return;
    else if (event.key === 'j') move(1);
    else if (event.key === 'k') move(-1);
    else if (event.key === 'x' && selectedId !== null) toggleMark(selectedId);
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  if (queue === null) return <Loading what="the queue" />;
  const selected = queue.items.find((item) => item.id === selectedId) ?? null;
  return (
    <div className="split">
      <section className="list-pane" aria-label="Queue">
        <header className="pane-header">
          <h1>Queue</h1>
          <span className="meta">{queue.items.length} waiting · press ? for keys</span>
        </header>
        {marked.size > 0 ? <BatchBar items={queue.items} /> : null}
        {queue.items.length === 0 ? <QueueEmpty /> : <QueueList items={queue.items} />}
        <QueueAnnouncer items={queue.items} />
      </section>
      <section className="detail-pane" aria-label="Detail">
        {selected === null ? (
          <p className="meta placeholder">Select a call to review it.</p>
        ) : (
          <QueueDetail item={selected} />
        )}
      </section>
      {showKeys ? <KeyHelp onClose={() => setShowKeys(false)} /> : null}
    </div>
  );
}
