/** Shared set-up for policy tests: a real gate over in-memory SQLite and the real bash analyser. */
import type { JsonObject } from '../../shared/json';
import { parsePolicyValue } from '../../shared/policy/parse';
import type { PolicyDocumentInput } from '../../shared/policy/schema';
import { initCommandAnalyzer } from '../../electron/policy/command/analyzer';
import { createCounterStore } from '../../electron/policy/counter-store';
import { createPolicyGate, type PolicyGate } from '../../electron/policy/gate';
import { createPinStore } from '../../electron/policy/pin-store';
import { openPolicyDatabase } from '../../electron/policy/policy-db';

/** Compiles a document, failing the test on validation errors. */
export function compiled(doc: PolicyDocumentInput | Record<string, unknown>) {
  const result = parsePolicyValue(doc);
  if (!result.ok) throw new Error(`invalid test policy: ${JSON.stringify(result.errors)}`);
  return result.compiled;
}

/** A gate over an in-memory database with a controllable clock. */
export async function testGate(
  doc: PolicyDocumentInput | Record<string, unknown>,
  start = Date.UTC(2026, 0, 1, 12, 0, 30),
) {
  const db = openPolicyDatabase(':memory:');
  const clock = { now: start };
  const counters = createCounterStore(db);
  const pins = createPinStore(db);
  const policy = compiled(doc);
  const gate: PolicyGate = createPolicyGate({
    store: { active: () => policy },
    counters,
    pins,
    analyzer: await initCommandAnalyzer(),
    clock: () => clock.now,
  });
  return { gate, clock, counters, pins, db };
}

/** A call to ssh-mcp's `run-command` with this command text. */
export function runCommand(command: string, extra: JsonObject = {}) {
  return {
    sessionId: 's1',
    serverName: 'lab',
    serverInfoName: 'SSH MCP Server',
    tool: 'run-command',
    arguments: { command, ...extra },
  };
}

/** An orchestrator `ssh_run_async` call in a session. */
export function orchestratorRun(sessionId: string, callId: string) {
  return {
    sessionId,
    callId,
    serverName: 'orch',
    serverInfoName: 'mcp-ssh-orchestrator',
    tool: 'ssh_run_async',
    arguments: { alias: 'web1', command: 'uptime' },
  };
}
