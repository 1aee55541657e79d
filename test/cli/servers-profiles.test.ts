/**
 * `airlock servers add|edit|show|list|remove` through the built binary: an existing name is never
 * replaced unasked, edit changes only what it is given, and every profile option round-trips.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, runCli } from '../support/airlock-harness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A CLI bound to a fresh data folder. */
function cliInFreshFolder(): (args: string[]) => ReturnType<typeof runCli> {
  const dataDir = makeDataDir();
  dirs.push(dataDir);
  return (args) => runCli(args, { AIRLOCK_DATA_DIR: dataDir });
}

async function show(cli: ReturnType<typeof cliInFreshFolder>, name: string): Promise<unknown> {
  const result = await cli(['servers', 'show', name]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as unknown;
}

describe('servers add over an existing name', () => {
  it('refuses without --force, naming --force and servers edit, and replaces with it', async () => {
    const cli = cliInFreshFolder();
    expect((await cli(['servers', 'add', 'prod', '--env', 'A=1', '--', 'first-server'])).code).toBe(0);
    const refused = await cli(['servers', 'add', 'prod', '--', 'second-server']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^airlock servers add: a server named 'prod' already exists/);
    expect(refused.stderr).toContain('airlock servers edit prod');
    expect(refused.stderr).toContain('--force');
    expect(await show(cli, 'prod')).toMatchObject({ command: 'first-server', env: { A: '1' } });

    const forced = await cli(['servers', 'add', 'prod', '--force', '--', 'second-server']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Replaced server 'prod'/);
    expect(await show(cli, 'prod')).toEqual({
      name: 'prod',
      command: 'second-server',
      args: [],
      env: {},
      headers: {},
      elicitation: 'queue',
    });
  });
});

describe('servers edit', () => {
  it('changes one field and keeps every other', async () => {
    const cli = cliInFreshFolder();
    const add = [
      ...['servers', 'add', 'prod', '--description', 'the prod box', '--env', 'A=1', '--env', 'B=2'],
      ...[
        '--cwd',
        '/srv',
        '--elicitation',
        'client',
        '--answer-early',
        '25s',
        '--',
        'npx',
        'ssh-mcp',
        '--x=1',
      ],
    ];
    expect((await cli(add)).code).toBe(0);
    const before = await show(cli, 'prod');
    const edited = await cli(['servers', 'edit', 'prod', '--description', 'renamed box']);
    expect(edited.code).toBe(0);
    expect(edited.stdout).toBe("Updated server 'prod': description.\n");
    expect(await show(cli, 'prod')).toEqual({ ...(before as object), description: 'renamed box' });
  });

  it('is an error for a profile that does not exist, and when given nothing to change', async () => {
    const cli = cliInFreshFolder();
    const missing = await cli(['servers', 'edit', 'ghost', '--cwd', '/tmp']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^airlock servers edit: no server named 'ghost'/);
    expect((await cli(['servers', 'list', '--json'])).stdout).toBe('[]\n');
    expect((await cli(['servers', 'add', 'prod', '--', 'x'])).code).toBe(0);
    const nothing = await cli(['servers', 'edit', 'prod']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing to change/);
    const unset = await cli(['servers', 'edit', 'prod', '--unset-env', 'NOPE']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/--unset-env NOPE: the profile has no entry named NOPE/);
  });
});

// Many CLI processes in a row: on a loaded 2-core machine each start can take seconds.
describe('every profile option', { timeout: 90_000 }, () => {
  it('round-trips through add, edit, show and list --json', async () => {
    const cli = cliInFreshFolder();
    const added = await cli([
      ...['servers', 'add', 'box', '--description', 'a box', '--env', 'TOKEN=a=b', '--cwd', '/srv/box'],
      ...['--elicitation', 'client', '--answer-early', '1500ms', '--', 'node', 'server.js', '--port', '1'],
    ]);
    expect(added.code).toBe(0);
    const stdio = {
      name: 'box',
      description: 'a box',
      command: 'node',
      args: ['server.js', '--port', '1'],
      env: { TOKEN: 'a=b' },
      cwd: '/srv/box',
      headers: {},
      elicitation: 'client',
      answerEarly: { enabled: true, afterMs: 1500 },
    };
    expect(await show(cli, 'box')).toEqual(stdio);

    // Each option on its own, and the result is exactly the previous profile plus that change.
    const steps: readonly (readonly [string[], object])[] = [
      [['--answer-early', '2m'], { answerEarly: { enabled: true, afterMs: 120_000 } }],
      [['--answer-early', 'off'], { answerEarly: { enabled: false, afterMs: 120_000 } }],
      [['--answer-early', '30'], { answerEarly: { enabled: true, afterMs: 30_000 } }],
      [['--elicitation', 'queue'], { elicitation: 'queue' }],
      [['--env', 'EXTRA=1'], { env: { TOKEN: 'a=b', EXTRA: '1' } }],
      [['--unset-env', 'TOKEN'], { env: { EXTRA: '1' } }],
      [['--cwd', '/srv/other'], { cwd: '/srv/other' }],
      [['--', 'python3', '-m', 'box'], { command: 'python3', args: ['-m', 'box'] }],
    ];
    let expected: Record<string, unknown> = stdio;
    for (const [flags, change] of steps) {
      const result = await cli(['servers', 'edit', 'box', ...flags]);
      expect(result.code, result.stderr).toBe(0);
      expected = { ...expected, ...change };
      expect(await show(cli, 'box')).toEqual(expected);
    }
    expect((await cli(['servers', 'edit', 'box', '--cwd', '', '--description', ''])).code).toBe(0);
    const { cwd: _cwd, description: _description, ...cleared } = expected;
    expect(await show(cli, 'box')).toEqual(cleared);

    // Switching to HTTP drops the stdio-only settings and says so; headers then apply.
    const http = await cli([
      ...['servers', 'edit', 'box', '--url', 'https://mcp.example/mcp'],
      ...['--header', 'Authorization=Bearer t', '--header', 'X-Team=ops'],
    ]);
    expect(http.code, http.stderr).toBe(0);
    expect(http.stdout).toMatch(/command, env and cwd removed/);
    const httpProfile = {
      name: 'box',
      args: [],
      env: {},
      url: 'https://mcp.example/mcp',
      headers: { Authorization: 'Bearer t', 'X-Team': 'ops' },
      elicitation: 'queue',
      answerEarly: { enabled: true, afterMs: 30_000 },
    };
    expect(await show(cli, 'box')).toEqual(httpProfile);
    expect((await cli(['servers', 'edit', 'box', '--unset-header', 'X-Team'])).code).toBe(0);
    const withoutTeam = { ...httpProfile, headers: { Authorization: 'Bearer t' } };
    expect(await show(cli, 'box')).toEqual(withoutTeam);

    const added2 = await cli([
      ...['servers', 'add', 'web', '--url', 'http://127.0.0.1:9/mcp', '--header', 'A=1'],
      ...['--elicitation', 'client', '--answer-early', '10s', '--description', 'http one'],
    ]);
    expect(added2.code, added2.stderr).toBe(0);
    const listed = await cli(['servers', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      withoutTeam,
      {
        name: 'web',
        description: 'http one',
        args: [],
        env: {},
        url: 'http://127.0.0.1:9/mcp',
        headers: { A: '1' },
        elicitation: 'client',
        answerEarly: { enabled: true, afterMs: 10_000 },
      },
    ]);
  });
});

describe('servers remove', () => {
  it('removes a saved profile, and a missing name is an error', async () => {
    const cli = cliInFreshFolder();
    expect((await cli(['servers', 'add', 'prod', '--', 'x'])).code).toBe(0);
    const removed = await cli(['servers', 'remove', 'prod']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe("Removed server 'prod'.\n");
    const again = await cli(['servers', 'remove', 'prod']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("airlock servers remove: no server named 'prod'\n");
  });
});
