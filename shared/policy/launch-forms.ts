/**
 * The launch forms that start a server: its own executable, package runners (`npx`, `npm exec`,
 * `pnpm dlx`, `yarn dlx`, `bunx`, `uvx`, `pipx run`), `node`/`bun`/`python` entry scripts, container
 * images, and Windows' `cmd /c` around any of these. Each reads the runner's option syntax exactly
 * enough to find what runs and which arguments the server receives. Pure.
 */
import { KNOWN, byBin, byPackage, byScript, displayPath, programName, type Found } from './launch-servers';

const MAX_DEPTH = 3;

/** What `command args…` starts, when it is a known server; null otherwise (never throws). */
export function parseLaunch(command: string, args: readonly string[], depth: number): Found | null {
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
