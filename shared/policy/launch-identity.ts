/**
 * Which SSH MCP server an upstream launch starts, and where its launch flags point it, read from the
 * command line alone: a server profile's `command` + `args`, or `airlock mcp -- COMMAND ARGS…`.
 * Recognised launches: the server's own executable (`ssh-mcp`), a package runner (`npx [-y]`,
 * `npm exec`, `pnpm dlx`, `pnpx`, `yarn dlx`, `bunx`, `bun x`, `uvx`, `pipx run`), an entry script run by
 * `node`/`bun`/`python` (`node …/node_modules/ssh-mcp/build/index.js`, `python -m mcp_ssh.mcp_server`),
 * a container image (`docker|podman run … ghcr.io/samerfarida/mcp-ssh-orchestrator`), and any of these
 * behind Windows' `cmd /c`. Package and executable names come from reference/ssh-servers.md;
 * KinoThe-Kafkaesque/ssh-mcp-server is not published and runs as a bare `node build/index.js`, so no
 * launch identifies it.
 *
 * Targets: only ssh-mcp 2.x documents launch flags that name a host (its quick start,
 * `--host=H --port=P --user=U`), parsed exactly as ssh-mcp's own `parseArgv` does. Pure: no file system.
 * The one fact that needs the disk (ssh-mcp ignores its flags when its platform default config file
 * exists) is reported as {@link LaunchTarget.dependsOnDefaultConfig} for the caller to check.
 */
import { ADAPTERS, adapterById, type AdapterSpec, type TargetKind } from './adapters';

/** An upstream launch: what a stdio server profile (or an inline `airlock mcp -- …`) runs. */
export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  /** The child's complete environment, when known (only consulted to locate config files). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The target a launch's own flags configure: ssh-mcp 2.x builds one profile named `default` from
 * `--host`/`--user`/`--port`, used by every call without a `profile` argument.
 */
export interface LaunchTarget {
  /** What kind of reference a call uses to name this target (`profile` for ssh-mcp). */
  readonly kind: TargetKind;
  /** The name the server gives the target (`default` for ssh-mcp's quick-start profile). */
  readonly name: string;
  readonly host: string;
  readonly user: string;
  readonly port: number;
  /**
   * True when the server ignores these flags if its platform default config file exists (ssh-mcp
   * without `--config`: `~/.config/ssh-mcp/config.toml` and its macOS/Windows equivalents). The caller
   * must check that file (see {@link sshMcpDefaultConfigPath}) before trusting the target.
   */
  readonly dependsOnDefaultConfig: boolean;
}

/** What a launch says about the server it starts. */
export interface LaunchIdentity {
  readonly adapter: AdapterSpec;
  /** How the launch named the server, for messages: `npx ssh-mcp@2.11.0`, `node …/ssh-mcp/build/index.js`. */
  readonly via: string;
  /** The package version pinned in the launch (`ssh-mcp@2.11.0` → `2.11.0`), when any. */
  readonly version?: string;
  /** The arguments the server itself receives (after the runner, package and script). */
  readonly serverArgs: readonly string[];
  /** Where the flags point the server, when they do and the server would honour them. */
  readonly target?: LaunchTarget;
  /** Why flags that look like a target were not taken as one (one sentence each). */
  readonly notes: readonly string[];
}

/** How to recognise one server family in a launch. */
interface KnownServer {
  readonly adapterId: string;
  /** Package names (npm or PyPI) that install the server. */
  readonly packages: readonly string[];
  /** Executable names the package installs. */
  readonly bins: readonly string[];
  /** Entry scripts (paths with forward slashes). */
  readonly scripts: readonly RegExp[];
  /** Python modules run with `python -m`. */
  readonly modules: readonly string[];
  /** Last path segment of a container image name. */
  readonly images: readonly string[];
  readonly target?: (
    serverArgs: readonly string[],
    version: string | undefined,
    notes: string[],
  ) => LaunchTarget | undefined;
}

const KNOWN: readonly KnownServer[] = [
  {
    adapterId: 'ssh-mcp',
    packages: ['ssh-mcp'],
    bins: ['ssh-mcp'],
    scripts: [/(^|\/)ssh-mcp\/build\/index\.js$/, /(^|\/)node_modules\/ssh-mcp\//],
    modules: [],
    images: [],
    target: sshMcpTarget,
  },
  {
    adapterId: 'mcp-ssh-orchestrator',
    packages: ['mcp-ssh-orchestrator'],
    bins: ['mcp-ssh-orchestrator'],
    scripts: [/(^|\/)mcp_ssh\/mcp_server\.py$/],
    modules: ['mcp_ssh.mcp_server'],
    images: ['mcp-ssh-orchestrator'],
  },
  {
    // Not the unscoped npm `mcp-ssh` (an Express REST API, not an MCP server): only the scoped package.
    adapterId: 'aionda-mcp-ssh',
    packages: ['@aiondadotcom/mcp-ssh'],
    bins: ['mcp-ssh'],
    scripts: [/(^|\/)@aiondadotcom\/mcp-ssh\//],
    modules: [],
    images: [],
  },
  {
    adapterId: 'classfang-ssh-mcp-server',
    packages: ['@fangjunjie/ssh-mcp-server'],
    bins: ['ssh-mcp-server'],
    scripts: [/(^|\/)@fangjunjie\/ssh-mcp-server\//],
    modules: [],
    images: [],
  },
];

/** A recognised server before its flags are read. */
interface Found {
  readonly server: KnownServer;
  readonly via: string;
  readonly version?: string;
  readonly serverArgs: readonly string[];
  readonly notes?: readonly string[];
}

/**
 * Identifies the SSH MCP server a launch starts, or null when the launch names none the adapter table
 * knows (a generic `node build/index.js`, an unknown package, inline code). Never throws.
 */
export function identifyLaunch(launch: LaunchSpec): LaunchIdentity | null {
  const found = parseLaunch(launch.command, launch.args, 0);
  if (!found) return null;
  const adapter = adapterById(found.server.adapterId);
  if (!adapter) return null;
  const notes = [...(found.notes ?? [])];
  const target = found.server.target?.(found.serverArgs, found.version, notes);
  return {
    adapter,
    via: found.via,
    ...(found.version !== undefined && { version: found.version }),
    serverArgs: found.serverArgs,
    ...(target && { target }),
    notes,
  };
}

/**
 * The one adapter whose tool table has this tool name, or null when none or several do. A guess for
 * simulators only (`run-command` → ssh-mcp): on the live path the tool name is the agent's choice.
 */
export function adapterForToolName(tool: string): AdapterSpec | null {
  const owners = ADAPTERS.filter((a) => Object.hasOwn(a.tools, tool));
  return owners.length === 1 ? (owners[0] ?? null) : null;
}

/**
 * Where ssh-mcp looks for its config when started without `--config`, as its `getConfigPath` computes
 * it: macOS `~/Library/Application Support/ssh-mcp/config.toml`, Windows
 * `%APPDATA%\ssh-mcp\config.toml`, elsewhere `$XDG_CONFIG_HOME/ssh-mcp/config.toml` (default
 * `~/.config`). `homedir` is the child's home folder (`os.homedir()` as the child would see it).
 */
export function sshMcpDefaultConfigPath(
  platform: string,
  env: Readonly<Record<string, string | undefined>>,
  homedir: string,
): string {
  if (platform === 'darwin') return `${homedir}/Library/Application Support/ssh-mcp/config.toml`;
  if (platform === 'win32') {
    return `${env.APPDATA || `${homedir}\\AppData\\Roaming`}\\ssh-mcp\\config.toml`;
  }
  return `${env.XDG_CONFIG_HOME || `${homedir}/.config`}/ssh-mcp/config.toml`;
}

/**
 * Splits a command line written as one string (`npx -y ssh-mcp --host=h`) into words, the way a POSIX
 * shell does for quoting only: `'…'`, `"…"` (with `\"`, `\\`, `\$`, `` \` `` escapes) and `\x` outside
 * quotes. No expansion of any kind. Returns null for an unterminated quote or an empty line.
 */
export function splitCommandLine(text: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return null;
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text.charAt(j) !== '"'; j++) {
        const d = text.charAt(j);
        if (d === '\\' && '"\\$`'.includes(text.charAt(j + 1)) && j + 1 < text.length) {
          word += text.charAt(j + 1);
          j++;
        } else word += d;
      }
      if (j >= text.length) return null;
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text.charAt(i + 1);
      inWord = true;
      i++;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words.length > 0 ? words : null;
}

// ─── launch forms ────────────────────────────────────────────────────────────────────────────────

const MAX_DEPTH = 3;

function parseLaunch(command: string, args: readonly string[], depth: number): Found | null {
  if (depth > MAX_DEPTH || command === '') return null;
  const program = programName(command);
  const direct = byBin(program) ?? byScript(command);
  if (direct) return { server: direct, via: displayPath(command), serverArgs: args };
  switch (program) {
    case 'node':
    case 'nodejs':
      return scriptRunner(args, NODE_SYNTAX, program);
    case 'bun':
      if (args[0] === 'x') return packageRunner(args.slice(1), BUNX_SYNTAX, 'bun x');
      return scriptRunner(args[0] === 'run' ? args.slice(1) : args, BUN_SYNTAX, 'bun');
    case 'npx':
      return packageRunner(args, NPX_SYNTAX, 'npx');
    case 'npm': {
      const sub = firstPositional(args, NPM_GLOBAL_VALUED);
      if (sub && (sub.word === 'exec' || sub.word === 'x'))
        return packageRunner(args.slice(sub.index + 1), NPM_EXEC_SYNTAX, `npm ${sub.word}`);
      return null;
    }
    case 'pnpx':
      return packageRunner(args, DLX_SYNTAX, 'pnpx');
    case 'pnpm':
    case 'yarn': {
      const sub = firstPositional(args, NO_VALUES);
      if (sub?.word === 'dlx') return packageRunner(args.slice(sub.index + 1), DLX_SYNTAX, `${program} dlx`);
      if (sub?.word === 'exec') return binRunner(args.slice(sub.index + 1), `${program} exec`);
      return null;
    }
    case 'bunx':
      return packageRunner(args, BUNX_SYNTAX, 'bunx');
    case 'uvx':
      return packageRunner(args, UVX_SYNTAX, 'uvx');
    case 'pipx':
      return args[0] === 'run' ? packageRunner(args.slice(1), PIPX_SYNTAX, 'pipx run') : null;
    case 'python':
    case 'python3':
    case 'py':
      return pythonRunner(args, program);
    case 'docker':
    case 'podman': {
      const rest = args[0] === 'container' ? args.slice(1) : args;
      return rest[0] === 'run' ? containerRunner(rest.slice(1), program) : null;
    }
    case 'cmd': {
      const flag = args[0]?.toLowerCase();
      const inner = args[1];
      if ((flag !== '/c' && flag !== '/k') || inner === undefined) return null;
      return parseLaunch(inner, args.slice(2), depth + 1);
    }
    default:
      return null;
  }
}

/** The executable's name: last path segment, lower-case, without a Windows or script extension. */
function programName(command: string): string {
  const base = command.replace(/\\/g, '/').split('/').pop() ?? '';
  return base.toLowerCase().replace(/\.(exe|cmd|bat|ps1|com)$/, '');
}

function displayPath(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/');
  return parts.length > 4 ? `…/${parts.slice(-4).join('/')}` : parts.join('/');
}

function byBin(program: string): KnownServer | undefined {
  return KNOWN.find((k) => k.bins.includes(program));
}

function byScript(path: string): KnownServer | undefined {
  const normal = path.replace(/\\/g, '/');
  return KNOWN.find((k) => k.scripts.some((re) => re.test(normal)));
}

function byPackage(name: string): KnownServer | undefined {
  return KNOWN.find((k) => k.packages.includes(name));
}

/** Option syntax of a runner: which options take the next word as their value. */
interface RunnerSyntax {
  /** Options whose value is the following word (unless written `--opt=value`). */
  readonly valued: ReadonlySet<string>;
  /** Options naming a package to install; the positional is then the executable to run. */
  readonly packageOptions: ReadonlySet<string>;
  /** Options after which the command is inline code or a shell string: nothing to identify. */
  readonly opaque: ReadonlySet<string>;
  /**
   * True when option parsing stops at the first positional, so everything after the package goes to
   * the server (npx, dlx runners); false for `npm exec`, which keeps later options for itself unless
   * they follow `--`.
   */
  readonly stopsAtPositional: boolean;
  /** How package specs name a version: npm `name@1.2.3`, PyPI `name==1.2.3` or `name@1.2.3`. */
  readonly specs: 'npm' | 'pypi';
}

const set = (...words: string[]): ReadonlySet<string> => new Set(words);
const NO_VALUES = set();
const NPM_GLOBAL_VALUED = set('--prefix', '--userconfig', '--cache', '--registry', '-w', '--workspace');
const NPX_SYNTAX: RunnerSyntax = {
  valued: set('-p', '--package', '--registry', '--cache', '--userconfig', '--prefix', '-w', '--workspace'),
  packageOptions: set('-p', '--package'),
  opaque: set('-c', '--call'),
  stopsAtPositional: true,
  specs: 'npm',
};
const NPM_EXEC_SYNTAX: RunnerSyntax = { ...NPX_SYNTAX, stopsAtPositional: false };
const DLX_SYNTAX: RunnerSyntax = {
  valued: set('-p', '--package', '--dir', '-C', '--registry'),
  packageOptions: set('-p', '--package'),
  opaque: set('-c', '--shell-mode'),
  stopsAtPositional: true,
  specs: 'npm',
};
const BUNX_SYNTAX: RunnerSyntax = {
  valued: set('-p', '--package', '--registry', '--cwd'),
  packageOptions: set('-p', '--package'),
  opaque: NO_VALUES,
  stopsAtPositional: true,
  specs: 'npm',
};
const UVX_SYNTAX: RunnerSyntax = {
  valued: set(
    '--from',
    '--with',
    '--with-requirements',
    '-p',
    '--python',
    '--index',
    '--index-url',
    '--directory',
  ),
  packageOptions: set('--from'),
  opaque: NO_VALUES,
  stopsAtPositional: true,
  specs: 'pypi',
};
const PIPX_SYNTAX: RunnerSyntax = {
  valued: set('--spec', '--python', '--index-url', '--pip-args'),
  packageOptions: set('--spec'),
  opaque: NO_VALUES,
  stopsAtPositional: true,
  specs: 'pypi',
};
const NODE_SYNTAX: RunnerSyntax = {
  valued: set(
    '-r',
    '--require',
    '--import',
    '--loader',
    '--experimental-loader',
    '-C',
    '--conditions',
    '--env-file',
    '--title',
    '--input-type',
    '--disable-warning',
    '--watch-path',
    '--openssl-config',
    '--icu-data-dir',
    '--redirect-warnings',
  ),
  packageOptions: NO_VALUES,
  opaque: set('-e', '--eval', '-p', '--print', '-i', '--interactive', '-'),
  stopsAtPositional: true,
  specs: 'npm',
};
const BUN_SYNTAX: RunnerSyntax = {
  valued: set('-r', '--preload', '--cwd', '--env-file', '--config', '-c'),
  packageOptions: NO_VALUES,
  opaque: set('-e', '--eval', '-p', '--print'),
  stopsAtPositional: true,
  specs: 'npm',
};

/** Options up to the first positional (or `--`): the packages they name, and where the positional is. */
function readOptions(
  args: readonly string[],
  syntax: RunnerSyntax,
): { packages: string[]; index: number; afterDoubleDash: boolean } | null {
  const packages: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return { packages, index: i + 1, afterDoubleDash: true };
    if (!arg.startsWith('-') || arg === '-') {
      if (syntax.opaque.has(arg)) return null;
      return { packages, index: i, afterDoubleDash: false };
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (syntax.opaque.has(name)) return null;
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (value === undefined && syntax.valued.has(name)) value = args[++i];
    if (value !== undefined && syntax.packageOptions.has(name)) packages.push(value);
  }
  return { packages, index: args.length, afterDoubleDash: false };
}

/** `npx [opts] PKG[@VER] ARGS…`, `npx -p PKG BIN ARGS…` and the other package runners. */
function packageRunner(args: readonly string[], syntax: RunnerSyntax, runner: string): Found | null {
  const options = readOptions(args, syntax);
  if (!options) return null;
  const positional = args[options.index];
  if (positional === undefined) return null;
  let rest = args.slice(options.index + 1);
  const notes: string[] = [];
  if (!syntax.stopsAtPositional && !options.afterDoubleDash) {
    // npm exec: options before a later `--` are npm's own; only words and what follows `--` pass on.
    const dd = rest.indexOf('--');
    const before = dd === -1 ? rest : rest.slice(0, dd);
    if (before.some((a) => a.startsWith('-')))
      notes.push(`${runner} keeps options after the package for itself unless they follow "--"`);
    rest = [...before.filter((a) => !a.startsWith('-')), ...(dd === -1 ? [] : rest.slice(dd + 1))];
  }
  const parse = syntax.specs === 'npm' ? npmSpec : pypiSpec;
  for (const raw of options.packages) {
    const spec = parse(raw);
    const server = spec && byPackage(spec.name);
    // The package must be the one whose executable runs (`npx -p ssh-mcp sh -c …` runs sh).
    if (spec && server?.bins.includes(programName(positional)))
      return {
        server,
        via: `${runner} --package ${raw} ${positional}`,
        ...version(spec),
        serverArgs: rest,
        notes,
      };
  }
  if (options.packages.length > 0) {
    // The positional is an executable of the named (unknown) packages, not a package itself.
    const server = byBin(programName(positional));
    return server ? { server, via: `${runner} ${positional}`, serverArgs: rest, notes } : null;
  }
  const spec = parse(positional);
  const server = spec && byPackage(spec.name);
  return server
    ? { server, via: `${runner} ${positional}`, ...version(spec), serverArgs: rest, notes }
    : null;
}

/** `pnpm exec BIN ARGS…`: a locally installed executable. */
function binRunner(args: readonly string[], runner: string): Found | null {
  const bin = args[0];
  const server = bin === undefined ? undefined : byBin(programName(bin));
  return server && bin !== undefined ? { server, via: `${runner} ${bin}`, serverArgs: args.slice(1) } : null;
}

/** `node [opts] SCRIPT ARGS…` (and `bun`): the script decides. */
function scriptRunner(args: readonly string[], syntax: RunnerSyntax, runner: string): Found | null {
  const options = readOptions(args, syntax);
  if (!options) return null;
  const script = args[options.index];
  if (script === undefined) return null;
  const server = byScript(script) ?? byBin(programName(script));
  return server
    ? { server, via: `${runner} ${displayPath(script)}`, serverArgs: args.slice(options.index + 1) }
    : null;
}

/** `python [opts] -m MODULE ARGS…` or `python [opts] SCRIPT ARGS…`. */
function pythonRunner(args: readonly string[], runner: string): Found | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-c' || arg === '-') return null;
    if (arg === '-m') {
      const module = args[i + 1];
      const server = module === undefined ? undefined : KNOWN.find((k) => k.modules.includes(module));
      return server ? { server, via: `${runner} -m ${module ?? ''}`, serverArgs: args.slice(i + 2) } : null;
    }
    if (arg === '-X' || arg === '-W') {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    const server = byScript(arg);
    return server ? { server, via: `${runner} ${displayPath(arg)}`, serverArgs: args.slice(i + 1) } : null;
  }
  return null;
}

const CONTAINER_VALUED = set(
  '-a',
  '--attach',
  '-e',
  '--env',
  '--env-file',
  '-v',
  '--volume',
  '--mount',
  '--name',
  '--network',
  '--net',
  '-p',
  '--publish',
  '-u',
  '--user',
  '-w',
  '--workdir',
  '--entrypoint',
  '-l',
  '--label',
  '--platform',
  '--pull',
  '--cpus',
  '-m',
  '--memory',
  '--add-host',
  '--device',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '-h',
  '--hostname',
  '--log-driver',
  '--log-opt',
  '--restart',
  '--ulimit',
  '--tmpfs',
  '--runtime',
  '--gpus',
  '--ipc',
  '--pid',
  '--shm-size',
  '--stop-signal',
  '--stop-timeout',
  '--dns',
  '--group-add',
  '--cidfile',
  '--expose',
  '--userns',
);

/** `docker run [opts] IMAGE ARGS…`: the image's last path segment decides. */
function containerRunner(args: readonly string[], runner: string): Found | null {
  const options = readOptions(args, {
    valued: CONTAINER_VALUED,
    packageOptions: NO_VALUES,
    opaque: NO_VALUES,
    stopsAtPositional: true,
    specs: 'npm',
  });
  if (!options) return null;
  const image = args[options.index];
  if (image === undefined) return null;
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSegment = withoutDigest.split('/').pop() ?? '';
  const name = lastSegment.split(':')[0] ?? '';
  const server = KNOWN.find((k) => k.images.includes(name));
  return server ? { server, via: `${runner} run ${image}`, serverArgs: args.slice(options.index + 1) } : null;
}

/** The first word that is not an option, skipping the values of `valued` options. */
function firstPositional(
  args: readonly string[],
  valued: ReadonlySet<string>,
): { word: string; index: number } | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-')) return { word: arg, index: i };
    if (!arg.includes('=') && valued.has(arg)) i++;
  }
  return undefined;
}

interface PackageSpec {
  readonly name: string;
  readonly version?: string;
}

const version = (spec: PackageSpec): { version?: string } =>
  spec.version === undefined ? {} : { version: spec.version };

/** `ssh-mcp`, `ssh-mcp@2.11.0`, `@scope/name@^1`, `npm:ssh-mcp@2`; null for git, file and URL specs. */
function npmSpec(raw: string): PackageSpec | null {
  const spec = raw.startsWith('npm:') ? raw.slice(4) : raw;
  if (/^(\.|\/|~|[a-z]+:)/i.test(spec)) return null;
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (at === -1) return { name: spec };
  const name = spec.slice(0, at);
  const ver = spec.slice(at + 1);
  return ver === '' ? { name } : { name, version: ver };
}

/** `mcp-ssh-orchestrator`, `mcp-ssh-orchestrator==1.3.1`, `mcp-ssh-orchestrator@1.3.1`. */
function pypiSpec(raw: string): PackageSpec | null {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?(?:(?:==|@)(.+)|[<>=!~].*)?$/.exec(raw);
  if (!m?.[1]) return null;
  return m[2] === undefined ? { name: m[1].toLowerCase() } : { name: m[1].toLowerCase(), version: m[2] };
}

// ─── ssh-mcp flags ───────────────────────────────────────────────────────────────────────────────

/**
 * ssh-mcp's `parseArgv` (build/cli.js, 2.11.0): only `--key=value` carries a value; a bare `--key`
 * is stored as null and the following word is dropped; a later occurrence wins.
 */
function sshMcpArgv(args: readonly string[]): Map<string, string | null> {
  const argv = new Map<string, string | null>();
  for (const arg of args) {
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq === -1) argv.set(arg.slice(2), null);
    else argv.set(arg.slice(2, eq), arg.slice(eq + 1));
  }
  return argv;
}

/**
 * The quick-start profile ssh-mcp 2.x builds from `--host=H --user=U [--port=P]` (`buildAppConfig`):
 * named `default`, port `parseInt(--port) || 22`. None when `--config` is given (the file's profiles
 * are used and the flags ignored), when a flag has no `=value` or an empty one (ssh-mcp then refuses
 * to start), or for ssh-mcp 1.x (whose tools take no profile).
 */
function sshMcpTarget(
  serverArgs: readonly string[],
  version: string | undefined,
  notes: string[],
): LaunchTarget | undefined {
  const argv = sshMcpArgv(serverArgs);
  const host = argv.get('host');
  const user = argv.get('user');
  if (host === undefined && user === undefined) return undefined;
  if (/^[~^=v]?1(\.|$)/.test(version ?? '')) {
    notes.push('ssh-mcp 1.x has no profiles; the host from --host is not tracked');
    return undefined;
  }
  if (argv.has('config')) {
    notes.push('--config is given, so ssh-mcp takes its profiles from that file and ignores --host/--user');
    return undefined;
  }
  const spaced = (['host', 'user'] as const).filter((k) => argv.get(k) === null);
  if (spaced.length > 0) {
    notes.push(
      `ssh-mcp reads only --${spaced[0] ?? 'host'}=VALUE; "--${spaced[0] ?? 'host'} VALUE" makes it refuse to start`,
    );
    return undefined;
  }
  if (!host || !user) {
    notes.push(
      'ssh-mcp needs both --host=… and --user=… for its quick-start profile; it refuses to start without',
    );
    return undefined;
  }
  const port = Number.parseInt(argv.get('port') ?? '', 10);
  return {
    kind: 'profile',
    name: 'default',
    host,
    user,
    port: Number.isNaN(port) || port === 0 ? 22 : port,
    dependsOnDefaultConfig: true,
  };
}
