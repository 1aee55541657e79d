/** Inline validation errors, located by line:column (when the text position is known) and JSON path. */
import type { ValidationIssue } from '../../../shared/contract/views';

/** The list of issues, announced politely. */
export function IssueList({ issues, id }: { issues: readonly ValidationIssue[]; id?: string }) {
  return (
    <div className="inline-errors" id={id} aria-live="polite" role="status">
      {issues.map((issue, index) => (
        <p key={index}>
          ✕{' '}
          {issue.line === undefined ? null : (
            <span className="issue-where" aria-label={`line ${issue.line}, column ${issue.column ?? 1}`}>
              {issue.line}:{issue.column ?? 1}
            </span>
          )}{' '}
          {issue.path === '' ? '' : <code>{issue.path}</code>} {issue.message}
        </p>
      ))}
    </div>
  );
}
