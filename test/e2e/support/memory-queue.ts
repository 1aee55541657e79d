/**
 * An in-memory approvals service for tests that exercise the console without a core: it keeps items,
 * applies decisions by the same digest rule as the real broker, and announces changes.
 */
import type {
  ApprovalChange,
  ApprovalItem,
  DecideRequest,
  DecideResult,
} from '../../../shared/approvals/types';
import { sanitize } from '../../../shared/safe-text';
import type { ApprovalsPort } from '../../../electron/console/services';

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

/** The in-memory queue plus a log of decisions. */
export interface MemoryQueue extends ApprovalsPort {
  add(item: ApprovalItem): void;
  readonly decisions: DecideRequest[];
}

/** Creates an empty in-memory queue. */
export function createMemoryQueue(): MemoryQueue {
  const items = new Map<string, ApprovalItem>();
  const listeners = new Set<(change: ApprovalChange) => void>();
  const decisions: DecideRequest[] = [];
  const emit = (change: ApprovalChange) => listeners.forEach((listener) => listener(change));
  return {
    decisions,
    add(item) {
      items.set(item.id, item);
      emit({ type: 'added', item });
    },
    list: () => [...items.values()],
    get: (id) => items.get(id),
    decide(request): DecideResult {
      decisions.push(request);
      const item = items.get(request.id);
      if (item === undefined) return { ok: false, error: 'not-found', message: 'No such item.' };
      if (item.digest !== request.digest)
        return { ok: false, error: 'digest-mismatch', message: 'Digest mismatch.' };
      const at = Date.now();
      const by = request.by ?? 'console';
      const d = request.decision;
      const state: ApprovalItem['state'] =
        d.kind === 'deny'
          ? { kind: 'denied', by, at, reason: d.reason }
          : d.kind === 'edit'
            ? { kind: 'edited-and-approved', by, at, arguments: d.arguments }
            : { kind: 'approved', by, at, scope: d.kind === 'approve' ? d.scope : 'always' };
      const updated = { ...item, state };
      items.set(item.id, updated);
      emit({ type: 'updated', item: updated });
      return { ok: true, item: updated };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
