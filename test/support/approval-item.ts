/** Approval items as the broker builds them, for renderer tests that push a queue to the real store. */
import type { ApprovalItem } from '../../shared/approvals/types';
import { sanitize } from '../../shared/safe-text';

/** A test item with sensible defaults. */
export function makeItem(
  overrides: Partial<ApprovalItem> & { id: string },
  command = 'uptime',
): ApprovalItem {
  const now = Date.now();
  return {
    callId: `call-${overrides.id}`,
    sessionId: 'session-1',
    kind: 'tool-call',
    client: { name: 'test-client', version: '1.0.0' },
    serverName: 'prod',
    tool: 'exec',
    target: { host: sanitize('db1.example.com'), user: sanitize('deploy') },
    command: sanitize(command),
    message: null,
    relatedCalls: [],
    risk: { class: 'exec', flags: [] },
    rule: { id: 'ask-exec', reason: sanitize('exec needs approval') },
    arguments: { command },
    digest: 'a'.repeat(64),
    inputSchema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
    createdAt: now,
    expiresAt: now + 300_000,
    state: { kind: 'pending' },
    ...overrides,
  };
}
