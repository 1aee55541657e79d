/**
 * The held calls, newest on top, windowed: only the rows in view (plus a margin) are in the DOM, so a
 * queue of thousands scrolls as smoothly as one of ten.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

import type { ApprovalItem } from '../../../shared/approvals/types';
import { useNow } from '../../components/time';
import { useConsole } from '../../store/store-context';
import { optionId, QueueRow, ROW_HEIGHT } from './QueueRow';

const OVERSCAN = 6;

/** Listbox keys (ARIA practice): arrows step, Home/End jump, Space marks. j/k/x work page-wide too. */
const LIST_KEYS: Readonly<Record<string, number | 'mark'>> = {
  ArrowDown: 1,
  ArrowUp: -1,
  Home: -Number.MAX_SAFE_INTEGER,
  End: Number.MAX_SAFE_INTEGER,
  PageDown: 5,
  PageUp: -5,
  ' ': 'mark',
};
// jsdom and a not-yet-laid-out pane report 0; assume a typical pane until measured.
const FALLBACK_HEIGHT = 800;

/** The windowed list. */
export function QueueList({ items }: { items: readonly ApprovalItem[] }) {
  const selectedId = useConsole((s) => s.selectedId);
  const marked = useConsole((s) => s.marked);
  const select = useConsole((s) => s.select);
  const toggleMark = useConsole((s) => s.toggleMark);
  const move = useConsole((s) => s.move);
  const now = useNow();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (element === null || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || FALLBACK_HEIGHT));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Keep the selected row in view when j/k moves it.
  const selectedIndex = items.findIndex((item) => item.id === selectedId);
  useEffect(() => {
    const element = viewport.current;
    if (element === null || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + (element.clientHeight || FALLBACK_HEIGHT)) {
      element.scrollTop = top + ROW_HEIGHT - (element.clientHeight || FALLBACK_HEIGHT);
    }
  }, [selectedIndex]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = items.slice(first, last);
  return (
    <div
      className="queue-list"
      ref={viewport}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ul
        role="listbox"
        aria-label="Held calls"
        className="queue-rows"
        tabIndex={0}
        aria-activedescendant={selectedId === null || selectedIndex < 0 ? undefined : optionId(selectedId)}
        onFocus={() => selectedIndex < 0 && items[0] !== undefined && select(items[0].id)}
        onKeyDown={(event) => {
          const step = LIST_KEYS[event.key];
          if (step === 'mark') {
            if (selectedId !== null) toggleMark(selectedId);
          } else if (step !== undefined) {
            move(step);
          } else {
            return;
          }
          event.preventDefault();
          event.stopPropagation();
        }}
        style={{ height: items.length * ROW_HEIGHT }}
      >
        {visible.map((item, offset) => (
          <QueueRow
            key={item.id}
            item={item}
            top={(first + offset) * ROW_HEIGHT}
            position={first + offset + 1}
            setSize={items.length}
            selected={item.id === selectedId}
            marked={marked.has(item.id)}
            now={now}
            onSelect={select}
            onMark={toggleMark}
          />
        ))}
      </ul>
    </div>
  );
}
