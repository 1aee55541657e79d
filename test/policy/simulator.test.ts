/**
 * The console's "test a call" for a server it has not seen live: identified from the saved profile's
 * launch (host from its flags), or guessed from the tool name with a warning in the result.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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

  it('decides the same call with an unsaved draft beside the saved policy, with one evaluator', async () => {
    const db = openPolicyDatabase(':memory:');
    const draftDir = join(dir, 'draft');
    mkdirSync(draftDir);
    const store = openPolicyStore({ dataDir: draftDir, db });
    const policy = {
      version: 'airlock/1',
      default: 'require_approval',
      rules: [
        {
          id: 'no-rm',
          action: 'deny',
          when: [{ op: 'command', quantifier: 'some', match: { program: ['rm'] } }],
        },
      ],
    };
    expect(store.save(JSON.stringify(policy), { author: 'test', note: '' }).ok).toBe(true);
    const gate = createPolicyGate({
      store,
      counters: createCounterStore(db),
      pins: createPinStore(db),
      analyzer: await initCommandAnalyzer(),
    });
    const port = policyPort(store, gate, dir, 'test', openProfileStore(join(dir, 'data')));
    const draft = {
      ...policy,
      rules: [
        ...policy.rules,
        {
          id: 'allow-uptime',
          action: 'allow',
          when: [{ op: 'command', quantifier: 'every', match: { program: ['uptime'] } }],
        },
      ],
    };
    const call = { serverName: 'prod', tool: 'exec', arguments: { command: 'uptime' } };
    const both = await port.simulate({ ...call, draft });
    expect(both).toMatchObject({ action: 'require_approval', rule: 'default' });
    expect(both.draft).toEqual({
      state: 'decided',
      action: 'allow',
      rule: 'allow-uptime',
      reason: 'Matched rule allow-uptime',
    });
    // A deny in both: the draft keeps the saved rule.
    const rm = await port.simulate({ ...call, arguments: { command: 'uptime; rm -rf /tmp/x' }, draft });
    expect([rm.action, rm.draft]).toMatchObject([
      'deny',
      { state: 'decided', action: 'deny', rule: 'no-rm' },
    ]);
    // Without a draft nothing extra is reported; an invalid draft says why.
    expect(await port.simulate(call)).not.toHaveProperty('draft');
    const invalid = await port.simulate({
      ...call,
      draft: { version: 'airlock/1', rules: [{ id: 'x', tools: 'a' }] },
    });
    expect(invalid.draft).toMatchObject({ state: 'invalid' });
    expect(invalid.draft?.state === 'invalid' && invalid.draft.message).toContain('did you mean "tool"?');
    store.close();
    db.close();
  });
});
