import { describe, expect, it } from 'vitest';
import { importPolicyLayer } from '../../shared/policy/policylayer';
import { orchestratorRun, testGate } from './helpers';

const example = {
  version: '1',
  default: 'deny',
  tools: {
    ssh_run_async: { limits: [{ counter: 'ssh_run_async_rate', window: 'minute', max: 10, scope: 'grant' }] },
  },
};

describe('PolicyLayer compatibility', () => {
  it('loads the documented example: the tool is allowed but capped per session, everything else denied', async () => {
    const { gate, clock } = await testGate(example);
    for (let i = 0; i < 10; i++) {
      const d = gate.decide(orchestratorRun('s1', `call-${i}`));
      expect(d.action).toBe('allow');
      gate.onResult(d.callId, true);
    }
    expect(gate.decide(orchestratorRun('s1', 'call-10'))).toMatchObject({
      action: 'deny',
      rule: 'limit:ssh_run_async_rate',
    });
    // grant = one client session: another session has its own quota.
    expect(gate.decide(orchestratorRun('s2', 'other')).action).toBe('allow');
    // A failed call gives its quota back.
    clock.now += 60_000;
    const failed = gate.decide(orchestratorRun('s1', 'f1'));
    gate.onResult(failed.callId, false);
    for (let i = 0; i < 10; i++) expect(gate.decide(orchestratorRun('s1', `n${i}`)).action).toBe('allow');
    expect(gate.decide({ ...orchestratorRun('s1', 'x'), tool: 'ssh_run' })).toMatchObject({
      action: 'deny',
      rule: 'default',
    });
  });

  it('imports Intercept rules: deny, evaluate conditions, rate_limit, hide, and the allow default', () => {
    const result = importPolicyLayer({
      version: '1',
      hide: ['drop_db'],
      tools: {
        create_charge: {
          rules: [
            {
              name: 'max charge',
              conditions: [{ path: 'args.amount', op: 'lte', value: 500 }],
              on_deny: 'too much',
            },
            {
              name: 'daily',
              conditions: [{ path: 'state.create_charge.daily', op: 'lte', value: 3 }],
              state: { counter: 'daily', window: 'day' },
            },
          ],
        },
        delete_customer: { rules: [{ name: 'block', action: 'deny', on_deny: 'never' }] },
        '*': { rules: [{ name: 'global', rate_limit: '60/minute' }] },
      },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings[0]).toContain('means allow');
    expect(result.policy).toMatchObject({
      default: 'allow',
      tools: [
        { tool: 'drop_db', hidden: true },
        {
          tool: 'create_charge',
          default: 'allow',
          limits: [{ counter: 'create_charge.daily', window: 'day', max: 3, scope: 'server' }],
        },
        { tool: 'delete_customer', default: 'allow' },
        { tool: '*', limits: [{ counter: '_global._rate_minute', max: 60 }] },
      ],
      rules: [
        {
          tool: 'create_charge',
          action: 'deny',
          reason: 'too much',
          when: [
            { op: 'not', condition: { op: 'all', of: [{ op: 'lte', field: 'args.amount', value: 500 }] } },
          ],
        },
        { tool: 'delete_customer', action: 'deny', reason: 'never' },
      ],
    });
  });

  it('refuses what it cannot reproduce, with the path', () => {
    const result = importPolicyLayer({
      version: '1',
      tools: {
        t: {
          rules: [
            {
              name: 'spend',
              conditions: [{ path: 'state.t.s', op: 'lt', value: 9 }],
              state: { counter: 's', window: 'day', increment_from: 'args.amount' },
            },
          ],
        },
      },
    });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: ['tools', 't', 'rules', 0, 'conditions', 0] }],
    });
  });
});
