import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../shared/policy/evaluate';
import type { CallFields } from '../../shared/policy/fields';
import { globMatch } from '../../shared/policy/glob';
import { formatIssue, parsePolicyText } from '../../shared/policy/parse';
import { policyJsonSchema } from '../../shared/policy/schema';
import { compiled } from './helpers';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 30);

function fields(tool: string, extra: Partial<CallFields['ssh']> = {}, server = 'srv'): CallFields {
  return {
    server,
    tool,
    adapter: null,
    identifiedBy: 'none',
    ssh: { risk: 'unknown', programs: [], flags: [], ...extra },
  };
}

function decide(
  doc: Record<string, unknown>,
  tool: string,
  args: Record<string, never> | Record<string, unknown> = {},
  extra = {},
  usage = () => 0,
) {
  return evaluatePolicy(
    compiled(doc),
    { sessionId: 's', arguments: args as never, fields: fields(tool, extra) },
    usage,
    NOW,
  );
}

const base = { version: 'airlock/1' };

describe('precedence', () => {
  const doc = {
    ...base,
    default: 'allow',
    rules: [
      { id: 'allow-x', tool: 'x', action: 'allow' },
      {
        id: 'ask-x',
        tool: 'x',
        action: 'require_approval',
        when: [{ op: 'eq', field: 'args.mode', value: 'ask' }],
      },
      {
        id: 'deny-x',
        tool: '*',
        action: 'deny',
        reason: 'no force',
        when: [{ op: 'eq', field: 'args.force', value: true }],
      },
    ],
  };

  it('deny beats require_approval beats allow, regardless of order', () => {
    expect(decide(doc, 'x', { mode: 'ask', force: true })).toMatchObject({
      action: 'deny',
      rule: 'deny-x',
      reason: 'no force',
    });
    expect(decide(doc, 'x', { mode: 'ask' })).toMatchObject({
      action: 'require_approval',
      rule: 'ask-x',
    });
    expect(decide(doc, 'x', {})).toMatchObject({ action: 'allow', rule: 'allow-x' });
  });

  it('expiry: a rule or tool entry wins, then approval.expiresInMs, else none (the setting applies)', () => {
    const d = {
      ...base,
      tools: [{ tool: 't', default: 'require_approval', expiresInMs: 7000 }],
      rules: [
        { id: 'quick', tool: 'q', action: 'require_approval', expiresInMs: 2000 },
        { id: 'plain', tool: 'p', action: 'require_approval' },
      ],
    };
    expect(decide(d, 'p', {})).not.toHaveProperty('expiresInMs');
    expect(decide(d, 'q', {})).toMatchObject({ expiresInMs: 2000 });
    expect(decide(d, 't', {})).toMatchObject({ expiresInMs: 7000 });
    const wide = { ...d, approval: { expiresInMs: 60_000 } };
    expect(decide(wide, 'p', {})).toMatchObject({ expiresInMs: 60_000 });
    expect(decide(wide, 'q', {})).toMatchObject({ expiresInMs: 2000 });
  });

  it('the default is deny when omitted, and applies only where no rule matches', () => {
    const d = { ...base, rules: [{ id: 'ok', tool: 'a', action: 'allow' }] };
    expect(decide(d, 'a')).toMatchObject({ action: 'allow', rule: 'ok' });
    expect(decide(d, 'b')).toMatchObject({ action: 'deny', rule: 'default' });
  });

  it('a tool default applies before the policy default, and hidden tools are denied', () => {
    const d = {
      ...base,
      tools: [
        { tool: 'ssh_*', default: 'require_approval' },
        { tool: 'secret', hidden: true },
      ],
    };
    expect(decide(d, 'ssh_run')).toMatchObject({ action: 'require_approval', rule: 'tool:*/ssh_*' });
    expect(decide(d, 'secret')).toMatchObject({
      action: 'deny',
      reason: 'Tool "secret" is hidden by policy',
    });
    expect(decide(d, 'other')).toMatchObject({ action: 'deny', rule: 'default' });
  });

  it('guards cap allow at require_approval but never soften a deny', () => {
    const d = {
      ...base,
      default: 'allow',
      rules: [
        { id: 'no-rm', action: 'deny', when: [{ op: 'contains', field: 'ssh.programs', value: 'rm' }] },
      ],
    };
    expect(decide(d, 't', {}, { flags: ['shell_c'] })).toMatchObject({
      action: 'require_approval',
      rule: 'guard:shell_c',
    });
    expect(decide(d, 't', {}, { flags: ['shell_c'], programs: ['rm'] })).toMatchObject({
      action: 'deny',
      rule: 'no-rm',
    });
    expect(decide(d, 't', {}, { flags: ['redirect_write'] })).toMatchObject({ action: 'allow' });
  });

  it('a policy that failed closed denies everything', () => {
    const result = evaluatePolicy(
      { ...compiled(base), failClosed: 'no policy' },
      { sessionId: 's', arguments: {}, fields: fields('x') },
      () => 0,
      NOW,
    );
    expect(result).toMatchObject({ action: 'deny', rule: 'fail-closed', reason: 'no policy' });
  });
});

describe('conditions', () => {
  const rule = (when: unknown[]) => ({ ...base, rules: [{ id: 'r', action: 'allow', when }] });
  const cases: [unknown, Record<string, unknown>, boolean][] = [
    [{ op: 'eq', field: 'args.a.b', value: 1 }, { a: { b: 1 } }, true],
    [{ op: 'neq', field: 'args.a', value: 1 }, {}, true],
    [{ op: 'in', field: 'args.env', value: ['dev', 'staging'] }, { env: 'prod' }, false],
    [{ op: 'not_in', field: 'args.env', value: ['prod'] }, { env: 'dev' }, true],
    [{ op: 'glob', field: 'args.path', value: ['/tmp/*', '/var/tmp/*'] }, { path: '/var/tmp/x/y' }, true],
    [{ op: 'regex', field: 'args.branch', value: '^feat/' }, { branch: 'main' }, false],
    [{ op: 'range', field: 'args.n', min: 1, max: 10 }, { n: 10 }, true],
    [{ op: 'lt', field: 'args.n', value: 5 }, { n: '3' }, false],
    [{ op: 'contains', field: 'args.tags', value: 'x' }, { tags: ['y', 'x'] }, true],
    [{ op: 'exists', field: 'args.x', value: false }, {}, true],
    [
      {
        op: 'any',
        of: [
          { op: 'eq', field: 'args.a', value: 1 },
          { op: 'eq', field: 'args.a', value: 2 },
        ],
      },
      { a: 2 },
      true,
    ],
    [{ op: 'not', condition: { op: 'exists', field: 'args.a' } }, { a: null }, false],
  ];
  it.each(cases.map((c, i) => [i, ...c] as const))('case %i', (_i, cond, args, allowed) => {
    expect(decide(rule([cond]), 't', args).action).toBe(allowed ? 'allow' : 'deny');
  });

  it('globs are anchored, support classes and escapes', () => {
    expect(globMatch('ssh_*', 'ssh_run')).toBe(true);
    expect(globMatch('ssh_*', 'xssh_run')).toBe(false);
    expect(globMatch('[!a]?', 'bc')).toBe(true);
    expect(globMatch('a\\*', 'a*')).toBe(true);
    expect(globMatch('a\\*', 'ab')).toBe(false);
  });
});

describe('limits', () => {
  const doc = {
    ...base,
    tools: [
      { tool: 'x', default: 'allow', limits: [{ counter: 'c', window: 'minute', max: 2, scope: 'server' }] },
    ],
  };
  it('charges per UTC window and denies when the counter is full', () => {
    const first = decide(doc, 'x');
    expect(first.charges).toEqual([
      expect.objectContaining({
        key: `c|server:srv|minute|${Date.UTC(2026, 0, 1, 12, 0)}`,
        max: 2,
        windowEnd: Date.UTC(2026, 0, 1, 12, 1),
      }),
    ]);
    const full = decide(doc, 'x', {}, {}, () => 2);
    expect(full).toMatchObject({ action: 'deny', rule: 'limit:c' });
    expect(full.reason).toContain('at most 2 per minute');
  });
});

describe('schema', () => {
  it('reports errors with JSON path and line', () => {
    const text =
      '{\n  "version": "airlock/1",\n  "rules": [\n    { "id": "x", "action": "allow", "when": [{ "op": "regex", "field": "args.a", "value": "(" }] }\n  ]\n}';
    const result = parsePolicyText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatIssue)).toEqual([
      expect.stringMatching(/^4:\d+ \$\.rules\[0\]\.when\[0\]\.value: Invalid regular expression$/),
    ]);
  });

  it('reports JSON syntax errors with position, and duplicate rule ids', () => {
    const syntax = parsePolicyText('{\n "version": "airlock/1",\n}');
    expect(!syntax.ok && syntax.errors[0]).toMatchObject({ line: 3 });
    const dup = parsePolicyText(
      JSON.stringify({
        ...base,
        rules: [
          { id: 'a', action: 'allow' },
          { id: 'a', action: 'deny' },
        ],
      }),
    );
    expect(!dup.ok && dup.errors[0]?.message).toContain('Duplicate rule id "a"');
  });

  it('exports a JSON Schema for editors', () => {
    const schema = policyJsonSchema();
    expect(schema).toMatchObject({ type: 'object', required: ['version'] });
    expect(JSON.stringify(schema)).toContain('require_approval');
  });
});
