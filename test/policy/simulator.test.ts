/**
 * The console's "test a call" for a server it has not seen live: identified from the saved profile's
 * launch (host from its flags), or guessed from the tool name with a warning in the result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { policyPort } from '../../electron/console/adapters/policy-adapter';
import { initCommandAnalyzer } from '../../electron/policy/command/analyzer';
import { createCounterStore } from '../../electron/policy/counter-store';
import { createPolicyGate } from '../../electron/policy/gate';
import { createLaunchProbe } from '../../electron/policy/launch-probe';
import { createPinStore } from '../../electron/policy/pin-store';
import { openPolicyDatabase } from '../../electron/policy/policy-db';
import { openPolicyStore } from '../../electron/policy/policy-store';
import { openProfileStore } from '../../electron/profiles/profile-store';

const dir = mkdtempSync(join(tmpdir(), 'airlock-simulator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('console simulator', () => {
  it('uses the saved profile of a server not seen live, and warns when it can only guess', async () => {
    const db = openPolicyDatabase(':memory:');
    const store = openPolicyStore({ dataDir: dir, db });
    const saved = store.save(
      JSON.stringify({
        version: 'airlock/1',
        default: 'allow',
        rules: [
          {
            id: 'no-db',
            action: 'deny',
            reason: 'db',
            when: [{ op: 'eq', field: 'ssh.host', value: 'db.internal' }],
          },
        ],
      }),
      { author: 'test', note: '' },
    );
    expect(saved.ok).toBe(true);
    const gate = createPolicyGate({
      store,
      counters: createCounterStore(db),
      pins: createPinStore(db),
      analyzer: await initCommandAnalyzer(),
      // A HOME without ssh-mcp's default config file.
      launchTargetCheck: createLaunchProbe({ exists: () => false }),
    });
    const profiles = openProfileStore(join(dir, 'data'));
    profiles.save({ name: 'db', command: 'ssh-mcp', args: ['--host=db.internal', '--user=ops'] });
    const port = policyPort(store, gate, dir, 'test', profiles);

    const fromProfile = await port.simulate({
      serverName: 'db',
      tool: 'run-command',
      arguments: { command: 'id' },
    });
    expect(fromProfile).toMatchObject({
      action: 'deny',
      rule: 'no-db',
      fields: { adapter: 'ssh-mcp', identifiedBy: 'launch', ssh: { host: 'db.internal', user: 'ops' } },
    });
    expect(fromProfile).not.toHaveProperty('warning');

    const guessed = await port.simulate({
      serverName: 'web',
      tool: 'run-command',
      arguments: { command: 'id' },
    });
    expect(guessed).toMatchObject({
      action: 'allow',
      fields: { identifiedBy: 'tool-name', adapter: 'ssh-mcp' },
    });
    expect(guessed.warning).toContain('no saved profile "web"');
    expect(guessed.warning).toContain('guess from the tool name "run-command"');

    const unknown = await port.simulate({ serverName: 'web', tool: 'frobnicate', arguments: {} });
    expect(unknown.warning).toContain('could not be identified');
    // A server seen live is judged as live: not an SSH server, no guess, no warning.
    gate.onToolsList('web', [{ name: 'run-command' }, { name: 'echo' }]);
    const live = await port.simulate({
      serverName: 'web',
      tool: 'run-command',
      arguments: { command: 'id' },
    });
    expect(live).toMatchObject({ fields: { identifiedBy: 'none', adapter: null } });
    expect(live).not.toHaveProperty('warning');
    // Nothing the simulations registered stays behind for live sessions.
    expect(
      gate.decide({ sessionId: 'live', serverName: 'db', tool: 'run-command', arguments: {} }).fields.adapter,
    ).toBeNull();
    store.close();
    db.close();
  });
});
