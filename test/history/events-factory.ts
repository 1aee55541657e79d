/** Builders for realistic core event sequences, shared by the history tests and the benchmark. */
import type { CoreEvent } from '../../shared/events';
import type { CallFields } from '../../shared/policy/fields';

/** The `fields` of `call.decided` as the policy gate records them: host, user, command and risk under `ssh`. */
export function gateFields(command: string, host = 'web-1', user = 'deploy'): CallFields {
  const fields: CallFields = {
    server: 'prod-ssh',
    tool: 'exec',
    adapter: 'ssh-mcp',
    identifiedBy: 'server-info',
    ssh: {
      risk: 'exec',
      host,
      hostAlias: host,
      hostResolved: false,
      user,
      command,
      programs: command.split(/\s+/).slice(0, 1),
      flags: [],
    },
  };
  return fields;
}

/** Options for one simulated call. */
export interface CallScript {
  readonly sessionId: string;
  readonly callId: string;
  readonly at: number;
  readonly command: string;
  readonly host?: string;
  readonly action?: 'allow' | 'deny' | 'require_approval';
  readonly output?: string;
  readonly edit?: string;
}

/** The opening events of a session. */
export function sessionStart(
  sessionId: string,
  at: number,
  serverName = 'prod-ssh',
  client = 'claude-code',
): CoreEvent[] {
  return [
    {
      type: 'session.opened',
      at,
      sessionId,
      target: { kind: 'profile', name: serverName },
      serverName,
      upstream: {
        transport: 'stdio',
        command: 'npx',
        args: ['ssh-mcp', '--host=10.0.0.5'],
        envKeys: ['SSH_KEY'],
      },
    },
    {
      type: 'session.initialized',
      at: at + 1,
      sessionId,
      client: { name: client, version: '1.2.3' },
      server: { name: 'ssh-mcp', version: '2.11.0', title: 'SSH MCP' },
      protocolVersion: '2025-06-18',
      clientCapabilities: { roots: {} },
      serverCapabilities: { tools: { listChanged: true } },
    },
    {
      type: 'tools.listed',
      at: at + 2,
      sessionId,
      tools: [{ name: 'exec', description: 'Run a command', inputSchema: { type: 'object' } }],
    },
  ];
}

/** The full lifecycle of one call, following the decision path the script asks for. */
export function callLifecycle(s: CallScript): CoreEvent[] {
  const action = s.action ?? 'allow';
  const base = { sessionId: s.sessionId, callId: s.callId };
  const args = { command: s.command };
  const events: CoreEvent[] = [
    { type: 'call.received', at: s.at, ...base, tool: 'exec', arguments: args },
    {
      type: 'call.decided',
      at: s.at + 1,
      ...base,
      decision: { action, rule: `rule-${action}`, reason: `policy says ${action}` },
      fields: gateFields(s.command, s.host ?? 'web-1'),
    },
  ];
  if (action === 'deny') {
    events.push({
      type: 'call.completed',
      at: s.at + 2,
      ...base,
      outcome: { kind: 'denied', reason: 'policy says deny' },
      durationMs: 2,
    });
    return events;
  }
  let forwarded = args;
  if (action === 'require_approval') {
    if (s.edit !== undefined) {
      forwarded = { command: s.edit };
      events.push({
        type: 'call.approval',
        at: s.at + 50,
        ...base,
        outcome: { kind: 'edited-and-approved', by: 'operator', original: args },
        waitedMs: 49,
      });
    } else {
      events.push({
        type: 'call.approval',
        at: s.at + 50,
        ...base,
        outcome: { kind: 'approved', by: 'operator', scope: 'once' },
        waitedMs: 49,
      });
    }
  }
  const output = s.output ?? `ran ${s.command}`;
  events.push(
    { type: 'call.forwarded', at: s.at + 60, ...base, arguments: forwarded, edited: s.edit !== undefined },
    {
      type: 'call.completed',
      at: s.at + 80,
      ...base,
      outcome: { kind: 'result', isError: false, text: output, bytes: Buffer.byteLength(output) },
      durationMs: 80,
    },
  );
  return events;
}

/** The closing event of a session. */
export function sessionEnd(sessionId: string, at: number): CoreEvent {
  return { type: 'session.closed', at, sessionId, end: { kind: 'client-closed' } };
}
