/**
 * Server identity: what an inline upstream is named after, its fingerprint, `--name` bindings, and
 * policy `server` globs that see the label of a fingerprinted name.
 */
import { describe, expect, it } from 'vitest';
import { inlineIdentity } from '../../electron/core/server-identity';
import { createNameRegistry } from '../../electron/policy/name-bindings';
import { openPolicyDatabase } from '../../electron/policy/policy-db';
import { launchLabel, scriptLabel } from '../../shared/policy/launch-label';
import { matchingLabelToo, serverLabel } from '../../shared/policy/server-name';
import { compileGlobList } from '../../shared/policy/glob';

const launch = (command: string, ...args: string[]) => ({
  command,
  args,
  envKeys: ['HOME', 'PATH'],
  cwd: '/home/op',
});

describe('launchLabel', () => {
  it('names a known SSH server by its package however it is launched', () => {
    expect(launchLabel('npx', ['-y', 'ssh-mcp', '--host=h', '--user=u'])).toBe('ssh-mcp');
    expect(launchLabel('npx', ['-y', 'ssh-mcp@2.11.0'])).toBe('ssh-mcp');
    expect(launchLabel('/usr/local/bin/ssh-mcp', ['--host=h'])).toBe('ssh-mcp');
    expect(launchLabel('node', ['/opt/lib/node_modules/ssh-mcp/build/index.js'])).toBe('ssh-mcp');
    expect(launchLabel('uvx', ['mcp-ssh-orchestrator==1.3.1'])).toBe('mcp-ssh-orchestrator');
  });

  it('names other servers after the package, module, script or image, not the launcher', () => {
    expect(launchLabel('npx', ['-y', '@acme/files-mcp@1.2', '--root', '/srv'])).toBe('@acme/files-mcp');
    expect(launchLabel('npx', ['--package', 'tools-pkg', 'tools-bin'])).toBe('tools-pkg');
    expect(launchLabel('pnpm', ['dlx', 'weather-mcp'])).toBe('weather-mcp');
    expect(launchLabel('uvx', ['mcp-server-fetch'])).toBe('mcp-server-fetch');
    expect(launchLabel('node', ['/srv/notes-mcp/build/index.js'])).toBe('notes-mcp');
    expect(launchLabel('node', ['--import', 'tsx', 'servers/calendar.ts'])).toBe('calendar.ts');
    expect(launchLabel('python3', ['-m', 'weather.server'])).toBe('weather.server');
    expect(launchLabel('docker', ['run', '-i', '--rm', 'ghcr.io/acme/db-mcp:1.4'])).toBe('db-mcp');
    expect(launchLabel('cmd', ['/c', 'npx', '-y', 'win-mcp'])).toBe('win-mcp');
    expect(launchLabel('/usr/bin/my-server', [])).toBe('my-server');
    expect(launchLabel('node', ['-e', 'require("x")'])).toBe('node');
  });

  it('skips generic file and folder names in script paths', () => {
    expect(scriptLabel('/a/b/echo-server/dist/src/main.js')).toBe('echo-server');
    expect(scriptLabel('server.py')).toBe('server.py');
    expect(scriptLabel('build/index.js')).toBe('index.js');
    expect(scriptLabel('C:\\mcp\\calc\\index.js')).toBe('calc');
  });
});

describe('inlineIdentity', () => {
  it('gives two servers started by the same launcher different names', () => {
    const a = inlineIdentity(launch('node', '/srv/a/index.js'), undefined, 0);
    const b = inlineIdentity(launch('node', '/srv/b/index.js'), undefined, 0);
    expect(a.serverName).toMatch(/^a#[0-9a-f]{8}$/);
    expect(b.serverName).toMatch(/^b#[0-9a-f]{8}$/);
    const sameScriptOtherArgs = inlineIdentity(launch('node', '/srv/a/index.js', '--ro'), undefined, 0);
    expect(sameScriptOtherArgs.serverName).not.toBe(a.serverName);
    expect(serverLabel(sameScriptOtherArgs.serverName)).toBe('a');
  });

  it('is stable for the same launch, and changes with the environment keys or, for relative paths, the folder', () => {
    const one = inlineIdentity(launch('npx', '-y', 'ssh-mcp', '--host=h'), undefined, 0);
    expect(inlineIdentity(launch('npx', '-y', 'ssh-mcp', '--host=h'), undefined, 5).serverName).toBe(
      one.serverName,
    );
    const withKey = { ...launch('npx', '-y', 'ssh-mcp', '--host=h'), envKeys: ['HOME', 'PATH', 'SSH_KEY'] };
    expect(inlineIdentity(withKey, undefined, 0).serverName).not.toBe(one.serverName);
    // An absolute launch does not depend on the folder; a relative one does.
    expect(
      inlineIdentity({ ...launch('npx', '-y', 'ssh-mcp', '--host=h'), cwd: '/x' }, undefined, 0).serverName,
    ).toBe(one.serverName);
    const rel = (cwd: string) => inlineIdentity({ ...launch('node', 'build/index.js'), cwd }, undefined, 0);
    expect(rel('/p1').serverName).not.toBe(rel('/p2').serverName);
  });

  it('binds --name to the first command line; another one runs under its fingerprint until accepted', () => {
    const names = createNameRegistry(openPolicyDatabase(':memory:'));
    const first = inlineIdentity({ ...launch('node', '/srv/a.js'), explicitName: 'db' }, names, 1);
    expect(first).toMatchObject({ serverName: 'db', label: 'db' });
    expect(first.conflict).toBeUndefined();
    // The same command line from another client (other environment keys) is the same server.
    const again = inlineIdentity(
      { ...launch('node', '/srv/a.js'), envKeys: ['X'], explicitName: 'db' },
      names,
      2,
    );
    expect(again.serverName).toBe('db');
    const other = inlineIdentity({ ...launch('node', '/srv/b.js'), explicitName: 'db' }, names, 3);
    expect(other.serverName).toMatch(/^db#[0-9a-f]{8}$/);
    expect(other.conflict).toEqual({
      name: 'db',
      fingerprint: other.fingerprint,
      boundCommand: 'node /srv/a.js',
    });
    expect(names.owner('db')).toBe(first.fingerprint);
    expect(names.list()[0]?.pending).toMatchObject({
      fingerprint: other.fingerprint,
      command: 'node /srv/b.js',
    });

    expect(names.accept('db', 4)).toBe(true);
    expect(names.owner('db')).toBe(other.fingerprint);
    expect(inlineIdentity({ ...launch('node', '/srv/b.js'), explicitName: 'db' }, names, 5).serverName).toBe(
      'db',
    );
    // Now the old command line is the stranger.
    expect(
      inlineIdentity({ ...launch('node', '/srv/a.js'), explicitName: 'db' }, names, 6).conflict,
    ).toBeDefined();
    expect(names.accept('nothing-waiting', 7)).toBe(false);
  });
});

describe('policy server globs and fingerprinted names', () => {
  it('match the label of a fingerprinted name, and the full name exactly', () => {
    const ssh = matchingLabelToo(compileGlobList(['ssh-mcp']));
    expect(ssh('ssh-mcp#3f9a1c2e')).toBe(true);
    expect(ssh('ssh-mcp')).toBe(true);
    expect(ssh('npx#3f9a1c2e')).toBe(false);
    const exact = matchingLabelToo(compileGlobList(['ssh-mcp#3f9a1c2e']));
    expect(exact('ssh-mcp#3f9a1c2e')).toBe(true);
    expect(exact('ssh-mcp#00000000')).toBe(false);
    // Only an 8-hex-digit suffix is a fingerprint.
    expect(serverLabel('a#b')).toBe('a#b');
  });
});
