import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseOrchestratorConfig } from '../fixtures/orchestrator/config';
import { fnmatch, isAllowed, limitsFor } from '../fixtures/orchestrator/policy';
import { PidLineParser } from '../ssh/client/killable';
import { targetFromEnv } from '../ssh/client/target';
import { fixturePath } from '../ssh/fixture-launch';
import { renderSshdConfig } from '../ssh/sshd-config';

const policy = (rules: unknown[], extra: Record<string, unknown> = {}) =>
  parseOrchestratorConfig(
    { servers: { hosts: [] }, credentials: { entries: [] }, policy: { rules, ...extra } },
    'test',
  ).policy;

describe('orchestrator policy (fixture)', () => {
  it('matches like Python fnmatch: * spans separators, [!x] negates', () => {
    expect(fnmatch('ls && rm -r x', 'ls*')).toBe(true);
    expect(fnmatch('cat', 'cat?')).toBe(false);
    expect(fnmatch('web-2', 'web-[!1]')).toBe(true);
    expect(fnmatch('a.b', 'a?b')).toBe(true);
    expect(fnmatch('a+b', 'a+b')).toBe(true);
  });

  it('denies by default, lets the last matching rule win, and applies deny substrings first', () => {
    const rules = [
      { action: 'allow', aliases: ['*'], commands: ['*'] },
      { action: 'deny', aliases: ['prod-*'], commands: ['rm *'] },
    ];
    expect(isAllowed(policy([]), 'web', [], 'uptime')).toBe(false);
    expect(isAllowed(policy(rules), 'web', [], 'rm x')).toBe(true);
    expect(isAllowed(policy(rules), 'prod-db', [], 'rm x')).toBe(false);
    expect(isAllowed(policy(rules), 'web', [], 'curl http://example.com')).toBe(false);
    expect(isAllowed(policy(rules), 'web', [], "'reboot'")).toBe(false);
  });

  it('merges limits: defaults, policy, tag override, then alias override', () => {
    const p = policy([], {
      limits: { max_seconds: 30 },
      overrides: {
        tags: { longrun: { max_seconds: 180, task_result_ttl: 1800 } },
        aliases: { db: { max_seconds: 20 } },
      },
    });
    expect(limitsFor(p, 'web', ['longrun'])).toMatchObject({
      max_seconds: 180,
      task_result_ttl: 1800,
      max_output_bytes: 1048576,
    });
    expect(limitsFor(p, 'db', ['longrun'])).toMatchObject({ max_seconds: 20, task_result_ttl: 1800 });
    expect(limitsFor(p, 'web', [])).toMatchObject({ max_seconds: 30, task_result_ttl: 300 });
  });

  it('names every problem in a bad config', () => {
    expect(() =>
      parseOrchestratorConfig({ servers: { hosts: [{ alias: 'bad alias', host: '' }] } }, 'x.json'),
    ).toThrow(
      /invalid orchestrator config in x\.json: servers\.hosts\.0\.alias: .*servers\.hosts\.0\.host: .*credentials: /,
    );
  });
});

describe('rig plumbing', () => {
  it('splits the pid line off stderr even when it arrives in pieces', () => {
    const parser = new PidLineParser();
    expect(parser.feed('__airlock_rig_')).toEqual({ text: '' });
    expect(parser.feed('pid=4242\nreal err')).toEqual({ text: 'real err', pid: 4242 });
    expect(parser.feed(' more')).toEqual({ text: ' more' });
    expect(new PidLineParser().feed('no marker\nrest')).toEqual({ text: 'no marker\nrest' });
  });

  it('renders an sshd config that allows only key logins for one user on loopback', () => {
    const config = renderSshdConfig({
      port: 2222,
      user: 'ada',
      hostKeyPath: '/k/host',
      authorizedKeysPath: '/k/auth',
      pidFilePath: '/k/pid',
    });
    expect(config).toContain('ListenAddress 127.0.0.1\n');
    expect(config).toContain('AllowUsers ada\n');
    expect(config).toContain('PermitRootLogin no\n');
    expect(config).toContain('AllowAgentForwarding no\n');
    expect(config).toContain('Subsystem sftp internal-sftp\n');
    expect(
      renderSshdConfig({
        port: 1,
        user: 'root',
        hostKeyPath: '/a',
        authorizedKeysPath: '/b',
        pidFilePath: '/c',
      }),
    ).toContain('PermitRootLogin prohibit-password\n');
  });

  it('explains a missing or bad SSH target, in the fixtures too', () => {
    expect(() => targetFromEnv({ AIRLOCK_RIG_SSH_HOST: '127.0.0.1', AIRLOCK_RIG_SSH_PORT: 'x' })).toThrow(
      /SSH target is not configured: AIRLOCK_RIG_SSH_PORT: .*AIRLOCK_RIG_SSH_USER: .*AIRLOCK_RIG_SSH_KEY: /,
    );
    for (const name of ['orchestrator', 'session'] as const) {
      const run = spawnSync(process.execPath, [fixturePath(name)], {
        env: { PATH: process.env.PATH },
        input: '',
        encoding: 'utf8',
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(`^${name}-fixture: SSH target is not configured: AIRLOCK_RIG_SSH_HOST`),
      );
    }
  });
});
