/** What a throwaway sshd needs to know; every path absolute (sshd refuses relative ones). */
export interface SshdConfigInput {
  readonly port: number;
  readonly hostKeyPath: string;
  readonly authorizedKeysPath: string;
  readonly pidFilePath: string;
  readonly user: string;
}

/**
 * Renders a locked-down sshd_config for tests: loopback only, one user, key auth only, no PAM, no agent
 * or X11 forwarding, TCP forwarding only to loopback, SFTP in-process.
 */
export function renderSshdConfig(input: SshdConfigInput): string {
  const isRoot = input.user === 'root';
  return [
    `Port ${input.port}`,
    'ListenAddress 127.0.0.1',
    'AddressFamily inet',
    `HostKey ${input.hostKeyPath}`,
    `PidFile ${input.pidFilePath}`,
    `AuthorizedKeysFile ${input.authorizedKeysPath}`,
    `AllowUsers ${input.user}`,
    // CI runs as root; prohibit-password still allows our key and nothing else.
    `PermitRootLogin ${isRoot ? 'prohibit-password' : 'no'}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'HostbasedAuthentication no',
    'UsePAM no',
    // The keys live under /tmp, which is world-writable, so StrictModes would reject them.
    'StrictModes no',
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PermitTunnel no',
    'AllowStreamLocalForwarding no',
    'AllowTcpForwarding yes',
    'GatewayPorts no',
    'PermitOpen 127.0.0.1:* localhost:*',
    'PermitListen 127.0.0.1:* localhost:*',
    'PermitUserEnvironment no',
    // Debian's bash sources ~/.bashrc for a top-level shell started by sshd, even non-interactive. A user's
    // rc file (pyenv init, nvm…) then runs before every command, slowly, and killing a command mid-way can
    // strand its lock files. SHLVL=1 makes that shell level 2, which bash does not treat as top level.
    'SetEnv SHLVL=1',
    'PrintMotd no',
    'PrintLastLog no',
    'UseDNS no',
    // Parallel tests open many connections at once; the default 10:30:100 drops some at random.
    'MaxStartups 100',
    'MaxSessions 50',
    'LogLevel VERBOSE',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n');
}
