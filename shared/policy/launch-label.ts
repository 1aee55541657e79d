/**
 * The label of an inline upstream: what its command line actually launches, not the launcher. A known
 * SSH server is its package (`ssh-mcp` whether started by `npx`, a path or `node …/ssh-mcp/build/…`);
 * otherwise the package after a package runner (`npx -y @acme/files-mcp@1` → `@acme/files-mcp`), the
 * module or script after an interpreter (`node /srv/notes-mcp/build/index.js` → `notes-mcp`,
 * `python -m weather.server` → `weather.server`), the image of `docker run`, else the executable. Pure.
 */
import { programName } from './launch-servers';
import { identifyLaunch } from './launch-identity';

/** Runners whose first positional argument is a package to fetch and run. */
const PACKAGE_RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'uvx']);
/** `RUNNER SUB …` forms whose words after SUB are as after `npx`. */
const PACKAGE_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  npm: ['exec', 'x'],
  pnpm: ['dlx'],
  yarn: ['dlx'],
  bun: ['x'],
  pipx: ['run'],
};
const INTERPRETERS = new Set(['node', 'nodejs', 'bun', 'deno', 'tsx', 'ts-node', 'python', 'python3', 'py']);
/** Options of runners and interpreters that take the next word as their value. */
const VALUED = new Set(['-p', '--package', '--prefix', '--registry', '--cache', '-r', '--require']);
VALUED.add('--import').add('--loader').add('--experimental-loader').add('-C').add('--conditions');
VALUED.add('-X').add('-W').add('--from').add('--with').add('--python').add('--spec');
/** Options after which the command is inline code: nothing more to name. */
const INLINE_CODE = new Set(['-e', '--eval', '-p', '--print', '-c']);
const GENERIC_FILE = /^(index|main|server|cli|app|start|run|mcp|__main__)\.(m?[jt]s|cjs|py)$/;
const GENERIC_DIR = new Set(['build', 'dist', 'src', 'lib', 'bin', 'out', 'dist-cjs', 'esm', 'cjs']);

/** The label for `command args…` (never empty). */
export function launchLabel(command: string, args: readonly string[]): string {
  const known = identifyLaunch({ command, args });
  if (known) return known.package;
  return genericLabel(command, args, 0) ?? (programName(command) || command);
}

function genericLabel(command: string, args: readonly string[], depth: number): string | null {
  const program = programName(command);
  if (program === 'cmd' && depth < 3) {
    const flag = args[0]?.toLowerCase();
    const inner = args[1];
    if ((flag === '/c' || flag === '/k') && inner !== undefined) {
      return genericLabel(inner, args.slice(2), depth + 1);
    }
  }
  if (PACKAGE_RUNNERS.has(program)) return packageLabel(args);
  const subs = PACKAGE_SUBCOMMANDS[program];
  if (subs && args[0] !== undefined && subs.includes(args[0])) return packageLabel(args.slice(1));
  if (INTERPRETERS.has(program)) return interpreterLabel(program, args);
  if ((program === 'docker' || program === 'podman') && args.includes('run')) {
    const image = positional(args.slice(args.indexOf('run') + 1));
    return image ? imageLabel(image) : null;
  }
  return null;
}

/** The package a runner fetches: `--package X` when given, else the first positional, without a version. */
function packageLabel(args: readonly string[]): string | null {
  const named = args.findIndex((a) => a === '-p' || a === '--package' || a.startsWith('--package='));
  const flag = named >= 0 ? args[named] : undefined;
  const spec =
    flag === undefined
      ? positional(args)
      : flag.includes('=')
        ? flag.slice(flag.indexOf('=') + 1)
        : args[named + 1];
  if (!spec) return null;
  const bare = spec.startsWith('npm:') ? spec.slice(4) : spec;
  const at = bare.indexOf('@', bare.startsWith('@') ? 1 : 0);
  const name = (at === -1 ? bare : bare.slice(0, at)).split(/==|[<>=!~[]/)[0] ?? '';
  return name || null;
}

function interpreterLabel(program: string, args: readonly string[]): string | null {
  const module = args.indexOf('-m');
  if (module >= 0 && args[module + 1]) return args[module + 1] ?? null;
  if (args.some((a) => INLINE_CODE.has(a) && !(a === '-p' && program !== 'node'))) return program;
  const script = positional(program === 'bun' && args[0] === 'run' ? args.slice(1) : args);
  return script ? scriptLabel(script) : null;
}

/** `/srv/notes-mcp/build/index.js` → `notes-mcp`; `weather.py` → `weather.py`. */
export function scriptLabel(path: string): string {
  const parts = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  const file = parts.pop() ?? path;
  if (!GENERIC_FILE.test(file)) return file;
  while (parts.length > 0 && GENERIC_DIR.has(parts[parts.length - 1] ?? '')) parts.pop();
  const folder = parts.pop();
  if (folder === undefined || folder === '..' || folder === 'node_modules') return file;
  return folder;
}

function imageLabel(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  return (withoutDigest.split('/').pop() ?? withoutDigest).split(':')[0] || image;
}

/** The first word that is not an option, skipping the values of valued options. */
function positional(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return args[i + 1];
    if (!arg.startsWith('-')) return arg;
    if (!arg.includes('=') && VALUED.has(arg)) i++;
  }
  return undefined;
}
