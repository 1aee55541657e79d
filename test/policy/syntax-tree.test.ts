/**
 * The cursor-based tree reader must describe exactly what web-tree-sitter's `Node` API describes (type,
 * named-ness, text, children, field names where recorded), since the command walk relies on it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node, Parser } from 'web-tree-sitter';
import { loadBashParser } from '../../electron/policy/command/analyzer';
import {
  FIELD_PARENTS,
  childForField,
  readSyntaxTree,
  type SyntaxNode,
} from '../../electron/policy/command/syntax-tree';
import { cursorExports, setDirectTreeRead } from '../../electron/policy/command/tree-sitter-runtime';
import { CORPUS } from './bypass-cases';

let parser: Parser;

beforeAll(async () => {
  parser = await loadBashParser();
});

/** Differences between the two trees, as paths (empty when identical). */
function compare(ours: SyntaxNode, theirs: Node, path = 'root'): string[] {
  const diffs: string[] = [];
  if (ours.type !== theirs.type) diffs.push(`${path}: type ${ours.type} != ${theirs.type}`);
  if (ours.isNamed !== theirs.isNamed) diffs.push(`${path}: isNamed`);
  if (ours.text !== theirs.text) diffs.push(`${path}: text ${JSON.stringify(ours.text)}`);
  // Anonymous tokens are leaves for the walk: their children are deliberately not read.
  if (!theirs.isNamed) return diffs;
  const kids = theirs.children.filter((c): c is Node => c !== null);
  if (ours.children.length !== kids.length) return [...diffs, `${path}: ${ours.children.length} children`];
  kids.forEach((kid, i) => {
    const mine = ours.children[i];
    if (mine) diffs.push(...compare(mine, kid, `${path}/${i}:${kid.type}`));
  });
  if (FIELD_PARENTS.has(theirs.type)) {
    for (const field of ['name', 'body', 'value']) {
      const expected = theirs.childForFieldName(field)?.text;
      if (childForField(ours, field)?.text !== expected) diffs.push(`${path}: field ${field}`);
    }
  }
  return diffs;
}

/** Parses `command` and expects our read to describe what the Node API describes. */
function expectSameAsNodeApi(command: string): void {
  const tree = parser.parse(command);
  if (!tree) throw new Error('no tree');
  try {
    expect(compare(readSyntaxTree(tree, command), tree.rootNode), command).toEqual([]);
  } finally {
    tree.delete();
  }
}

const EXTRA = [
  'f(){ f|f& };f',
  'function g { g | g & }; g',
  'a=1 b[2]=3 c=(x y) ls',
  'cat <<EOF | sh\nrm -rf /\nEOF',
  'cat <<-"EOF"\n\tx $y\n\tEOF',
  'echo "a\\"b" \'c\' $\'d\' $"e" é 日本 😀 && rm -rf /',
  'for ((i=0;i<3;i++)); do echo $i; done',
  'echo {a,b} r{m,} ~/x *.txt $((1+2)) ${x:-y} `id` <(ls) >(cat)',
  'cat < in > out 2>&1 <<< "x"',
  "< ; / * * xargs 2>&1 😀 ' { 😀 $' ? -exec find ls && | / } xargs ]] then ${y} if",
  'ls (((',
  ')',
  '"unterminated',
  'ls \\\n -la # comment',
  '',
];

describe('readSyntaxTree', () => {
  const commands = [...Object.values(CORPUS).flatMap((cases) => cases.map((c) => c[0])), ...EXTRA];

  it.each(commands.map((c) => [JSON.stringify(c).slice(0, 60), c] as const))(
    'matches the Node API for %s',
    (_label, command) => expectSameAsNodeApi(command),
  );

  it('matches the Node API on generated shell-like input', () => {
    const atoms = ['ls', 'rm', '-rf', '/', '|', '&&', ';', '&', '$(', ')', '`', '"', "'", '$x', '${y}'];
    atoms.push('<<EOF\n', '\nEOF\n', '>', '<', '2>&1', 'f()', '{', '}', '(', 'x=1', '\\', '\n', '*', 'é');
    let seed = 1;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    for (let i = 0; i < 300; i++) {
      const words = Array.from({ length: 1 + next(20) }, () => atoms[next(atoms.length)] ?? '');
      expectSameAsNodeApi(words.join(next(3) === 0 ? '' : ' '));
    }
  });

  it('reads through the direct WebAssembly cursor calls once the analyser loaded the parser', () => {
    // Otherwise every comparison above would only prove the public-API fallback.
    expect(cursorExports()).toBeDefined();
  });

  it('gives the same trees through the public TreeCursor fallback', () => {
    setDirectTreeRead(false);
    try {
      expect(cursorExports()).toBeUndefined();
      for (const command of commands) expectSameAsNodeApi(command);
    } finally {
      setDirectTreeRead(true);
    }
  });

  it('refuses field lookups under parents whose fields are not recorded', () => {
    const tree = parser.parse('ls');
    if (!tree) throw new Error('no tree');
    try {
      expect(() => childForField(readSyntaxTree(tree, 'ls'), 'name')).toThrow(/not recorded/);
    } finally {
      tree.delete();
    }
  });
});
