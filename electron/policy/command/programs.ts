/**
 * Data about programs the command analyser treats specially: shells, interpreters, downloaders, and
 * wrappers whose arguments are themselves a command (with the options that take a value, so the inner
 * command can be found and checked like any other).
 */

/** Shells: any invocation runs code that the policy cannot see (`-c` text, a script, or stdin). */
export const SHELLS: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'mksh',
  'ash',
  'yash',
  'posh',
  'fish',
  'tcsh',
  'csh',
  'rbash',
  'pwsh',
  'powershell',
]);

/** Interpreters and the options that pass them inline code. */
export const INTERPRETERS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['python', ['-c']],
  ['perl', ['-e', '-E']],
  ['ruby', ['-e']],
  ['node', ['-e', '--eval', '-p', '--print']],
  ['nodejs', ['-e', '--eval', '-p', '--print']],
  ['deno', ['eval']],
  ['bun', ['-e', '--eval']],
  ['php', ['-r']],
  ['lua', ['-e']],
  ['luajit', ['-e']],
  ['rscript', ['-e']],
  ['tclsh', []],
  ['wish', []],
  ['expect', ['-c']],
  ['osascript', ['-e']],
  ['irb', []],
  ['groovy', ['-e']],
  ['jshell', []],
]);

/** awk dialects: the first operand is a program that can run commands (`system`, pipes). */
export const AWKS: ReadonlySet<string> = new Set(['awk', 'gawk', 'mawk', 'nawk']);

/** Programs that fetch remote content; piping their output into an interpreter is denied by default. */
export const DOWNLOADERS: ReadonlySet<string> = new Set([
  'curl',
  'wget',
  'fetch',
  'aria2c',
  'http',
  'https',
  'xh',
  'nc',
  'ncat',
  'socat',
  'lwp-request',
  'GET',
]);

/** Builtins that run a string as code. */
export const EVALUATORS: ReadonlySet<string> = new Set(['eval', 'source', '.', 'alias', 'trap', 'fc']);

/** Programs that run other commands in ways the analyser does not unwrap: always ask. */
export const OPAQUE_RUNNERS: ReadonlySet<string> = new Set([
  'parallel',
  'nsenter',
  'unshare',
  'systemd-run',
  'script',
  'tmux',
  'screen',
  'at',
  'batch',
  'dtach',
  'strace',
  'ltrace',
  'gdb',
  'valgrind',
  'firejail',
  'bwrap',
  'chpst',
  'setpriv',
  'capsh',
  'pkexec',
  'coproc',
  'sg',
  'newgrp',
]);

/** Remote execution: the remote side runs the rest through its own shell. */
export const REMOTE_RUNNERS: ReadonlySet<string> = new Set(['ssh', 'rsh', 'telnet', 'mosh']);

/** How to find the inner command of a wrapper. */
export interface WrapperSpec {
  /** Options that consume the next token (or an attached value). */
  readonly withValue: ReadonlySet<string>;
  /** Options known to take no value; anything else makes the unwrap opaque. */
  readonly noValue: ReadonlySet<string>;
  /** Positional operands before the command (timeout's duration, chroot's directory). */
  readonly positionals?: number;
  /** `NAME=value` operands are skipped (env). */
  readonly assignments?: boolean;
  /** Options that make the wrapper run its operands through a shell. */
  readonly shellOptions?: ReadonlySet<string>;
  /** Numeric short options like nice's `-5`. */
  readonly numericOptions?: boolean;
  /** The wrapper always runs its command through `sh -c` (watch). */
  readonly viaShell?: boolean;
  /** The wrapper runs the command many times on input it reads (xargs, find -exec). */
  readonly runner?: boolean;
}

const s = (...items: string[]): ReadonlySet<string> => new Set(items);

/** Wrappers the analyser unwraps; the inner command is then checked like any other. */
export const WRAPPERS: ReadonlyMap<string, WrapperSpec> = new Map<string, WrapperSpec>([
  [
    'sudo',
    {
      withValue: s(
        '-u',
        '--user',
        '-g',
        '--group',
        '-h',
        '--host',
        '-p',
        '--prompt',
        '-C',
        '--close-from',
        '-D',
        '--chdir',
        '-r',
        '--role',
        '-t',
        '--type',
        '-U',
        '--other-user',
        '-T',
        '--command-timeout',
        '-R',
        '--chroot',
      ),
      noValue: s(
        '-A',
        '--askpass',
        '-b',
        '--background',
        '-E',
        '--preserve-env',
        '-H',
        '--set-home',
        '-k',
        '--reset-timestamp',
        '-K',
        '-n',
        '--non-interactive',
        '-P',
        '--preserve-groups',
        '-S',
        '--stdin',
        '-B',
        '--bell',
        '-N',
        '--no-update',
      ),
      shellOptions: s('-s', '--shell', '-i', '--login'),
    },
  ],
  ['doas', { withValue: s('-u', '-C'), noValue: s('-n', '-L'), shellOptions: s('-s') }],
  [
    'env',
    {
      withValue: s('-u', '--unset', '-C', '--chdir'),
      noValue: s('-i', '-', '--ignore-environment', '-0', '--null', '-v', '--debug'),
      assignments: true,
    },
  ],
  ['nohup', { withValue: s(), noValue: s() }],
  ['nice', { withValue: s('-n', '--adjustment'), noValue: s(), numericOptions: true }],
  [
    'timeout',
    {
      withValue: s('-s', '--signal', '-k', '--kill-after'),
      noValue: s('--preserve-status', '--foreground', '-v', '--verbose'),
      positionals: 1,
    },
  ],
  [
    'time',
    {
      withValue: s('-f', '--format', '-o', '--output'),
      noValue: s('-p', '-a', '-v', '--portability', '--append', '--verbose'),
    },
  ],
  ['command', { withValue: s(), noValue: s('-p', '-v', '-V') }],
  ['builtin', { withValue: s(), noValue: s() }],
  ['exec', { withValue: s('-a'), noValue: s('-c', '-l') }],
  ['stdbuf', { withValue: s('-i', '-o', '-e', '--input', '--output', '--error'), noValue: s() }],
  [
    'ionice',
    {
      withValue: s('-c', '--class', '-n', '--classdata', '-p', '--pid', '-P', '--pgid', '-u', '--uid'),
      noValue: s('-t', '--ignore'),
    },
  ],
  ['chroot', { withValue: s('--userspec', '--groups'), noValue: s('--skip-chdir'), positionals: 1 }],
  ['setsid', { withValue: s(), noValue: s('-c', '--ctty', '-f', '--fork', '-w', '--wait') }],
  ['busybox', { withValue: s(), noValue: s() }],
  [
    'flock',
    {
      withValue: s('-w', '--timeout', '-E', '--conflict-exit-code'),
      noValue: s(
        '-s',
        '--shared',
        '-x',
        '-e',
        '--exclusive',
        '-u',
        '--unlock',
        '-n',
        '--nonblock',
        '-o',
        '--close',
        '-F',
        '--no-fork',
        '--verbose',
      ),
      positionals: 1,
      shellOptions: s('-c', '--command'),
    },
  ],
  [
    'xargs',
    {
      withValue: s(
        '-I',
        '-L',
        '-n',
        '-P',
        '-s',
        '-d',
        '-E',
        '-e',
        '-a',
        '--arg-file',
        '--delimiter',
        '--max-args',
        '--max-procs',
        '--max-chars',
        '--replace',
        '--max-lines',
        '--eof',
        '--process-slot-var',
      ),
      noValue: s(
        '-0',
        '--null',
        '-r',
        '--no-run-if-empty',
        '-t',
        '--verbose',
        '-p',
        '--interactive',
        '-x',
        '--exit',
        '-o',
        '--open-tty',
      ),
      runner: true,
    },
  ],
  [
    'watch',
    {
      withValue: s('-n', '--interval', '-q', '--equexit'),
      noValue: s(
        '-d',
        '--differences',
        '-t',
        '--no-title',
        '-b',
        '--beep',
        '-e',
        '--errexit',
        '-g',
        '--chgexit',
        '-c',
        '--color',
        '-x',
        '--exec',
        '-p',
        '--precise',
      ),
      viaShell: true,
    },
  ],
  [
    'su',
    {
      withValue: s('-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'),
      noValue: s('-', '-l', '--login', '-m', '-p', '--preserve-environment', '-P', '--pty'),
      shellOptions: s('-c', '--command', '--session-command'),
    },
  ],
  [
    'runuser',
    {
      withValue: s('-u', '--user', '-s', '--shell', '-g', '--group', '-G', '--supp-group'),
      noValue: s('-', '-l', '--login', '-m', '-p', '--preserve-environment'),
      shellOptions: s('-c', '--command', '--session-command'),
    },
  ],
]);

/** Options of `find` that run a command (terminated by `;` or `+`). */
export const FIND_EXEC: ReadonlySet<string> = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** Normalises an interpreter name: `python3.11` → `python`, `Rscript` → `rscript`. */
export function interpreterKey(program: string): string {
  const lower = program.toLowerCase();
  if (/^python[0-9.]*$/.test(lower)) return 'python';
  if (/^perl[0-9.]*$/.test(lower)) return 'perl';
  if (/^ruby[0-9.]*$/.test(lower)) return 'ruby';
  if (/^php[0-9.]*$/.test(lower)) return 'php';
  if (/^lua[0-9.]*$/.test(lower)) return 'lua';
  return lower;
}
