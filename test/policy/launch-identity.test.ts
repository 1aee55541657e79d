/**
 * Identification from an upstream's launch command, and the target its flags configure: ssh-mcp's
 * quick start read the way ssh-mcp's own `parseArgv`/`buildAppConfig` read it.
 */
import { describe, expect, it } from 'vitest';
import {
  adapterForToolName,
  identifyLaunch,
  sshMcpDefaultConfigPath,
} from '../../shared/policy/launch-identity';
import { splitCommandLine } from '../../shared/policy/command-line';
import { createLaunchProbe } from '../../electron/policy/launch-probe';

const quickStart = ['--host=10.0.0.5', '--port=2222', '--user=deploy', '--key=/k/id', '--group=dev'];
const id = (command: string, ...args: string[]) => identifyLaunch({ command, args });

describe('identifyLaunch', () => {
  it('recognises ssh-mcp however it is launched, with the quick-start target', () => {
    const launches = [
      id('npx', '-y', 'ssh-mcp', ...quickStart),
      id('npx', '--yes', 'ssh-mcp@2.11.0', ...quickStart),
      id('ssh-mcp', ...quickStart),
      id('/usr/local/bin/ssh-mcp', ...quickStart),
      id('node', '/home/me/project/node_modules/ssh-mcp/build/index.js', ...quickStart),
      id(
        'node',
        '--no-warnings',
        '-r',
        'x.js',
        'C:\\work\\node_modules\\ssh-mcp\\build\\index.js',
        ...quickStart,
      ),
      id('C:\\Program Files\\nodejs\\npx.cmd', '-y', 'ssh-mcp', ...quickStart),
      id('cmd', '/c', 'npx', '-y', 'ssh-mcp', ...quickStart),
      id('pnpm', 'dlx', 'ssh-mcp', ...quickStart),
      id('pnpx', 'ssh-mcp', ...quickStart),
      id('bunx', 'ssh-mcp@latest', ...quickStart),
      id('bun', 'x', 'ssh-mcp', ...quickStart),
      id('npm', 'exec', '--yes', '--', 'ssh-mcp', ...quickStart),
      id('npx', '-p', 'ssh-mcp', 'ssh-mcp', ...quickStart),
    ];
    for (const launch of launches) {
      expect(launch?.adapter.id).toBe('ssh-mcp');
      expect(launch?.serverArgs).toEqual(quickStart);
      expect(launch?.target).toEqual({
        kind: 'profile',
        name: 'default',
        host: '10.0.0.5',
        user: 'deploy',
        port: 2222,
        dependsOnDefaultConfig: true,
      });
    }
    expect(launches[1]?.version).toBe('2.11.0');
    expect(launches[1]?.via).toBe('npx ssh-mcp@2.11.0');
  });

  it('reads ssh-mcp flags exactly as ssh-mcp does', () => {
    // Port: parseInt(--port) || 22; the last occurrence wins.
    expect(id('ssh-mcp', '--host=h', '--user=u')?.target).toMatchObject({ host: 'h', user: 'u', port: 22 });
    expect(id('ssh-mcp', '--host=a', '--user=u', '--host=b', '--port=x')?.target).toMatchObject({
      host: 'b',
      port: 22,
    });
    // `--host VALUE` is stored as null by ssh-mcp, which then refuses to start: no target.
    const spaced = id('npx', '-y', 'ssh-mcp', '--host', 'h', '--user', 'u');
    expect(spaced?.adapter.id).toBe('ssh-mcp');
    expect(spaced?.target).toBeUndefined();
    expect(spaced?.notes.join(' ')).toContain('--host=VALUE');
    // --config wins over the flags.
    const withConfig = id('ssh-mcp', '--config=/c.toml', '--host=h', '--user=u');
    expect(withConfig?.target).toBeUndefined();
    expect(withConfig?.notes.join(' ')).toContain('--config');
    // Half a quick start, an empty value, or no flags: no target.
    expect(id('ssh-mcp', '--host=h')?.target).toBeUndefined();
    expect(id('ssh-mcp', '--host=', '--user=u')?.target).toBeUndefined();
    expect(id('ssh-mcp')?.target).toBeUndefined();
    // ssh-mcp 1.x has no profiles.
    expect(id('npx', 'ssh-mcp@1.5.0', '--host=h', '--user=u')?.target).toBeUndefined();
    // npm exec keeps options after the package for itself unless they follow `--`.
    expect(id('npm', 'exec', 'ssh-mcp', '--host=h', '--user=u')?.target).toBeUndefined();
    expect(id('npm', 'exec', 'ssh-mcp', '--', '--host=h', '--user=u')?.target).toMatchObject({ host: 'h' });
  });

  it('recognises the other servers by package, executable, module and image', () => {
    expect(id('npx', '-y', '@aiondadotcom/mcp-ssh')?.adapter.id).toBe('aionda-mcp-ssh');
    expect(id('mcp-ssh')?.adapter.id).toBe('aionda-mcp-ssh');
    expect(id('npx', '@fangjunjie/ssh-mcp-server@1.8.4')?.adapter.id).toBe('classfang-ssh-mcp-server');
    expect(id('ssh-mcp-server')?.adapter.id).toBe('classfang-ssh-mcp-server');
    expect(id('python3', '-u', '-m', 'mcp_ssh.mcp_server', 'stdio')?.serverArgs).toEqual(['stdio']);
    expect(id('python3', '-m', 'mcp_ssh.mcp_server')?.adapter.id).toBe('mcp-ssh-orchestrator');
    expect(id('uvx', 'mcp-ssh-orchestrator')?.adapter.id).toBe('mcp-ssh-orchestrator');
    expect(
      id(
        'docker',
        'run',
        '-i',
        '--rm',
        '-v',
        '/cfg:/app/config:ro',
        '--name',
        'x',
        'ghcr.io/samerfarida/mcp-ssh-orchestrator:latest',
      )?.adapter.id,
    ).toBe('mcp-ssh-orchestrator');
  });

  it('names nothing it cannot know', () => {
    // The unscoped `mcp-ssh` package is not an MCP server; npx runs the package named.
    expect(id('npx', '-y', 'mcp-ssh')).toBeNull();
    // KinoThe's server is a bare build/index.js; inline code and other packages name nothing.
    expect(id('node', 'build/index.js')).toBeNull();
    expect(id('node', '-e', 'require("ssh-mcp/build/index.js")')).toBeNull();
    expect(id('npx', '-y', '@modelcontextprotocol/server-everything')).toBeNull();
    expect(id('npx', '-c', 'ssh-mcp --host=h --user=u')).toBeNull();
    expect(id('npx', '-p', 'ssh-mcp', 'sh', '-c', 'ssh-mcp --host=h --user=u')).toBeNull();
    expect(id('docker', 'run', '-i', 'ghcr.io/acme/other:latest')).toBeNull();
    expect(id('')).toBeNull();
  });
});

describe('helpers', () => {
  it('adapterForToolName: only a tool name unique to one server', () => {
    expect(adapterForToolName('run-command')?.id).toBe('ssh-mcp');
    expect(adapterForToolName('ssh_run')?.id).toBe('mcp-ssh-orchestrator');
    expect(adapterForToolName('no-such-tool')).toBeNull();
  });

  it('splitCommandLine: quotes, escapes, and refusals', () => {
    expect(splitCommandLine(`npx -y ssh-mcp '--key=/a b/id' "--user=d\\"q" x\\ y`)).toEqual([
      'npx',
      '-y',
      'ssh-mcp',
      '--key=/a b/id',
      '--user=d"q',
      'x y',
    ]);
    expect(splitCommandLine(`npx 'open`)).toBeNull();
    expect(splitCommandLine('   ')).toBeNull();
  });

  it('the probe trusts a quick-start target only while ssh-mcp has no default config file', () => {
    const launch = { command: 'ssh-mcp', args: ['--host=h', '--user=u'], env: { HOME: '/home/a' } };
    const identity = identifyLaunch(launch);
    if (!identity) throw new Error('not identified');
    const seen: string[] = [];
    const probe = (exists: boolean) =>
      createLaunchProbe({
        platform: 'linux',
        exists: (path) => {
          seen.push(path);
          return exists;
        },
      })(identity, launch);
    expect(probe(false)).toBe(true);
    expect(probe(true)).toBe(false);
    expect(seen[0]).toBe('/home/a/.config/ssh-mcp/config.toml');
    expect(sshMcpDefaultConfigPath('linux', { XDG_CONFIG_HOME: '/x' }, '/h')).toBe('/x/ssh-mcp/config.toml');
    expect(sshMcpDefaultConfigPath('darwin', {}, '/Users/a')).toBe(
      '/Users/a/Library/Application Support/ssh-mcp/config.toml',
    );
    expect(sshMcpDefaultConfigPath('win32', { APPDATA: 'C:\\R' }, 'C:\\U')).toBe(
      'C:\\R\\ssh-mcp\\config.toml',
    );
  });
});
