/**
 * What the analyser feeds the parser, and long inputs. The final newline added for speed must not
 * change what the walk finds; tree-sitter-bash reads `a && b > f` as `(a && b) > f`, so one redirection
 * reaches every command before it: each redirection is judged once, and repeated notes must not use
 * up the note cap and hide the note of a later guard.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { NO_ANALYSIS_CACHE } from '../../electron/policy/command/analysis-cache';
import {
  createAnalyzer,
  loadBashParser,
  parseSource,
  type CommandAnalyzer,
} from '../../electron/policy/command/analyzer';
import { findExposures } from '../../electron/policy/command/exposure';
import { readSyntaxTree } from '../../electron/policy/command/syntax-tree';
import { walkTree } from '../../electron/policy/command/tree-walk';
import { CORPUS } from './bypass-cases';
import { ALLOW_LIST_ESCAPES, DIAGNOSTICS, MUST_HOLD } from './judgement-cases';

let parser: Parser;
let analyzer: CommandAnalyzer;

beforeAll(async () => {
  parser = await loadBashParser();
  analyzer = createAnalyzer(parser, { cache: NO_ANALYSIS_CACHE });
});

/** What the walk and the exposure scan find in `source` (parse errors included). */
function findings(source: string): string {
  const tree = parser.parse(source);
  if (!tree) throw new Error('no tree');
  try {
    const root = readSyntaxTree(tree, source);
    const walk = walkTree(root);
    return JSON.stringify({ error: tree.rootNode.hasError, exposures: findExposures(root), walk });
  } finally {
    tree.delete();
  }
}

describe('the parser input', () => {
  it('adds a final newline only where it cannot change the tree', () => {
    expect(parseSource('a | b | c')).toBe('a | b | c\n');
    expect(parseSource('ls \\')).toBe('ls \\');
    expect(parseSource('cat <<EOF\nx')).toBe('cat <<EOF\nx');
    expect(parseSource('ls\n')).toBe('ls\n');
  });

  it('finds the same commands, redirects and exposures with the final newline', () => {
    const atoms = ['ls', 'rm', '-rf', '/', '|', '||', '|&', '&&', ';', ';;', '&', '$(', ')', '`', '"', "'"];
    atoms.push('$x', '${y}', '>', '>>', '<', '2>&1', 'f()', '{', '}', '(', 'x=1', '\\', '\n', '*', 'é');
    atoms.push('#', '((', '[[', ']]', 'case', 'esac', 'in', 'do', 'done', 'for', 'if', 'then', 'fi');
    let seed = 11;
    const next = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const texts = [
      ...Object.values(CORPUS).flatMap((cases) => cases.map((c) => c[0])),
      ...Object.values(ALLOW_LIST_ESCAPES).flatMap((cases) => cases.map((c) => c[0])),
      ...DIAGNOSTICS,
      ...MUST_HOLD,
      ...Array.from({ length: 3000 }, () =>
        Array.from({ length: 1 + next(14) }, () => atoms[next(atoms.length)] ?? '').join(next(3) ? ' ' : ''),
      ),
    ];
    let compared = 0;
    for (const text of texts) {
      const source = parseSource(text);
      if (source === text) continue;
      const [withNewline, without] = [findings(source), findings(text)];
      // Two parse errors both hold the call (error recovery may differ); otherwise all must agree.
      if (withNewline.startsWith('{"error":true') && without.startsWith('{"error":true')) continue;
      expect(withNewline, text).toBe(without);
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
  });
});

describe('analysis of long lists', () => {
  it('keeps the note of a guard after many redirections', () => {
    const list = Array.from({ length: 60 }, (_, i) => `echo ${i} >> /tmp/a`).join(' && ');
    const analysis = analyzer.analyze(`${list} && eval "$x"`);
    expect(analysis.flags).toContain('eval');
    expect(analysis.notes).toContain('eval runs text as code');
    expect(analysis.writes).toEqual([{ path: '/tmp/a', known: true, op: '>>' }]);
    expect(analysis.commands).toHaveLength(61);
  });

  it('still attributes every distinct write target', () => {
    const list = Array.from({ length: 30 }, (_, i) => `echo ${i} > /tmp/r-${i}`).join(' && ');
    const analysis = analyzer.analyze(`${list} > /dev/null`);
    expect(analysis.writes.map((w) => w.path).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `/tmp/r-${i}`).sort(),
    );
    expect(new Set(analysis.notes).size).toBe(analysis.notes.length);
  });
});
