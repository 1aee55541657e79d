import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPolicyCommand } from '../../electron/policy/cli';

const dir = mkdtempSync(join(tmpdir(), 'airlock-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPolicyCommand(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

writeFileSync(
  join(dir, 'pl.json'),
  '{"version":"1","default":"deny","tools":{"ssh_run_async":{"limits":[{"counter":"ssh_run_async_rate","window":"minute","max":10,"scope":"grant"}]}}}',
);
writeFileSync(
  join(dir, 'bad.json'),
  '{\n  "version": "airlock/1",\n  "rules": [\n    { "id": "r", "action": "sometimes" }\n  ]\n}\n',
);

writeFileSync(
  join(dir, 'typo.json'),
  '{\n  "version": "airlock/1",\n  "rules": [\n    { "id": "r", "tools": "exec", "action": "sometimes" },\n    { "id": "r", "action": "deny" }\n  ]\n}\n',
);

describe('airlock policy CLI', () => {
  it('check: valid and invalid files, errors with line and JSON path', async () => {
    const ok = await run('policy', 'check', 'pl.json');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('valid PolicyLayer policy');
    const bad = await run('check', 'bad.json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.json:4:\d+ \$\.rules\[0\]\.action: Invalid option/m);
    expect((await run('check')).code).toBe(2);
  });

  it('check: hints at the key meant, and reports duplicate ids together with schema errors', async () => {
    const typo = await run('check', 'typo.json');
    expect(typo.code).toBe(1);
    expect(typo.stderr.split('\n')).toEqual([
      'typo.json:4:18 $.rules[0].tools: Unknown key "tools" — did you mean "tool"?',
      expect.stringMatching(/^typo\.json:4:\d+ \$\.rules\[0\]\.action: Invalid option/),
      'typo.json:5:7 $.rules[1].id: Duplicate rule id "r" (first used by rules[0])',
      'typo.json: invalid policy (3 errors)',
      '',
    ]);
  });

  it('test: prints the decision as JSON', async () => {
    const args = JSON.stringify({ alias: 'web1', command: 'uptime' });
    const out = await run(
      'test',
      '--policy',
      'pl.json',
      '--server',
      'orch',
      '--server-info',
      'mcp-ssh-orchestrator',
      '--tool',
      'ssh_run_async',
      '--args',
      args,
    );
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      action: 'allow',
      rule: 'pl.tool.ssh_run_async',
      fields: { adapter: 'mcp-ssh-orchestrator', ssh: { risk: 'exec', command: 'uptime' } },
    });
    const denied = await run(
      'test',
      '--policy',
      'pl.json',
      '--server',
      'orch',
      '--tool',
      'ssh_run',
      '--args',
      args,
    );
    expect(JSON.parse(denied.stdout)).toMatchObject({ action: 'deny', rule: 'default' });
  });

  it('import-policylayer: prints the native policy, which checks clean', async () => {
    const out = await run('import-policylayer', 'pl.json');
    expect(out.code).toBe(0);
    writeFileSync(join(dir, 'native.json'), out.stdout);
    const native = await run('check', 'native.json');
    expect(native.code).toBe(0);
    expect(native.stdout).toContain('valid Airlock policy');
  });
});
