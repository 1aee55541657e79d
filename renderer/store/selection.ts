/**
 * Where the selection goes when the queue changes. New arrivals never move it (an item appearing must
 * not take the operator's focus from the one under review); when the selected item leaves (decided,
 * expired, withdrawn), the selection moves to the item that took its place in the list.
 */
import type { ApprovalItem } from '../../shared/approvals/types';

/** The id to select after the queue went from `before` to `after`. */
export function selectionAfterChange(
  before: readonly ApprovalItem[],
  after: readonly ApprovalItem[],
  selectedId: string | null,
): string | null {
  if (after.length === 0) return null;
  if (selectedId === null) return after[0]?.id ?? null;
  if (after.some((item) => item.id === selectedId)) return selectedId;
  const oldIndex = before.findIndex((item) => item.id === selectedId);
  // Walk the old list from the removed item onward and take the first survivor, then look back.
  const surviving = new Set(after.map((item) => item.id));
  for (let i = Math.max(0, oldIndex); i < before.length; i++) {
    const id = before[i]?.id;
    if (id !== undefined && surviving.has(id)) return id;
  }
  for (let i = Math.min(oldIndex, before.length) - 1; i >= 0; i--) {
    const id = before[i]?.id;
    if (id !== undefined && surviving.has(id)) return id;
  }
  return after[0]?.id ?? null;
}
