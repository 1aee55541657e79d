/**
 * Tabs in the WAI-ARIA pattern: one tab stop for the whole list (the selected tab), arrow keys, Home and
 * End move between tabs and select them, disabled tabs are skipped, and each tab names the panel it
 * controls. The panel is a focusable `tabpanel` labelled by its tab.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

/** One tab. */
export interface TabItem<T extends string> {
  readonly id: T;
  readonly label: ReactNode;
  readonly disabled?: boolean;
  /** Shown on hover, e.g. why the tab is disabled. */
  readonly title?: string;
}

/** The ids that tie a tab to its panel. */
export function tabIds(prefix: string, tab: string): { readonly tab: string; readonly panel: string } {
  return { tab: `${prefix}-tab-${tab}`, panel: `${prefix}-panel-${tab}` };
}

/** Where a key moves the selection among the enabled tabs, or null when the key is not a tab key. */
export function nextTabIndex(key: string, current: number, enabled: readonly boolean[]): number | null {
  const count = enabled.length;
  const step = (from: number, by: number): number => {
    for (let i = 1; i <= count; i += 1) {
      const at = (((from + by * i) % count) + count) % count;
      if (enabled[at]) return at;
    }
    return current;
  };
  switch (key) {
    case 'ArrowRight':
      return step(current, 1);
    case 'ArrowLeft':
      return step(current, -1);
    case 'Home':
      return step(-1, 1);
    case 'End':
      return step(count, -1);
    default:
      return null;
  }
}

/** The tab list; `prefix` must match the panels' (see {@link TabPanel}). */
export function TabList<T extends string>(props: {
  readonly label: string;
  readonly prefix: string;
  readonly items: readonly TabItem<T>[];
  readonly selected: T;
  readonly onSelect: (tab: T) => void;
}) {
  const { items, selected, onSelect, prefix } = props;
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = items.findIndex((item) => item.id === selected);
    const next = nextTabIndex(
      event.key,
      current,
      items.map((item) => item.disabled !== true),
    );
    const target = next === null ? undefined : items[next];
    if (target === undefined) return;
    event.preventDefault();
    // Page keys (queue shortcuts) must not also act on a key the tab list used.
    event.stopPropagation();
    onSelect(target.id);
    buttons.current.get(target.id)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {items.map((item) => {
        const ids = tabIds(prefix, item.id);
        const isSelected = item.id === selected;
        return (
          <button
            key={item.id}
            ref={(node) => {
              if (node) buttons.current.set(item.id, node);
              else buttons.current.delete(item.id);
            }}
            type="button"
            role="tab"
            id={ids.tab}
            aria-selected={isSelected}
            aria-controls={ids.panel}
            tabIndex={isSelected ? 0 : -1}
            disabled={item.disabled === true}
            title={item.title}
            onClick={() => onSelect(item.id)}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}

/** The panel of the selected tab. */
export function TabPanel(props: {
  readonly prefix: string;
  readonly tab: string;
  readonly children: ReactNode;
}) {
  const ids = tabIds(props.prefix, props.tab);
  return (
    <div role="tabpanel" id={ids.panel} aria-labelledby={ids.tab} tabIndex={0} className="tab-panel">
      {props.children}
    </div>
  );
}
