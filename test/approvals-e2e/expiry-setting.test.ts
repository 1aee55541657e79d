/**
 * The "held calls expire after" setting is the one expiry the operator sets, and it holds: a real core in
 * this process, the real SDK client launching `airlock mcp` over stdio, the probe upstream. A held call
 * under the default policy waits as long as the setting says (changed while running); a policy that times
 * calls itself wins only where it says so; an out-of-range value is refused in words, through the console's
 * own request handling.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { airlockConsoleServices } from '../../electron/console/adapters/airlock-services';
import { dispatcher, consoleHandlerMap } from '../../electron/console/create-console-handlers';
import { probeFixture } from '../support/airlock-harness';
import {
  Cleanups,
  connectAgent,
  startTestAirlock,
  waitForPending,
  type TestAirlock,
} from '../support/in-process-airlock';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function heldFor(airlock: TestAirlock, message: string): Promise<number> {
  const agent = cleanups.add(
    await connectAgent(airlock.bridge('probe', { command: process.execPath, args: [probeFixture] })),
    (a) => a.close(),
  );
  const call = agent.client.callTool({ name: 'echo', arguments: { message } }).catch(() => undefined);
  const item = await waitForPending(airlock.airlock.broker, message);
  const waits = item.expiresAt - item.createdAt;
  airlock.airlock.broker.decide({
    id: item.id,
    digest: item.digest,
    decision: { kind: 'deny', reason: 'test done' },
  });
  await call;
  return waits;
}

describe('held-call expiry comes from the setting unless the policy times the call', () => {
  it('the default policy: a held call waits as long as the setting says, changed while running', async () => {
    const airlock = cleanups.add(await startTestAirlock(), (a) => a.stop());
    expect(await heldFor(airlock, 'first')).toBe(300_000);
    airlock.airlock.settings.update({ expirySeconds: 900 });
    expect(await heldFor(airlock, 'second')).toBe(900_000);
  });

  it('approval.expiresInMs and a rule expiry win over the setting, each only where it applies', async () => {
    const policy = {
      version: 'airlock/1',
      default: 'require_approval',
      approval: { expiresInMs: 120_000 },
      rules: [
        {
          id: 'quick',
          tool: 'echo',
          action: 'require_approval',
          expiresInMs: 5000,
          when: [{ op: 'eq', field: 'args.message', value: 'quick' }],
        },
      ],
    };
    const airlock = cleanups.add(await startTestAirlock(policy), (a) => a.stop());
    airlock.airlock.settings.update({ expirySeconds: 900 });
    expect(await heldFor(airlock, 'quick')).toBe(5000);
    expect(await heldFor(airlock, 'slow')).toBe(120_000);
  });

  it('an out-of-range value is refused with a sentence, and nothing is saved', async () => {
    const airlock = cleanups.add(await startTestAirlock(), (a) => a.stop());
    const { core, broker, policy, gate, history, settings } = airlock.airlock;
    const handlers = dispatcher(
      consoleHandlerMap(airlockConsoleServices({ core, broker, policy, gate, history, settings })),
    );
    const refused = await handlers.invoke('settings:update', { patch: { expirySeconds: 5 } });
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Held calls expire after: 5 is out of range; enter a value between 10 and 86400 seconds\.$/,
      ) as unknown,
    });
    const fraction = await handlers.invoke('settings:update', { patch: { retentionDays: 1.5 } });
    expect(JSON.stringify(fraction)).toContain('Keep history for: enter a whole number of days.');
    expect(settings.get()).toMatchObject({ expirySeconds: 300, retentionDays: 90 });
    expect(() => settings.update({ expirySeconds: 0 })).toThrow(/Held calls expire after: 0 is out of range/);
    const saved = await handlers.invoke('settings:update', { patch: { expirySeconds: 45 } });
    expect(saved).toMatchObject({ ok: true });
    expect(settings.get().expirySeconds).toBe(45);
  });
});
