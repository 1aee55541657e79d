/**
 * The policy written on first start: useful at once, and safe. Read-only SSH tools run, and so do
 * commands whose every simple command is in Airlock's read-only set (`ls`, `df -h`, `journalctl -u x`,
 * `systemctl status x`, `git log` …; flags and sub-verbs matter: `sed -i`, `find -delete`, `journalctl
 * --vacuum-size` are not read-only) and that write nowhere; any other command, transfer, session or
 * configuration change waits for the operator; well-known destructive patterns are denied outright;
 * calls to unknown tools are held rather than denied so a new server can be tried from the queue.
 * Guards (parse errors, eval, arithmetic on values, pipes into interpreters …) apply on top, whatever
 * the rules say.
 */
import type { PolicyDocumentInput } from './schema';

const DESTRUCTIVE = 'Destructive command blocked by the default policy';

/** The default native policy document. */
export const DEFAULT_POLICY: PolicyDocumentInput = {
  version: 'airlock/1',
  description:
    'Airlock default policy: read-only SSH tools and read-only commands run, everything else waits for you, destructive commands are denied.',
  default: 'require_approval',
  defaultReason: 'No rule matched: held for the operator',
  rules: [
    {
      id: 'deny-rm-root',
      description: 'rm -r / or / * (or --no-preserve-root)',
      action: 'deny',
      reason: `${DESTRUCTIVE}: recursive removal of the root filesystem`,
      when: [
        {
          op: 'any',
          of: [
            { op: 'command', quantifier: 'some', match: { program: ['rm'], argvRegex: '^/+(\\.?/*)*\\*?$' } },
            {
              op: 'command',
              quantifier: 'some',
              match: { program: ['rm'], argvContains: ['--no-preserve-root'] },
            },
            {
              op: 'command',
              field: 'ssh.input',
              quantifier: 'some',
              match: { program: ['rm'], argvRegex: '^/+(\\.?/*)*\\*?$' },
            },
          ],
        },
      ],
    },
    {
      id: 'deny-mkfs',
      description: 'Creating or wiping filesystems',
      action: 'deny',
      reason: `${DESTRUCTIVE}: filesystem creation or wipe`,
      when: [
        {
          op: 'command',
          quantifier: 'some',
          match: { program: ['mkfs', 'mkfs.*', 'mke2fs', 'mkswap', 'wipefs', 'sgdisk', 'shred'] },
        },
      ],
    },
    {
      id: 'deny-dd-device',
      description: 'dd writing to a device',
      action: 'deny',
      reason: `${DESTRUCTIVE}: dd onto a device`,
      when: [{ op: 'command', quantifier: 'some', match: { program: ['dd'], argvAny: ['of=/dev/*'] } }],
    },
    {
      id: 'deny-device-write',
      description: 'Shell redirects onto block devices',
      action: 'deny',
      reason: `${DESTRUCTIVE}: output redirected onto a device`,
      when: [{ op: 'contains', field: 'ssh.flags', value: 'device_write' }],
    },
    {
      id: 'deny-power',
      description: 'shutdown, reboot, halt, poweroff',
      action: 'deny',
      reason: `${DESTRUCTIVE}: power state change`,
      when: [
        {
          op: 'any',
          of: [
            {
              op: 'command',
              quantifier: 'some',
              match: { program: ['shutdown', 'reboot', 'halt', 'poweroff', 'kexec'] },
            },
            {
              op: 'command',
              quantifier: 'some',
              match: { program: ['init', 'telinit'], argvAny: ['0', '6'] },
            },
            {
              op: 'command',
              quantifier: 'some',
              match: {
                program: ['systemctl'],
                argvAny: ['poweroff', 'reboot', 'halt', 'kexec', 'emergency', 'rescue'],
              },
            },
            {
              op: 'command',
              field: 'ssh.input',
              quantifier: 'some',
              match: { program: ['shutdown', 'reboot', 'halt', 'poweroff'] },
            },
          ],
        },
      ],
    },
    {
      id: 'deny-fork-bomb',
      action: 'deny',
      reason: `${DESTRUCTIVE}: fork bomb`,
      when: [{ op: 'contains', field: 'ssh.flags', value: 'fork_bomb' }],
    },
    {
      id: 'deny-download-exec',
      description: 'curl | sh and friends',
      action: 'deny',
      reason: `${DESTRUCTIVE}: downloaded content piped into an interpreter`,
      when: [{ op: 'contains', field: 'ssh.flags', value: 'download_exec' }],
    },
    {
      id: 'deny-chmod-root',
      action: 'deny',
      reason: `${DESTRUCTIVE}: recursive permission change on /`,
      when: [
        {
          op: 'command',
          quantifier: 'some',
          match: {
            program: ['chmod', 'chown', 'chgrp'],
            argvAny: ['-R', '--recursive', '-*R*'],
            argvRegex: '^/+\\*?$',
          },
        },
      ],
    },
    {
      id: 'hold-transfer-session-config',
      description: 'Transfers, sessions and configuration changes wait for the operator',
      risk: ['transfer', 'session', 'config'],
      action: 'require_approval',
      reason: 'Transfers files, opens or closes sessions, or changes configuration',
    },
    {
      id: 'hold-commands',
      description: 'Commands outside the read-only set (or run with sudo) wait for the operator',
      risk: ['exec'],
      action: 'require_approval',
      reason: "Runs a command outside Airlock's read-only set",
      when: [
        {
          op: 'any',
          of: [
            { op: 'not', condition: { op: 'command', quantifier: 'every', match: { readOnly: true } } },
            { op: 'contains', field: 'ssh.flags', value: 'privileged' },
          ],
        },
      ],
    },
    {
      id: 'allow-read-only-commands',
      description: "Commands whose every part is in Airlock's read-only set and that write nowhere",
      risk: ['exec'],
      action: 'allow',
      reason: "Every command is in Airlock's read-only set",
      when: [{ op: 'command', quantifier: 'every', match: { readOnly: true } }],
    },
    {
      id: 'allow-read-only',
      description: 'Read-only tools of known SSH servers',
      risk: ['read-only'],
      action: 'allow',
      reason: 'Read-only SSH tool',
    },
  ],
};
