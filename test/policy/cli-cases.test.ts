/**
 * `airlock policy test` identifying the server without --server-info (saved profile, --launch, tool
 * name) and saying how; `--cases` for CI; `airlock policy default`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/policy/default-policy';
import { parsePolicyText } from '../../shared/policy/parse';
import { runPolicyCommand } from '../../electron/policy/cli';
import { openProfileStore } from '../../electron/profiles/profile-store';

const dir = mkdtempSync(join(tmpdir(), 'airlock-cli-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'data');
const home = join(dir, 'home');
mkdirSync(home);
/** A HOME without ssh-mcp's default config, so the quick-start flags hold. */
const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config') };

async function runIn(environment: Record<string, string>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPolicyCommand(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
    env: environment,
  });
  return { code, stdout, stderr };
}
const run = (...argv: string[]) => runIn(env, argv);

/** Holds everything except: denies rm -rf /, and anything aimed at the database host. */
writeFileSync(
  join(dir, 'policy.json'),
  JSON.stringify({
    version: 'airlock/1',
    default: 'require_approval',
    rules: [
      {
        id: 'no-rm-root',
        action: 'deny',
        reason: 'never',
        when: [{ op: 'command', quantifier: 'some', match: { program: ['rm'], argvRegex: '^/+$' } }],
      },
      {
        id: 'no-db',
        action: 'deny',
        reason: 'db host',
        when: [{ op: 'eq', field: 'ssh.host', value: '10.9.9.9' }],
      },
      { id: 'ro', risk: ['read-only'], action: 'allow' },
    ],
  }),
);
openProfileStore(dataDir).save({
  name: 'db',
  command: 'npx',
  args: ['-y', 'ssh-mcp', '--host=10.9.9.9', '--user=deploy', '--key=/k'],
});

const rmRoot = JSON.stringify({ command: 'rm -rf /' });
const test = (...extra: string[]) => run('test', '--policy', 'policy.json', '--data-dir', dataDir, ...extra);

describe('policy test: identification without --server-info', () => {
  it('from the saved profile: adapter and host from its launch, said on stderr and in the JSON', async () => {
    const out = await test('--server', 'db', '--tool', 'run-command', '--args', '{"command":"uptime"}');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      action: 'deny',
      rule: 'no-db',
      identification: { adapter: 'ssh-mcp', by: 'launch' },
      fields: {
        adapter: 'ssh-mcp',
        identifiedBy: 'launch',
        ssh: { host: '10.9.9.9', user: 'deploy', hostResolved: true },
      },
    });
    expect(json.identification).not.toHaveProperty('warning');
    expect(out.stderr).toContain(
      'identified from the launch command of the saved profile "db" (npx ssh-mcp)',
    );
    expect(out.stderr).toContain('deploy@10.9.9.9:22');
    expect(out.stderr).not.toContain('warning');
  });

  it('with ssh-mcp default config present, the flags are not used, and it says so', async () => {
    const other = join(dir, 'home2');
    mkdirSync(join(other, '.config', 'ssh-mcp'), { recursive: true });
    writeFileSync(join(other, '.config', 'ssh-mcp', 'config.toml'), '');
    const out = await runIn({ HOME: other }, [
      'test',
      '--policy',
      'policy.json',
      '--data-dir',
      dataDir,
      '--server',
      'db',
      '--tool',
      'run-command',
      '--args',
      '{"command":"uptime"}',
    ]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { fields: { ssh: object } };
    expect(json).toMatchObject({ action: 'require_approval', fields: { identifiedBy: 'launch' } });
    expect(json.fields.ssh).not.toHaveProperty('host');
    expect(out.stderr).toContain('not used: ssh-mcp reads its default config file');
  });

  it('from --launch or the command after --', async () => {
    const viaOption = await test(
      '--server',
      'x',
      '--tool',
      'run-command',
      '--args',
      rmRoot,
      '--launch',
      'ssh-mcp --host=h --user=u',
    );
    expect(JSON.parse(viaOption.stdout)).toMatchObject({
      action: 'deny',
      rule: 'no-rm-root',
      identification: { by: 'launch' },
      fields: { ssh: { host: 'h', user: 'u' } },
    });
    expect(viaOption.stderr).toContain('of --launch (ssh-mcp)');
    const viaDash = await test(
      '--server',
      'x',
      '--tool',
      'run-command',
      '--args',
      rmRoot,
      '--',
      'node',
      '/n/node_modules/ssh-mcp/build/index.js',
    );
    expect(JSON.parse(viaDash.stdout)).toMatchObject({
      rule: 'no-rm-root',
      identification: { by: 'launch', adapter: 'ssh-mcp' },
    });
    expect((await test('--server', 'x', '--tool', 't', '--launch', "a 'b")).code).toBe(2);
    expect((await test('--server', 'x', '--tool', 't', '--launch', 'a', '--', 'b')).code).toBe(2);
  });

  it('falls back to the tool name with a warning, or warns that nothing identified the server', async () => {
    const guessed = await test('--server', 'unsaved', '--tool', 'run-command', '--args', rmRoot);
    expect(guessed.code).toBe(0);
    const json = JSON.parse(guessed.stdout) as { identification: { warning?: string } };
    expect(json).toMatchObject({
      action: 'deny',
      rule: 'no-rm-root',
      identification: { adapter: 'ssh-mcp', by: 'tool-name' },
    });
    expect(json.identification.warning).toContain('guess from the tool name "run-command"');
    expect(guessed.stderr).toMatch(
      /^airlock policy test: warning: unsaved was not identified \(no --server-info; no saved profile "unsaved"/,
    );

    const unknown = await test('--server', 'unsaved', '--tool', 'exec_cmd', '--args', rmRoot);
    expect(JSON.parse(unknown.stdout)).toMatchObject({
      action: 'require_approval',
      rule: 'default',
      identification: { adapter: null, by: 'none' },
      fields: { ssh: { risk: 'unknown' } },
    });
    expect(unknown.stderr).toContain('warning: unsaved could not be identified');
    expect(unknown.stderr).toContain('the result may differ from a live session');

    // --server-info still decides when given, without a warning.
    const named = await test(
      '--server',
      'unsaved',
      '--server-info',
      'SSH MCP Server',
      '--tool',
      'run-command',
      '--args',
      rmRoot,
    );
    expect(JSON.parse(named.stdout)).toMatchObject({ identification: { by: 'server-info' } });
    expect(named.stderr).not.toContain('warning');
  });
});

describe('policy test --cases', () => {
  const cases = (name: string, lines: string[]) => {
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
    return run('test', '--policy', 'policy.json', '--data-dir', dataDir, '--cases', name);
  };
  const good = [
    '# comments and blank lines are skipped',
    '',
    '// so is this',
    JSON.stringify({
      name: 'rm root',
      server: 'any',
      serverInfo: 'SSH MCP Server',
      tool: 'run-command',
      args: { command: 'rm -rf /' },
      expect: 'deny',
      rule: 'no-rm-root',
    }),
    JSON.stringify({
      server: 'db',
      tool: 'run-command',
      args: { command: 'uptime' },
      expect: 'deny',
      rule: 'no-db',
    }),
    JSON.stringify({
      server: 'ci',
      tool: 'run-command',
      args: { command: 'uptime' },
      launch: ['ssh-mcp', '--host=10.9.9.9', '--user=ci'],
      expect: 'deny',
    }),
    JSON.stringify({
      server: 'lab',
      serverInfo: 'SSH MCP Server',
      tool: 'list-connections',
      expect: 'allow',
    }),
  ];

  it('all pass: exit 0 and a summary', async () => {
    const out = await cases('good.jsonl', good);
    expect(out.stdout).toBe('4 passed, 0 failed\n');
    expect(out.code).toBe(0);
  });

  it('a mismatch: one line naming it, exit 1', async () => {
    const out = await cases('bad.jsonl', [
      ...good,
      JSON.stringify({
        name: 'uptime ok',
        server: 'lab',
        serverInfo: 'SSH MCP Server',
        tool: 'run-command',
        args: { command: 'uptime' },
        expect: 'allow',
      }),
      JSON.stringify({
        server: 'lab',
        serverInfo: 'SSH MCP Server',
        tool: 'run-command',
        args: { command: 'rm -rf /' },
        expect: 'deny',
        rule: 'other',
      }),
    ]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(
      'FAIL bad.jsonl:8 (uptime ok): expected allow, got require_approval by rule default',
    );
    expect(out.stdout).toContain(
      'FAIL bad.jsonl:9: expected deny by rule other, got deny by rule no-rm-root',
    );
    expect(out.stdout).toContain('4 passed, 2 failed\n');
  });

  it('an invalid line: its number and what is wrong, exit 2, nothing run', async () => {
    const out = await cases('invalid.jsonl', [
      good[3] ?? '',
      '{"server": "a", "tool": "t", "expect": "maybe"}',
      '{"server": "a", "tool": "t", "expect": "allow", "expects": "deny"}',
      '{not json',
      '[1]',
    ]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^invalid\.jsonl:2: expect: /m);
    expect(out.stderr).toMatch(/^invalid\.jsonl:3: .*expects/m);
    expect(out.stderr).toMatch(/^invalid\.jsonl:4: not JSON/m);
    expect(out.stderr).toMatch(/^invalid\.jsonl:5: a case must be a JSON object/m);
    expect((await cases('empty.jsonl', ['# nothing'])).code).toBe(2);
    expect((await run('test', '--policy', 'policy.json', '--cases', 'good.jsonl', '--tool', 'x')).code).toBe(
      2,
    );
  });
});

describe('policy default', () => {
  it('prints the first-start policy, which parses as a valid policy', async () => {
    const out = await run('policy', 'default');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`${JSON.stringify(DEFAULT_POLICY, null, 2)}\n`);
    const parsed = parsePolicyText(out.stdout);
    expect(parsed.ok).toBe(true);
    expect((await run('default', 'extra')).code).toBe(2);
  });
});
