/**
 * The operator's unsaved policy draft, kept in the store (not in a component) so it survives switching
 * the Policies tabs and leaving the screen; and the rule for leaving with unsaved changes. Pure.
 */
import type { PolicyDocumentView } from '../../shared/contract/views';

/** The Policies screen's tabs. */
export type PolicyTab = 'edit' | 'test' | 'versions' | 'import';

/** How the draft is being edited. */
export type PolicyEditMode = 'form' | 'json';

/** An edit of the policy, against the version it started from. */
export interface PolicyDraft {
  /** The saved version the draft started from. */
  readonly baseVersion: number;
  /** That version's document as the editor prints it, to tell whether anything changed. */
  readonly baseText: string;
  /** The draft's text (the form edits it too, so form and JSON never disagree). */
  readonly text: string;
  /** The operator's note for the version the draft will become. */
  readonly note: string;
}

/** A document as the editor prints it. */
export function policyText(document: PolicyDocumentView['document']): string {
  return JSON.stringify(document, null, 2);
}

/** A draft with no changes yet, from a saved version. */
export function startDraft(view: PolicyDocumentView): PolicyDraft {
  const text = policyText(view.document);
  return { baseVersion: view.version, baseText: text, text, note: '' };
}

/** Whether the draft holds changes that are not saved. */
export function isDirty(draft: PolicyDraft | null): boolean {
  return draft !== null && draft.text !== draft.baseText;
}

/**
 * The draft the editor shows for the active version: the kept draft while it has changes (even when a
 * newer version became active meanwhile: the operator's work is never dropped silently), else a fresh
 * one from the active version.
 */
export function draftFor(kept: PolicyDraft | null, active: PolicyDocumentView): PolicyDraft {
  if (kept !== null && (isDirty(kept) || kept.baseVersion === active.version)) return kept;
  return startDraft(active);
}

/** What a request to change screen does: go there, or ask first (unsaved policy changes). */
export type Navigation = { readonly kind: 'go' } | { readonly kind: 'confirm' };

/** Leaving the Policies screen with unsaved changes asks first; everything else goes. */
export function navigation(from: string, to: string, draft: PolicyDraft | null): Navigation {
  return from === 'policies' && to !== 'policies' && isDirty(draft) ? { kind: 'confirm' } : { kind: 'go' };
}
