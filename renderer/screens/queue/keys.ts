/** Queue keyboard shortcuts: the single list used by the handlers and the `?` help. */

/** Every shortcut, in the order the help lists them. */
export const QUEUE_KEYS = [
  { key: 'j', action: 'Next call' },
  { key: 'k', action: 'Previous call' },
  { key: 'a', action: 'Approve once' },
  { key: 's', action: 'Approve for this session' },
  { key: 'e', action: 'Edit arguments, then approve' },
  { key: 'd', action: 'Deny (focus goes to the reason)' },
  { key: 'x', action: 'Mark or unmark for a batch decision' },
  { key: '?', action: 'Show or hide this list' },
  { key: 'Esc', action: 'Close a panel' },
] as const;

/** True while a modal dialog (the shortcut list) is open: page shortcuts must not act behind it. */
export function shortcutsPaused(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

/** True when a keystroke belongs to a text field or carries a modifier, so shortcuts must ignore it. */
export function isTypingTarget(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
