/**
 * Walks a tree-sitter-bash syntax tree and collects every simple command wherever it sits: lists,
 * pipelines, subshells, compound statements, loops and conditionals, function bodies, command and
 * process substitutions, heredoc bodies, herestrings, assignments and redirect targets.
 */
import type { ArgToken, Redirect } from '../../../shared/policy/fields';
import { childForField, firstNamedChild, type SyntaxNode } from './syntax-tree';
import { isPlainName, tokenOf } from './tokens';

/** A simple command as found in the tree, before classification. */
export interface RawCommand {
  readonly name: ArgToken;
  readonly nameIsPlain: boolean;
  readonly program: string;
  readonly args: ArgToken[];
  readonly redirects: Redirect[];
  readonly assignments: string[];
  /** Receives stdin from a pipe, heredoc, herestring or `<` redirect. */
  stdinFed: boolean;
  /** Programs earlier in the same pipeline. */
  upstreamPrograms: string[];
  /** Programs inside substitutions in this command's own words. */
  readonly nestedPrograms: string[];
}

/** Everything structural the walk noticed. */
export interface WalkResult {
  readonly commands: RawCommand[];
  readonly forkBomb: boolean;
  readonly background: boolean;
  readonly functionDefinition: boolean;
  readonly substitution: boolean;
  /**
   * Redirections that reach no command: `> /etc/passwd` alone truncates the file, and `x=1 > f` or
   * `> f; ls` write too, though no simple command carries them.
   */
  readonly bareRedirects: Redirect[];
}

interface Context {
  readonly stdinFed: boolean;
  readonly upstream: readonly string[];
}

const ROOT: Context = { stdinFed: false, upstream: [] };
const INPUT_OPS = new Set(['<', '<<', '<<-', '<<<', '<&', '<>']);

/** Collects every simple command under `root`. */
export function walkTree(root: SyntaxNode): WalkResult {
  const state = { forkBomb: false, background: false, functionDefinition: false, substitution: false };
  const commands: RawCommand[] = [];
  const bareRedirects: Redirect[] = [];

  const visit = (node: SyntaxNode, ctx: Context): RawCommand[] => {
    switch (node.type) {
      case 'command':
        return visitCommand(node, ctx);
      case 'pipeline':
        return visitPipeline(node, ctx);
      case 'redirected_statement':
        return visitRedirected(node, ctx);
      case 'function_definition':
        return visitFunction(node, ctx);
      case 'declaration_command':
      case 'unset_command':
        return visitBuiltin(node, ctx);
      case 'test_command':
        return visitTest(node, ctx);
      case 'command_substitution':
      case 'process_substitution':
        state.substitution = true;
        return visitChildren(node, ROOT);
      default:
        return visitChildren(node, ctx);
    }
  };

  const visitChildren = (node: SyntaxNode, ctx: Context): RawCommand[] => {
    const found: RawCommand[] = [];
    for (const child of node.children) {
      if (!child.isNamed) {
        if (child.type === '&') state.background = true;
        continue;
      }
      found.push(...visit(child, ctx));
    }
    return found;
  };

  const visitCommand = (node: SyntaxNode, ctx: Context): RawCommand[] => {
    const nested: RawCommand[] = [];
    let name: ArgToken | null = null;
    const args: ArgToken[] = [];
    const redirects: Redirect[] = [];
    const assignments: string[] = [];
    let stdinFed = ctx.stdinFed;
    for (const child of node.children) {
      if (!child.isNamed || child.type === 'comment') continue;
      nested.push(...visit(child, ROOT));
      if (child.type === 'command_name') {
        const word = firstNamedChild(child);
        if (word) name = tokenOf(word);
      } else if (child.type === 'variable_assignment') {
        assignments.push(childForField(child, 'name')?.text ?? child.text);
      } else if (child.type.endsWith('_redirect')) {
        const redirect = redirectOf(child);
        if (redirect) redirects.push(redirect, ...nestedRedirects(child));
        if (child.type === 'herestring_redirect' || (redirect && INPUT_OPS.has(redirect.op))) stdinFed = true;
      } else {
        args.push(tokenOf(child));
      }
    }
    if (!name) return nested;
    const plain = isPlainName(name);
    const cmd: RawCommand = {
      name,
      nameIsPlain: plain,
      program: plain ? basename(name.text) : '',
      args,
      redirects,
      assignments,
      stdinFed,
      upstreamPrograms: [...ctx.upstream],
      nestedPrograms: nested.map((c) => c.program),
    };
    commands.push(cmd);
    return [...nested, cmd];
  };

  // `export`, `declare`, `local`, `readonly`, `typeset` and `unset` are their own node types in the
  // grammar; as commands they must pass the same rules as any other (an allow list of `ls` and `cat`
  // does not allow `export PATH=…`).
  const visitBuiltin = (node: SyntaxNode, ctx: Context): RawCommand[] => {
    const nested: RawCommand[] = [];
    const args: ArgToken[] = [];
    let keyword = '';
    for (const child of node.children) {
      if (!child.isNamed) {
        keyword ||= child.type;
        continue;
      }
      if (child.type === 'comment') continue;
      nested.push(...visit(child, ROOT));
      args.push(child.type === 'variable_assignment' ? assignmentToken(child) : tokenOf(child));
    }
    return [...nested, record(keyword, args, ctx, nested)];
  };

  // `[[ … ]]` is a command too; its operands are checked by the exposure scan.
  const visitTest = (node: SyntaxNode, ctx: Context): RawCommand[] => {
    const nested = visitChildren(node, ROOT);
    return [...nested, record('[[', [], ctx, nested)];
  };

  const record = (keyword: string, args: ArgToken[], ctx: Context, nested: RawCommand[]): RawCommand => {
    const cmd: RawCommand = {
      name: { text: keyword, literal: true },
      nameIsPlain: true,
      program: keyword,
      args,
      redirects: [],
      assignments: [],
      stdinFed: ctx.stdinFed,
      upstreamPrograms: [...ctx.upstream],
      nestedPrograms: nested.map((c) => c.program),
    };
    commands.push(cmd);
    return cmd;
  };

  const visitPipeline = (node: SyntaxNode, ctx: Context): RawCommand[] => {
    const found: RawCommand[] = [];
    let index = 0;
    for (const child of node.children) {
      if (!child.isNamed || child.type === 'comment') continue;
      const upstream = [...ctx.upstream, ...found.map((c) => c.program)];
      found.push(...visit(child, { stdinFed: ctx.stdinFed || index > 0, upstream }));
      index++;
    }
    return found;
  };

  const visitRedirected = (node: SyntaxNode, ctx: Context): RawCommand[] => {
    const redirects: Redirect[] = [];
    const found: RawCommand[] = [];
    let stdinFed = ctx.stdinFed;
    let body: SyntaxNode | null = null;
    for (const child of node.children) {
      if (!child.isNamed) continue;
      if (child.type.endsWith('_redirect')) {
        const redirect = redirectOf(child);
        if (redirect) redirects.push(redirect, ...nestedRedirects(child));
        if (child.type !== 'file_redirect' || (redirect && INPUT_OPS.has(redirect.op))) stdinFed = true;
        found.push(...visitChildren(child, ROOT));
      } else body ??= child;
    }
    const inner = body ? visit(body, { ...ctx, stdinFed }) : [];
    for (const cmd of inner) cmd.redirects.push(...redirects);
    if (inner.length === 0) bareRedirects.push(...redirects);
    found.push(...inner);
    return found;
  };

  const visitFunction = (node: SyntaxNode, ctx: Context): RawCommand[] => {
    state.functionDefinition = true;
    const fname = childForField(node, 'name')?.text ?? '';
    const body = childForField(node, 'body');
    if (!body) return [];
    const inner = visit(body, ctx);
    // A function that calls itself through a pipe or in the background multiplies without bound.
    if (inner.some((c) => c.program === fname) && /[|&]/.test(body.text)) state.forkBomb = true;
    return inner;
  };

  visit(root, ROOT);
  return { commands, bareRedirects, ...state };
}

/** `NAME=value` as one token, literal when the value is. */
function assignmentToken(node: SyntaxNode): ArgToken {
  const value = childForField(node, 'value');
  const name = childForField(node, 'name')?.text ?? '';
  if (!value) return { text: `${name}=`, literal: true };
  const v = tokenOf(value);
  return v.literal ? { text: `${name}=${v.text}`, literal: true } : { text: node.text, literal: false };
}

/** `cat <<EOF > file`: the grammar puts the file redirect inside the heredoc redirect. */
function nestedRedirects(node: SyntaxNode): Redirect[] {
  if (node.type !== 'heredoc_redirect' && node.type !== 'herestring_redirect') return [];
  const found: Redirect[] = [];
  for (const child of node.children) {
    if (!child.type.endsWith('_redirect')) continue;
    const r = redirectOf(child);
    if (r) found.push(r, ...nestedRedirects(child));
  }
  return found;
}

function redirectOf(node: SyntaxNode): Redirect | null {
  let op = '';
  let target: ArgToken | null = null;
  for (const child of node.children) {
    if (!child.isNamed) op ||= child.type;
    else if (child.type === 'file_descriptor') continue;
    else if (child.type === 'heredoc_start') target = { text: child.text, literal: true };
    else target ??= tokenOf(child);
  }
  if (!op) return null;
  return { op, target: target ?? { text: '', literal: true } };
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}
