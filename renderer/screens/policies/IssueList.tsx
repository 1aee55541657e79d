/** Inline validation errors, located by JSON path (and line when known). */
import type { ValidationIssue } from '../../../shared/contract/views';

/** The list of issues, announced politely. */
export function IssueList({ issues, id }: { issues: readonly ValidationIssue[]; id?: string }) {
  return (
    <div className="inline-errors" id={id} aria-live="polite" role="status">
      {issues.map((issue, index) => (
        <p key={index}>
          ✕ {issue.path === '' ? '' : <code>{issue.path}</code>} {issue.message}
        </p>
      ))}
    </div>
  );
}
