/**
 * `{op: "command"}` conditions: match the simple commands the shell analyser found, never the raw
 * string, with three-valued results (a token only known at run time makes a test unknown).
 *
 * Every rule of a large policy asks about the same analysis, so the analysis is indexed once (commands
 * by program, literal tokens overall and per program) and a condition rejects commands it cannot match
 * from the index before testing them one by one. Each shortcut returns exactly what the full test
 * would: a program group is skipped for `argvContains` only when none of its commands has the token
 * and none has a token whose value is unknown.
 *
 * Literal tokens that read as paths are matched in their normalised form (`/var/log/../../etc/x` is
 * `/etc/x`), so a path pattern cannot be walked out of with `..`.
 */
import type { ArgToken, CommandAnalysis, SimpleCommand } from './fields';
import { compileGlobList, globToRegExp, isLiteralGlob } from './glob';
import { isForeignProgramPath, looksLikePath, normalisePath } from './paths';
import { readOnlyVerdict } from './read-only/read-only';
import { andTri, everyTri, orTri, someTri } from './kleene';
import type { ConditionContext, Predicate, Tri } from './predicate';
import type { CommandMatch } from './schema';

type CommandTest = (cmd: SimpleCommand) => Tri;

/** The commands of one program with their literal tokens. */
interface ProgramGroup {
  readonly program: string;
  readonly commands: SimpleCommand[];
  readonly tokens: Set<string>;
  /** Some argument of these commands is not literal. */
  dynamic: boolean;
}

/** Per-analysis lookup tables, built once and shared by every rule that inspects the command. */
interface CommandIndex {
  /** Commands by literal program name. */
  readonly byProgram: ReadonlyMap<string, ProgramGroup>;
  /** The same groups as a list (iterating a Map allocates). */
  readonly groups: readonly ProgramGroup[];
  /** Commands whose name is not literal (their program is unknown). */
  readonly unnamed: readonly SimpleCommand[];
  /** Every literal argument token of every command. */
  readonly tokens: ReadonlySet<string>;
  /** True when some argument token is not literal. */
  readonly dynamicTokens: boolean;
}

const indexes = new WeakMap<CommandAnalysis, CommandIndex>();

function indexOf(analysis: CommandAnalysis): CommandIndex {
  let index = indexes.get(analysis);
  if (index) return index;
  const byProgram = new Map<string, ProgramGroup>();
  const unnamed: SimpleCommand[] = [];
  const tokens = new Set<string>();
  let dynamicTokens = false;
  for (const c of analysis.commands) {
    let group: ProgramGroup | undefined;
    if (c.program) {
      group = byProgram.get(c.program);
      if (!group) {
        group = { program: c.program, commands: [], tokens: new Set(), dynamic: false };
        byProgram.set(c.program, group);
      }
      group.commands.push(c);
    } else unnamed.push(c);
    for (const a of c.args) {
      if (a.literal) {
        const text = tokenText(a);
        tokens.add(text);
        group?.tokens.add(text);
      } else {
        dynamicTokens = true;
        if (group) group.dynamic = true;
      }
    }
  }
  index = { byProgram, groups: [...byProgram.values()], unnamed, tokens, dynamicTokens };
  indexes.set(analysis, index);
  return index;
}

/** Compiles `{op: "command", field, quantifier, match}`. */
export function compileCommand(
  path: 'ssh.command' | 'ssh.input',
  quantifier: 'every' | 'some',
  m: CommandMatch,
): Predicate {
  const rest = compileCommandMatch({ ...m, program: undefined });
  const programMatch = m.program ? compileGlobList(m.program) : null;
  // Patterns with a slash are meant for the full command word (`/usr/bin/*`), not the basename.
  const fullName = m.program?.some((p) => p.includes('/')) ?? false;
  const required = m.argvContains ?? null;
  const literalPrograms = m.program && !fullName && m.program.every(isLiteralGlob) ? m.program : null;
  const pick = (ctx: ConditionContext): CommandAnalysis | undefined =>
    path === 'ssh.command' ? ctx.fields.ssh.analysis : ctx.fields.ssh.inputAnalysis;
  // For `every` (what allow rules use) `/tmp/ls` is not `ls`: a name with a slash outside the system
  // folders matches only a pattern with a slash. For `some` (deny rules) the basename is enough.
  const strict = quantifier === 'every';
  const programTri = (c: SimpleCommand): Tri =>
    !programMatch
      ? true
      : !c.program
        ? null
        : (!(strict && isForeignProgramPath(c.name.text)) && programMatch(c.program)) ||
          (fullName && programMatch(c.name.text));
  const test: CommandTest = (c) => both(programTri(c), rest, c);

  const some = (analysis: CommandAnalysis, index: CommandIndex): Tri => {
    // Cheap rejection: a required token that appears nowhere cannot be in any command.
    if (required && !index.dynamicTokens && lacksAny(index.tokens, required)) return false;
    const inGroup = (group: ProgramGroup | undefined): Tri =>
      !group || (required && !group.dynamic && lacksAny(group.tokens, required))
        ? false
        : someTri(group.commands, test, undefined);
    let named: Tri;
    if (literalPrograms) {
      named = someTri(literalPrograms, (program) => inGroup(index.byProgram.get(program)), undefined);
    } else if (programMatch && !fullName) {
      named = someTri(index.groups, (g) => (programMatch(g.program) ? inGroup(g) : false), undefined);
    } else {
      return someTri(analysis.commands, test, undefined);
    }
    return named === true ? true : orTri(named, someTri(index.unnamed, test, undefined));
  };

  const every = (analysis: CommandAnalysis, index: CommandIndex): Tri => {
    if (programMatch && !fullName) {
      for (const group of index.groups) if (!programMatch(group.program)) return false;
    }
    const v = everyTri(analysis.commands, test, undefined);
    // A command that did not parse may hide more commands, so "every" cannot be proven true.
    return v === true && !analysis.ok ? null : v;
  };

  return (ctx) => {
    const analysis = pick(ctx);
    if (!analysis || analysis.commands.length === 0) return false;
    const index = indexOf(analysis);
    return quantifier === 'some' ? some(analysis, index) : every(analysis, index);
  };
}

function lacksAny(tokens: ReadonlySet<string>, required: readonly string[]): boolean {
  for (const w of required) if (!tokens.has(w)) return true;
  return false;
}

function both(first: Tri, then: CommandTest | null, c: SimpleCommand): Tri {
  return first === false || !then ? first : andTri(first, then(c));
}

function compileCommandMatch(m: CommandMatch): CommandTest | null {
  const tests: CommandTest[] = [];
  if (m.program) {
    const match = compileGlobList(m.program);
    tests.push((c) => (c.program ? match(c.program) || match(c.name.text) : null));
  }
  if (m.argvContains) {
    const wanted = m.argvContains;
    tests.push((c) => everyTri(wanted, (w, args) => tokenEquals(args, w), c.args));
  }
  if (m.argvAny) {
    const match = compileGlobList(m.argvAny);
    tests.push((c) => someToken(c.args, match));
  }
  if (m.argvRegex) {
    const re = new RegExp(m.argvRegex, 'u');
    tests.push((c) => someToken(c.args, (t) => re.test(t)));
  }
  if (m.argvPrefix) {
    const prefix = m.argvPrefix;
    tests.push((c) =>
      everyTri(
        prefix,
        (word, args, i) => {
          const a = args[i];
          return !a ? false : !a.literal ? null : tokenText(a) === word;
        },
        c.args,
      ),
    );
  }
  if (m.line) {
    const re = globToRegExp(m.line);
    tests.push((c) => {
      const text = [c.program || c.name.text, ...c.args.map(tokenText)].join(' ');
      if (re.test(text)) return true;
      return c.name.literal && c.args.every((a) => a.literal) ? false : null;
    });
  }
  if (m.redirectTo) {
    const match = compileGlobList(m.redirectTo);
    tests.push((c) =>
      someToken(
        c.redirects.filter((r) => r.op.includes('>')).map((r) => r.target),
        match,
      ),
    );
  }
  if (m.readOnly) tests.push(readOnlyVerdict);
  if (tests.length === 0) return null;
  return (c) => everyTri(tests, (t, command) => t(command), c);
}

/** The text a condition matches: the normalised path for path-like literals, else the token as is. */
function tokenText(t: ArgToken): string {
  return looksLikePath(t.text) ? normalisePath(t.text) : t.text;
}

/** Whether some token passes `test`; a non-literal token might, so it counts as unknown. */
function someToken(tokens: readonly ArgToken[], test: (text: string) => boolean): Tri {
  return someTri(tokens, tokenPasses, test);
}

function tokenPasses(t: ArgToken, test: (text: string) => boolean): Tri {
  return t.literal ? test(tokenText(t)) : null;
}

/** `someToken(tokens, (t) => t === word)` without a closure per call. */
function tokenEquals(tokens: readonly ArgToken[], word: string): Tri {
  return someTri(tokens, tokenIs, word);
}

function tokenIs(t: ArgToken, word: string): Tri {
  return t.literal ? tokenText(t) === word : null;
}
