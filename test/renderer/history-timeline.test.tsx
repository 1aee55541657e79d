/** @vitest-environment jsdom */
/**
 * The History timeline's in-session search, pure and rendered: which calls match (all words, on tool,
 * command, arguments, host, user, reasons and prompts, or a hit of the store's full-text search), and the
 * match marked by splitting sanitised text into spans, hidden characters still shown as badges.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { TimelineCall } from '../../renderer/screens/history/TimelineCall';
import {
  filterTimeline,
  rowMatches,
  searchTerms,
  splitMatches,
} from '../../renderer/screens/history/timeline-search';
import type { TimelineRow } from '../../shared/contract/views';

function row(overrides: Partial<TimelineRow> = {}): TimelineRow {
  return {
    callId: 'c1',
    sessionId: 's1',
    at: 1_700_000_000_000,
    tool: 'run-command',
    argumentsText: '{"command":"systemctl restart nginx","profile":"local"}',
    command: 'systemctl restart nginx',
    host: 'web-1.example.com',
    user: 'deploy',
    risk: 'exec',
    decision: 'require_approval',
    rule: 'hold-commands',
    reason: 'commands wait for you',
    approval: 'approved',
    denyReason: null,
    verdict: 'approved',
    decider: { kind: 'operator', name: 'alice' },
    waitedMs: 4200,
    ranMs: 35,
    outcome: 'result',
    durationMs: 4300,
    prompts: [],
    ...overrides,
  };
}

describe('timeline search (pure)', () => {
  it('needs every word somewhere in the call, case-insensitively', () => {
    expect(searchTerms('  Restart   web* ')).toEqual(['Restart', 'web']);
    expect(rowMatches(row(), searchTerms('RESTART deploy'))).toBe(true);
    expect(rowMatches(row(), searchTerms('profile local'))).toBe(true);
    expect(rowMatches(row(), searchTerms('wait'))).toBe(true);
    expect(rowMatches(row(), searchTerms('restart postgres'))).toBe(false);
    expect(rowMatches(row({ prompts: [prompt('Confirm rm -rf /srv')] }), ['/srv'])).toBe(true);
  });

  it('counts matches, and keeps a call the store found (e.g. in its output)', () => {
    const rows = [row(), row({ callId: 'c2', command: 'uptime', argumentsText: '{}' })];
    expect(filterTimeline(rows, ['uptime'])).toMatchObject({ matched: 1, total: 2 });
    expect(filterTimeline(rows, ['load'], new Set(['c1'])).rows.map((r) => r.callId)).toEqual(['c1']);
    expect(filterTimeline(rows, []).matched).toBe(2);
  });

  it('splits text into pieces that put it back together, longest word first', () => {
    const pieces = splitMatches('rm -rf /tmp/RM', ['rm', 'rm -rf']);
    expect(pieces).toEqual([
      { text: 'rm -rf', hit: true },
      { text: ' /tmp/', hit: false },
      { text: 'RM', hit: true },
    ]);
    expect(splitMatches('a.b', ['.'])).toEqual([
      { text: 'a', hit: false },
      { text: '.', hit: true },
      { text: 'b', hit: false },
    ]);
  });
});

function prompt(message: string): TimelineRow['prompts'][number] {
  return {
    promptId: 'p1',
    at: 1_700_000_000_100,
    message,
    route: 'approval',
    answer: 'accept',
    answeredBy: 'answered from the approval of call c1 (approved by alice)',
    answeredAt: 1_700_000_000_101,
  };
}

describe('a timeline row', () => {
  afterEach(cleanup);

  it('shows command, host → user, verdict, decider, waited and ran, and marks the match', () => {
    render(
      <ol>
        <TimelineCall row={row()} terms={['nginx', 'deploy']} selected={false} onSelect={() => undefined} />
      </ol>,
    );
    expect(screen.getByTestId('row-command').textContent).toBe('systemctl restart nginx');
    expect(screen.getByTestId('row-target').textContent).toBe('web-1.example.com → deploy');
    expect(screen.getByTestId('row-verdict').textContent).toContain('approved');
    expect(screen.getByTestId('row-decider').textContent).toBe('by operator alice');
    expect(screen.getByTestId('row-waited').textContent).toBe('waited 4.2 s');
    expect(screen.getByTestId('row-ran').textContent).toBe('ran 35 ms');
    expect([...document.querySelectorAll('mark.search-hit')].map((m) => m.textContent)).toEqual([
      'nginx',
      'deploy',
    ]);
  });

  it('keeps hostile text inert: no markup, hidden characters as badges, long commands cut with a way to see all', () => {
    const hostile = `<img src=x onerror=alert(1)> \u202e${'x'.repeat(300)}`;
    render(
      <ol>
        <TimelineCall
          row={row({ command: hostile, prompts: [prompt('Confirm <b>it</b>')] })}
          terms={['img']}
          selected={false}
          onSelect={() => undefined}
        />
      </ol>,
    );
    const command = screen.getByTestId('row-command');
    expect(command.querySelector('img')).toBeNull();
    expect(command.querySelector('.escape-bidi')).not.toBeNull();
    expect(command.textContent).toMatch(/more characters not shown/);
    expect(command.querySelector('mark')?.textContent).toBe('img');
    expect(document.querySelector('b')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show full command' }));
    expect(screen.getByTestId('row-command').textContent).not.toMatch(/more characters not shown/);
  });
});
