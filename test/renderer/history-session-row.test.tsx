/** @vitest-environment jsdom */
/**
 * A History session row names the MCP revision the session spoke and, for the modern era, that it was
 * stateless; the revision is peer-chosen text, so it is shown through the sanitiser like any other.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { SessionListRow } from '../../renderer/screens/history/SessionListRow';
import type { HistorySessionRow } from '../../shared/contract/history-views';

function session(overrides: Partial<HistorySessionRow> = {}): HistorySessionRow {
  return {
    sessionId: 's-1',
    serverName: 'modern',
    clientName: 'modern-agent',
    startedAt: 1_700_000_000_000,
    endedAt: null,
    callCount: 3,
    endReason: null,
    protocolVersion: '2026-07-28',
    era: 'modern',
    ...overrides,
  };
}

describe('SessionListRow', () => {
  afterEach(cleanup);

  it('shows a modern session as stateless, with its revision', () => {
    const picked: string[] = [];
    render(<SessionListRow session={session()} selected={false} onSelect={(id) => picked.push(id)} />);
    const row = screen.getByRole('button');
    expect(row.textContent).toContain('MCP 2026-07-28 (stateless)');
    fireEvent.click(row);
    expect(picked).toEqual(['s-1']);
  });

  it('shows a legacy revision without the stateless note, and nothing before any answer', () => {
    const { rerender } = render(
      <SessionListRow
        session={session({ protocolVersion: '2025-11-25', era: 'legacy' })}
        selected
        onSelect={() => undefined}
      />,
    );
    expect(screen.getByRole('button').textContent).toContain('MCP 2025-11-25');
    expect(screen.getByRole('button').textContent).not.toContain('stateless');
    rerender(
      <SessionListRow
        session={session({ protocolVersion: null, era: null })}
        selected
        onSelect={() => undefined}
      />,
    );
    expect(screen.getByRole('button').textContent).not.toContain('MCP');
  });

  it('renders a hostile revision string as text with its hidden characters shown', () => {
    render(
      <SessionListRow
        session={session({ protocolVersion: '<img src=x onerror=alert(1)>\u202e', era: 'legacy' })}
        selected={false}
        onSelect={() => undefined}
      />,
    );
    const row = screen.getByRole('button');
    expect(row.querySelector('img')).toBeNull();
    expect(row.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(row.textContent).not.toContain('\u202e');
  });
});
