/**
 * Classifies the simple commands a tree walk found: flags code that the policy cannot see (eval, shell
 * `-c`, inline interpreter code, scripts, stdin fed into interpreters, downloads piped into them), and
 * unwraps wrappers (`sudo`, `env`, `timeout`, `xargs`, `find -exec` …) so the inner command is checked
 * like any other. Pure: re-parsing a nested command string goes through the injected `reparse`.
 */
import type {
  AnalysisFlag,
  ArgToken,
  CommandAnalysis,
  Redirect,
  SimpleCommand,
  WriteTarget,
} from '../../../shared/policy/fields';
import { awkProgramRisk } from '../../../shared/policy/read-only/awk-program';
import { builtinFindings } from './builtins';
import { isDangerousVariable } from './dangerous-variables';
import {
  AWKS,
  DOWNLOADERS,
  EVALUATORS,
  FIND_EXEC,
  INTERPRETERS,
  OPAQUE_RUNNERS,
  REMOTE_RUNNERS,
  SHELLS,
  WRAPPERS,
  interpreterKey,
} from './programs';
import { redirectEffects } from './redirects';
import type { RawCommand } from './tree-walk';
import { isPlainName } from './tokens';

/** Parses a nested command string (from `bash -c`, `eval` …) one level deeper. */
export type Reparse = (text: string) => CommandAnalysis;

/** Mutable accumulator shared by one analysis. */
export interface Findings {
  readonly commands: SimpleCommand[];
  readonly flags: Set<AnalysisFlag>;
  readonly notes: string[];
  readonly writes: WriteTarget[];
  /**
   * Redirections already judged. One redirection can reach many commands: tree-sitter-bash reads
   * `a && b > f` as `(a && b) > f`, so every command of a long list carries the list's redirections.
   */
  readonly judgedRedirects: Set<Redirect>;
}

interface Invocation {
  readonly name: ArgToken;
  readonly program: string;
  readonly args: readonly ArgToken[];
  readonly stdinFed: boolean;
  /** Programs that feed or build this invocation (pipeline upstream, substitutions in its words). */
  readonly feeders: readonly string[];
}

const VERSION_ONLY = new Set(['--version', '-V', '--help', '-h', '-v', '-version', '--verbose']);
const PRIVILEGED = new Set(['sudo', 'doas', 'su', 'runuser', 'pkexec']);

/** Adds the writes and guards of redirections not judged yet (each is judged once per analysis). */
export function judgeRedirects(redirects: readonly Redirect[], out: Findings): void {
  const fresh = redirects.filter((r) => !out.judgedRedirects.has(r));
  for (const r of fresh) out.judgedRedirects.add(r);
  const effects = redirectEffects(fresh);
  for (const f of effects.flags) flag(out, f.flag, f.note);
  out.writes.push(...effects.writes);
}

/** Adds one raw command (and whatever it runs) to `out`. */
export function classifyCommand(raw: RawCommand, out: Findings, reparse: Reparse): void {
  judgeRedirects(raw.redirects, out);
  const feeders = [...raw.upstreamPrograms, ...raw.nestedPrograms];
  invoke(
    { name: raw.name, program: raw.program, args: raw.args, stdinFed: raw.stdinFed, feeders },
    raw.redirects,
    false,
    out,
    reparse,
  );
}

function invoke(
  inv: Invocation,
  redirects: SimpleCommand['redirects'],
  unwrapped: boolean,
  out: Findings,
  reparse: Reparse,
): void {
  out.commands.push({ name: inv.name, program: inv.program, args: inv.args, redirects, unwrapped });
  if (inv.args.some((a) => !a.literal)) out.flags.add('dynamic_argument');
  if (!isPlainName(inv.name)) {
    flag(out, 'non_literal_command', `command name ${inv.name.text} is not a plain word`);
    return;
  }
  const program = inv.program;
  for (const f of builtinFindings(program, inv.args)) flag(out, f.flag, f.note);
  if (/^(\.{1,2}\/|~)/.test(inv.name.text) || /\.(sh|bash|py|pl|rb|js|php)$/.test(program)) {
    flag(out, 'script_exec', `${inv.name.text} runs a script whose contents can change`);
  }
  const runsCode = SHELLS.has(program) || INTERPRETERS.has(interpreterKey(program)) || AWKS.has(program);
  if ((runsCode || EVALUATORS.has(program)) && inv.feeders.some((p) => DOWNLOADERS.has(p))) {
    flag(out, 'download_exec', `downloaded content runs in ${program}`);
  }
  if (PRIVILEGED.has(program)) out.flags.add('privileged');
  if (EVALUATORS.has(program)) return evaluator(inv, out, reparse);
  if (SHELLS.has(program)) return shell(inv, out, reparse);
  if (INTERPRETERS.has(interpreterKey(program))) return interpreter(inv, out);
  if (AWKS.has(program)) return awk(inv, out);
  if (program === 'find') return find(inv, out, reparse);
  if (OPAQUE_RUNNERS.has(program)) return flag(out, 'command_runner', `${program} runs other commands`);
  if (REMOTE_RUNNERS.has(program))
    return flag(out, 'remote_exec', `${program} runs commands on another host`);
  const wrapper = WRAPPERS.get(program);
  if (wrapper) unwrap(inv, wrapper, out, reparse);
}

function evaluator(inv: Invocation, out: Findings, reparse: Reparse): void {
  const { program, args } = inv;
  if (program === 'alias' && !args.some((a) => a.text.includes('='))) return;
  if (program === 'trap' && args.length < 2) return;
  if ((program === 'eval' || program === 'source' || program === '.') && args.length === 0) return;
  flag(out, 'eval', `${program} runs text as code`);
  if (program === 'eval') nested(args, out, reparse);
}

function shell(inv: Invocation, out: Findings, reparse: Reparse): void {
  const { program, args } = inv;
  const pwsh = program === 'pwsh' || program === 'powershell';
  let commandText: ArgToken | undefined;
  let hasC = false;
  let operand = false;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]?.text ?? '';
    if (hasC && !commandText) {
      commandText = args[i];
      break;
    }
    if (t === '-o' || t === '+o' || t === '-O' || t === '+O') {
      i++;
    } else if (pwsh && /^-(c|command|e|ec|encodedcommand)$/i.test(t)) {
      hasC = true;
    } else if (/^-[A-Za-z]+$/.test(t) && !pwsh) {
      if (t.includes('c')) hasC = true;
    } else if (!t.startsWith('-') && !t.startsWith('+')) {
      operand = true;
      break;
    }
  }
  if (hasC) {
    flag(out, 'shell_c', `${program} -c runs a command string`);
    if (commandText) nested([commandText], out, reparse);
  } else if (operand) {
    flag(out, 'script_exec', `${program} runs a script file whose contents can change`);
  } else if (inv.stdinFed) {
    flag(out, 'interpreter_stdin', `input is piped into ${program}`);
  } else {
    flag(out, 'shell_exec', `${program} starts a shell`);
  }
}

function interpreter(inv: Invocation, out: Findings): void {
  const { program, args } = inv;
  if (args.length > 0 && args.every((a) => VERSION_ONLY.has(a.text))) return;
  const inline = INTERPRETERS.get(interpreterKey(program)) ?? [];
  const letters = inline.filter((o) => /^-[A-Za-z]$/.test(o)).map((o) => o.slice(1));
  const isInline = (t: string): boolean =>
    inline.includes(t) ||
    inline.some((o) => o.startsWith('--') && t.startsWith(`${o}=`)) ||
    (/^-[A-Za-z]+$/.test(t) && letters.some((l) => t.includes(l)));
  if (
    args.some((a, i) => isInline(a.text) || (i === 0 && inline.includes(a.text) && !a.text.startsWith('-')))
  ) {
    return flag(out, 'interpreter_inline', `${program} is given inline code`);
  }
  const operand = args.find((a) => !a.text.startsWith('-'));
  if (operand || args.some((a) => a.text === '-m')) {
    return flag(out, 'script_exec', `${program} runs a script or module whose contents can change`);
  }
  flag(out, 'interpreter_stdin', `${program} reads code from stdin`);
}

function awk(inv: Invocation, out: Findings): void {
  const { program, args } = inv;
  const check = (text: ArgToken | undefined): void => {
    const risk = !text ? null : text.literal ? awkProgramRisk(text.text) : 'is computed at run time';
    if (risk) flag(out, 'interpreter_inline', `${program} program ${risk}`);
  };
  let source = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a) break;
    const key = a.text.split('=')[0] ?? '';
    // Program files and extensions (`-i inplace` rewrites files) are code the policy cannot see.
    if (
      ['-f', '--file', '-i', '--include', '-l', '--load', '-E', '--exec'].includes(key) ||
      /^-[filE]/.test(a.text)
    ) {
      return flag(out, 'script_exec', `${program} ${key} loads code from a file`);
    }
    if (key === '-e' || key === '--source') {
      source = true;
      check(
        a.text.includes('=')
          ? { text: a.text.slice(a.text.indexOf('=') + 1), literal: a.literal }
          : args[++i],
      );
      continue;
    }
    if (a.text === '-F' || a.text === '-v') {
      i++;
      continue;
    }
    if (a.text === '--') {
      if (!source) check(args[i + 1]);
      return;
    }
    if (a.text.startsWith('-') && a.text !== '-') continue;
    // The first operand is the awk program; system(), getline, pipes and redirects reach the shell/files.
    if (!source) check(a);
    return;
  }
}

function find(inv: Invocation, out: Findings, reparse: Reparse): void {
  const { args } = inv;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]?.text ?? '';
    if (t === '-fprint' || t === '-fprintf' || t === '-fls') out.flags.add('redirect_write');
    if (!FIND_EXEC.has(t)) continue;
    const inner: ArgToken[] = [];
    for (i++; i < args.length; i++) {
      const a = args[i];
      if (!a || a.text === ';' || a.text === '+') break;
      inner.push(a);
    }
    flag(out, 'command_runner', `find ${t} runs a command for every match`);
    runInner(inner, inv, out, reparse);
  }
}

function unwrap(
  inv: Invocation,
  spec: NonNullable<ReturnType<typeof WRAPPERS.get>>,
  out: Findings,
  reparse: Reparse,
): void {
  const { program, args } = inv;
  let i = 0;
  let positionals = spec.positionals ?? 0;
  let viaShell = spec.viaShell ?? false;
  let shellText: ArgToken | undefined;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!a) break;
    const t = a.text;
    if (!a.literal) {
      flag(out, 'wrapper_opaque', `${program} option ${t} is not literal`);
      break;
    }
    if (t === '--') {
      i++;
      break;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
      const name = t.slice(0, t.indexOf('='));
      if (isDangerousVariable(name)) flag(out, 'eval', `assignment to ${name} changes what runs`);
      continue;
    }
    const isOption = (t.startsWith('-') && t !== '-') || (t === '-' && spec.noValue.has('-'));
    if (isOption) {
      const key = t.startsWith('--') ? (t.split('=')[0] ?? t) : t;
      if (spec.shellOptions?.has(key)) {
        viaShell = true;
        if (program === 'su' || program === 'runuser' || program === 'flock') {
          if (!t.includes('=')) shellText = args[++i];
          else shellText = { text: t.slice(t.indexOf('=') + 1), literal: true };
        }
      } else if (spec.withValue.has(key)) {
        if (!t.includes('=')) i++;
      } else if (spec.noValue.has(key) || (spec.numericOptions && /^-[0-9]+$/.test(t))) {
        // Known flag without a value.
      } else if (key.length > 2 && !key.startsWith('--') && spec.withValue.has(key.slice(0, 2))) {
        // Attached value such as -uroot or -oL.
      } else {
        flag(out, 'wrapper_opaque', `${program} option ${t} is not understood`);
      }
      continue;
    }
    if (positionals > 0) {
      positionals--;
      continue;
    }
    break;
  }
  if (spec.runner) flag(out, 'command_runner', `${program} runs a command for every input item`);
  if (program === 'exec' && i < args.length) flag(out, 'eval', 'exec replaces the shell');
  const inner = args.slice(i);
  if (viaShell) {
    flag(out, 'shell_c', `${program} runs its command through a shell`);
    if (shellText) nested([shellText], out, reparse);
    else if (inner.length > 0) nested(inner, out, reparse);
    return;
  }
  if (inner.length === 0) {
    if (program === 'su' || program === 'runuser' || program === 'chroot' || program === 'doas') {
      flag(out, 'shell_exec', `${program} starts a shell`);
    }
    return;
  }
  runInner(inner, inv, out, reparse);
}

function runInner(inner: readonly ArgToken[], outer: Invocation, out: Findings, reparse: Reparse): void {
  const [name, ...rest] = inner;
  if (!name) return;
  const program = isPlainName(name) ? (name.text.split('/').pop() ?? '') : '';
  invoke(
    { name, program, args: rest, stdinFed: outer.stdinFed, feeders: outer.feeders },
    [],
    true,
    out,
    reparse,
  );
}

/** Parses literal tokens joined by spaces as a nested command line and merges what it finds. */
function nested(tokens: readonly ArgToken[], out: Findings, reparse: Reparse): void {
  if (tokens.some((t) => !t.literal)) {
    out.notes.push('nested command text is not literal; its commands cannot be checked');
    return;
  }
  const sub = reparse(tokens.map((t) => t.text).join(' '));
  for (const c of sub.commands) out.commands.push({ ...c, unwrapped: true });
  for (const f of sub.flags) out.flags.add(f);
  out.writes.push(...sub.writes);
  out.notes.push(...sub.notes);
}

function flag(out: Findings, f: AnalysisFlag, note: string): void {
  out.flags.add(f);
  // Repeats would use up the cap and crowd out the notes that name other guards.
  if (out.notes.length < 50 && !out.notes.includes(note)) out.notes.push(note);
}
