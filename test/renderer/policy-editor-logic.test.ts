/** The policy editor's pure parts: the kept draft and leaving, condition editing, issue underlines. */
import { describe, expect, it } from 'vitest';

import {
  argumentValueText,
  conditionKind,
  issuesUnder,
  newCommandCondition,
  parseValueText,
  pathOf,
  withArgumentOp,
  withArgumentValue,
  withMatchKey,
  withRangeBound,
  withReadOnly,
} from '../../renderer/screens/policies/condition-draft';
import { issueRanges, offsetAt } from '../../renderer/screens/policies/issue-ranges';
import { draftFor, isDirty, navigation, startDraft } from '../../renderer/store/policy-draft-state';

const view = (version: number, rules: unknown[] = []) => ({
  version,
  savedAt: 0,
  document: { version: 'airlock/1', rules } as never,
});

describe('the kept policy draft', () => {
  it('is dirty only when its text differs from the version it started from', () => {
    const fresh = startDraft(view(3));
    expect(isDirty(fresh)).toBe(false);
    expect(isDirty(null)).toBe(false);
    expect(isDirty({ ...fresh, text: `${fresh.text} ` })).toBe(true);
  });

  it('keeps a dirty draft over a newer active version, and refreshes a clean one', () => {
    const dirty = { ...startDraft(view(3)), text: '{}' };
    expect(draftFor(dirty, view(4))).toBe(dirty);
    expect(draftFor(startDraft(view(3)), view(4)).baseVersion).toBe(4);
    expect(draftFor(null, view(4)).baseVersion).toBe(4);
  });

  it('asks before leaving the Policies screen with unsaved changes, and only then', () => {
    const dirty = { ...startDraft(view(3)), text: '{}' };
    expect(navigation('policies', 'queue', dirty)).toEqual({ kind: 'confirm' });
    expect(navigation('policies', 'policies', dirty)).toEqual({ kind: 'go' });
    expect(navigation('queue', 'history', dirty)).toEqual({ kind: 'go' });
    expect(navigation('policies', 'queue', startDraft(view(3)))).toEqual({ kind: 'go' });
  });
});

describe('condition editing', () => {
  it('tells argument, command and nested conditions apart', () => {
    expect(conditionKind({ op: 'glob', field: 'args.path', value: '/tmp/*' })).toBe('argument');
    expect(conditionKind(newCommandCondition())).toBe('command');
    expect(conditionKind({ op: 'any', of: [] })).toBe('nested');
  });

  it('reads typed values as JSON when they are not plain text', () => {
    expect(parseValueText('5')).toBe(5);
    expect(parseValueText('true')).toBe(true);
    expect(parseValueText('"quoted"')).toBe('"quoted"');
    expect(parseValueText('db.internal')).toBe('db.internal');
  });

  it('stores each operator’s value in the shape the schema takes', () => {
    const eq = { op: 'eq', field: 'ssh.host', value: 'db' };
    expect(withArgumentValue({ ...eq, op: 'in' }, 'a, 2,')).toMatchObject({ value: ['a', 2] });
    expect(withArgumentValue({ ...eq, op: 'glob' }, '/tmp/*')).toMatchObject({ value: '/tmp/*' });
    expect(withArgumentValue({ ...eq, op: 'glob' }, '/tmp/*, /var/*')).toMatchObject({
      value: ['/tmp/*', '/var/*'],
    });
    expect(withArgumentValue({ ...eq, op: 'gt' }, '10')).toMatchObject({ value: 10 });
    // Not a number: left as text so the schema says so.
    expect(withArgumentValue({ ...eq, op: 'gt' }, 'ten')).toMatchObject({ value: 'ten' });
    expect(withArgumentValue({ op: 'exists', field: 'args.x' }, 'false')).toEqual({
      op: 'exists',
      field: 'args.x',
      value: false,
    });
    expect(argumentValueText({ op: 'not_in', field: 'tool', value: ['a', 1] })).toBe('a, 1');
  });

  it('carries the value over when the operator changes, and builds ranges', () => {
    expect(withArgumentOp({ op: 'eq', field: 'args.n', value: 'x' }, 'contains')).toEqual({
      op: 'contains',
      field: 'args.n',
      value: 'x',
    });
    const range = withArgumentOp({ op: 'eq', field: 'args.n', value: 3 }, 'range');
    expect(withRangeBound(withRangeBound(range, 'max', '9'), 'min', '')).toEqual({
      op: 'range',
      field: 'args.n',
      max: 9,
    });
  });

  it('sets and removes command match keys', () => {
    const c = withMatchKey(newCommandCondition(), 'program', 'list', 'rm, shred');
    expect(c.match).toEqual({ program: ['rm', 'shred'] });
    expect(withMatchKey(c, 'program', 'list', ' , ').match).toEqual({});
    expect(withReadOnly(withMatchKey(c, 'line', 'text', 'git *'), true).match).toEqual({
      program: ['rm', 'shred'],
      line: 'git *',
      readOnly: true,
    });
  });

  it('finds the issues of one place without its look-alike siblings', () => {
    const issues = [
      { path: '$.rules[1].when[0].field', message: 'a' },
      { path: '$.rules[10].id', message: 'b' },
      { path: '$.rules[1]', message: 'c' },
    ];
    expect(issuesUnder(issues, pathOf('rules', 1)).map((i) => i.message)).toEqual(['a', 'c']);
    expect(issuesUnder(issues, pathOf('rules', 1, 'when', 0)).map((i) => i.message)).toEqual(['a']);
  });
});

describe('issue underlines', () => {
  const text = '{\n  "rules": [\n    { "tools": "x" }\n  ]\n}';

  it('maps line:column to an offset, clamped to the text', () => {
    expect(text.slice(offsetAt(text, 3, 7))).toMatch(/^"tools"/);
    expect(offsetAt(text, 99, 1)).toBe(text.length);
    expect(offsetAt(text, 1, 99)).toBe(1);
  });

  it('underlines the key or value at the position, never past its line, and skips unplaced issues', () => {
    const ranges = issueRanges(text, [
      { path: '$.rules[0].tools', message: 'Unknown key', line: 3, column: 7 },
      { path: '$.rules', message: 'Whole array', line: 2, column: 12 },
      { path: '', message: 'Nowhere' },
    ]);
    expect(ranges.map((r) => text.slice(r.from, r.to))).toEqual(['"tools"', '[']);
    expect(ranges[0]?.message).toBe('$.rules[0].tools: Unknown key');
  });

  it('keeps a position at the very end inside the document', () => {
    const cut = '{ "a": ';
    const [range] = issueRanges(cut, [{ path: '', message: 'JSON syntax', line: 1, column: 8 }]);
    expect(range).toEqual({ from: cut.length, to: cut.length, message: 'JSON syntax' });
  });
});
