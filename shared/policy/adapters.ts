/**
 * The SSH adapter table: for each known SSH MCP server, which argument names the target, the command,
 * PTY keystrokes and paths, and the tool's risk class. Sources: reference/ssh-servers.md (tool lists of
 * mcp-ssh-orchestrator, KinoThe-Kafkaesque/ssh-mcp-server, ssh-mcp 2.x and 1.x, @aiondadotcom/mcp-ssh,
 * @fangjunjie/ssh-mcp-server). Pure data plus identification; unknown servers get no adapter.
 */
import type { RiskClass } from './fields';

/** What a target argument names, so the session tracker can resolve it to a real host. */
export type TargetKind =
  'host' | 'alias' | 'credential' | 'profile' | 'connection' | 'session' | 'tag' | 'task';

/** Where a tool's command comes from. */
export type CommandSource =
  /** A command line string. */
  | { readonly from: 'string'; readonly arg: string }
  /** An argv array the server quotes and joins itself (no shell word splitting). */
  | { readonly from: 'argv'; readonly arg: string }
  /** Several command lines run one after another. */
  | { readonly from: 'lines'; readonly arg: string }
  /** ssh-mcp's `signal-process`: `kill -<signal> <pid>`. */
  | {
      readonly from: 'signal';
      readonly pid: string;
      readonly signal: string;
      readonly defaultSignal: string;
    };

/** How one tool maps onto the normalised fields. */
export interface ToolSpec {
  readonly risk: RiskClass;
  readonly target?: { readonly arg: string; readonly kind: TargetKind };
  /** Direct host / user arguments (older APIs pass them inline). */
  readonly hostArg?: string;
  readonly userArg?: string;
  readonly command?: CommandSource;
  /** False for dry runs (`ssh_plan`): the command is shown but nothing runs. */
  readonly executes?: boolean;
  readonly input?: string;
  /** Path arguments; the first present one becomes `ssh.path`. */
  readonly paths?: readonly string[];
  /** The server runs the command as root (sudo). */
  readonly privileged?: boolean;
}

/** One known server family. */
export interface AdapterSpec {
  readonly id: string;
  readonly title: string;
  /** `serverInfo.name` values the server announces in `initialize` (compared case-insensitively). */
  readonly serverInfoNames: readonly string[];
  /** Tools whose joint presence in `tools/list` identifies the server. */
  readonly signature: readonly string[];
  readonly tools: Readonly<Record<string, ToolSpec>>;
}

const ro: ToolSpec = { risk: 'read-only' };
const alias = { arg: 'alias', kind: 'alias' } as const;
const task = { arg: 'task_id', kind: 'task' } as const;
const cred = { arg: 'credentialName', kind: 'credential' } as const;
const sess = { arg: 'sessionId', kind: 'session' } as const;
const profile = { arg: 'profile', kind: 'profile' } as const;
const hostAlias = { arg: 'hostAlias', kind: 'alias' } as const;
const conn = { arg: 'connectionName', kind: 'connection' } as const;
const cmd = (arg: string): CommandSource => ({ from: 'string', arg });
const transferPaths = ['remotePath', 'localPath'] as const;

/** mcp-ssh-orchestrator (Python FastMCP): host aliases from servers.yml, own async task ids. */
const orchestrator: AdapterSpec = {
  id: 'mcp-ssh-orchestrator',
  title: 'mcp-ssh-orchestrator',
  serverInfoNames: ['mcp-ssh-orchestrator', 'ssh-orchestrator', 'mcp_ssh'],
  signature: ['ssh_run', 'ssh_plan', 'ssh_list_hosts'],
  tools: {
    ssh_ping: ro,
    ssh_list_hosts: ro,
    ssh_describe_host: { risk: 'read-only', target: alias },
    ssh_plan: { risk: 'read-only', target: alias, command: cmd('command'), executes: false },
    ssh_run: { risk: 'exec', target: alias, command: cmd('command') },
    ssh_run_async: { risk: 'exec', target: alias, command: cmd('command') },
    ssh_run_on_tag: { risk: 'exec', target: { arg: 'tag', kind: 'tag' }, command: cmd('command') },
    ssh_cancel: { risk: 'session', target: task },
    ssh_cancel_async_task: { risk: 'session', target: task },
    ssh_get_task_status: { risk: 'read-only', target: task },
    ssh_get_task_result: { risk: 'read-only', target: task },
    ssh_get_task_output: { risk: 'read-only', target: task },
    ssh_reload_config: { risk: 'config' },
  },
};

/** KinoThe-Kafkaesque/ssh-mcp-server: credentials in SQLite, PTY sessions, tunnels. */
const kinothe: AdapterSpec = {
  id: 'kinothe-ssh-mcp-server',
  title: 'KinoThe-Kafkaesque/ssh-mcp-server',
  serverInfoNames: ['ssh-server'],
  signature: ['ssh_exec', 'list_credentials'],
  tools: {
    ssh_exec: { risk: 'exec', target: cred, hostArg: 'host', userArg: 'username', command: cmd('command') },
    ssh_exec_raw: { risk: 'exec', target: cred, command: { from: 'argv', arg: 'command' } },
    add_credential: { risk: 'config', hostArg: 'host', userArg: 'username', paths: ['privateKeyPath'] },
    list_credentials: ro,
    remove_credential: { risk: 'config', target: { arg: 'name', kind: 'credential' } },
    rsync_copy: { risk: 'transfer', target: cred, paths: transferPaths },
    scp_copy: { risk: 'transfer', target: cred, paths: transferPaths },
    ssh_session_start: { risk: 'session', target: cred },
    ssh_session_send: { risk: 'exec', target: sess, input: 'input' },
    ssh_session_read: { risk: 'read-only', target: sess },
    ssh_session_end: { risk: 'session', target: sess },
    ssh_session_list: ro,
    ssh_tunnel_start: { risk: 'session', target: cred },
    ssh_tunnel_list: ro,
    ssh_tunnel_stop: { risk: 'session' },
  },
};

/** tufantunc/ssh-mcp (npm `ssh-mcp`) 2.x, plus the 1.x `exec` / `sudo-exec` tools. */
const sshMcp: AdapterSpec = {
  id: 'ssh-mcp',
  title: 'ssh-mcp (tufantunc)',
  serverInfoNames: ['SSH MCP Server', 'ssh-mcp'],
  signature: ['run-command', 'list-connections'],
  tools: {
    'list-connections': ro,
    'list-sessions': { risk: 'read-only', target: profile },
    'open-session': { risk: 'session', target: profile, command: cmd('command') },
    'close-session': { risk: 'session', target: profile },
    'read-session-output': { risk: 'read-only', target: profile },
    'read-command': { risk: 'read-only', target: profile, command: cmd('command') },
    'run-command': { risk: 'exec', target: profile, command: cmd('command') },
    'privileged-command': { risk: 'exec', target: profile, command: cmd('command'), privileged: true },
    'signal-process': {
      risk: 'exec',
      target: profile,
      command: { from: 'signal', pid: 'pid', signal: 'signal', defaultSignal: 'TERM' },
    },
    'sftp-upload': { risk: 'transfer', target: profile, paths: ['remotePath'] },
    'sftp-download': { risk: 'transfer', target: profile, paths: ['remotePath'] },
    'sftp-list': { risk: 'read-only', target: profile, paths: ['remotePath'] },
    'sftp-upload-file': { risk: 'transfer', target: profile, paths: transferPaths },
    'sftp-download-file': { risk: 'transfer', target: profile, paths: transferPaths },
    exec: { risk: 'exec', command: cmd('command') },
    'sudo-exec': { risk: 'exec', command: cmd('command'), privileged: true },
  },
};

/** @aiondadotcom/mcp-ssh: system ssh with ~/.ssh/config host aliases. */
const aionda: AdapterSpec = {
  id: 'aionda-mcp-ssh',
  title: '@aiondadotcom/mcp-ssh',
  serverInfoNames: ['mcp-ssh', '@aiondadotcom/mcp-ssh'],
  signature: ['runRemoteCommand', 'listKnownHosts'],
  tools: {
    listKnownHosts: ro,
    getHostInfo: { risk: 'read-only', target: hostAlias },
    checkConnectivity: { risk: 'read-only', target: hostAlias },
    runRemoteCommand: { risk: 'exec', target: hostAlias, command: cmd('command') },
    runCommandBatch: { risk: 'exec', target: hostAlias, command: { from: 'lines', arg: 'commands' } },
    uploadFile: { risk: 'transfer', target: hostAlias, paths: transferPaths },
    downloadFile: { risk: 'transfer', target: hostAlias, paths: transferPaths },
  },
};

/** @fangjunjie/ssh-mcp-server (classfang): named connections, remote jobs. */
const classfang: AdapterSpec = {
  id: 'classfang-ssh-mcp-server',
  title: '@fangjunjie/ssh-mcp-server',
  serverInfoNames: ['ssh-mcp-server', '@fangjunjie/ssh-mcp-server'],
  signature: ['execute-command', 'list-servers'],
  tools: {
    'execute-command': { risk: 'exec', target: conn, command: cmd('cmdString'), paths: ['directory'] },
    'job-start': { risk: 'exec', target: conn, command: cmd('cmdString'), paths: ['directory'] },
    'job-status': { risk: 'read-only', target: conn },
    'job-kill': { risk: 'exec', target: conn },
    'job-list': { risk: 'read-only', target: conn },
    'read-file': { risk: 'read-only', target: conn, paths: ['remotePath'] },
    'write-file': { risk: 'transfer', target: conn, paths: ['remotePath'] },
    upload: { risk: 'transfer', target: conn, paths: transferPaths },
    download: { risk: 'transfer', target: conn, paths: transferPaths },
    'list-servers': ro,
  },
};

/** Every known adapter, most specific signature first. */
export const ADAPTERS: readonly AdapterSpec[] = [orchestrator, kinothe, sshMcp, aionda, classfang];

/** Finds an adapter by id. */
export function adapterById(id: string): AdapterSpec | undefined {
  return ADAPTERS.find((a) => a.id === id);
}

/** The adapter chosen for a server, and how. */
export interface Identification {
  readonly adapter: AdapterSpec | null;
  readonly by: 'server-info' | 'tool-set' | 'none';
}

/**
 * Identifies a server: by its tool set when a `tools/list` was seen (every signature tool present),
 * else by the `serverInfo.name` it announced. Both come from the upstream, which the operator chose.
 */
export function identifyServer(serverInfoName?: string, toolNames?: ReadonlySet<string>): Identification {
  if (toolNames && toolNames.size > 0) {
    const byTools = ADAPTERS.find((a) => a.signature.every((t) => toolNames.has(t)));
    if (byTools) return { adapter: byTools, by: 'tool-set' };
  }
  if (serverInfoName) {
    const name = serverInfoName.toLowerCase();
    const byName = ADAPTERS.find((a) => a.serverInfoNames.some((n) => n.toLowerCase() === name));
    if (byName) return { adapter: byName, by: 'server-info' };
  }
  return { adapter: null, by: 'none' };
}
