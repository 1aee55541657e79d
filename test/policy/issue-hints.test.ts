/** Schema issues that say what to do: unknown keys at the key with a hint, duplicates with schema errors. */
import { describe, expect, it } from 'vitest';

import { duplicateRuleIdIssues, explainIssue, knownKeysAt } from '../../shared/policy/issue-hints';
import { formatIssue, parsePolicyText } from '../../shared/policy/parse';

describe('policy issue hints', () => {
  it('knows which keys each place of a policy takes', () => {
    expect(knownKeysAt([])).toContain('rules');
    expect(knownKeysAt(['rules', 0])).toContain('tool');
    expect(knownKeysAt(['rules', 0, 'when', 1])).toContain('quantifier');
    expect(knownKeysAt(['rules', 0, 'when', 0, 'match'])).toContain('argvPrefix');
    expect(knownKeysAt(['tools', 2])).toContain('hidden');
    expect(knownKeysAt(['rules', 0, 'limits', 0])).toContain('counter');
    expect(knownKeysAt(['rules', 0, 'reason'])).toEqual([]);
  });

  it('splits an unknown-keys issue into one per key, at the key, hinting only close keys', () => {
    expect(
      explainIssue({
        code: 'unrecognized_keys',
        path: ['rules', 0],
        keys: ['tools', 'banana'],
        message: 'x',
      }),
    ).toEqual([
      { path: ['rules', 0, 'tools'], message: 'Unknown key "tools" — did you mean "tool"?' },
      { path: ['rules', 0, 'banana'], message: 'Unknown key "banana"' },
    ]);
    expect(explainIssue({ code: 'custom', path: ['rules', 1], message: 'kept' })).toEqual([
      { path: ['rules', 1], message: 'kept' },
    ]);
  });

  it('finds duplicate rule ids in a raw document', () => {
    expect(duplicateRuleIdIssues({ rules: [{ id: 'a' }, { id: 'b' }, { id: 'a' }, 'junk'] })).toEqual([
      { path: ['rules', 2, 'id'], message: 'Duplicate rule id "a" (first used by rules[0])' },
    ]);
    expect(duplicateRuleIdIssues('not a policy')).toEqual([]);
  });

  it('reports the hint at line:column and duplicates together with other schema errors, in text order', () => {
    const text = JSON.stringify(
      {
        version: 'airlock/1',
        rules: [
          { id: 'a', tools: 'exec', action: 'allow' },
          { id: 'a', action: 'sometimes' },
        ],
      },
      null,
      2,
    );
    const result = parsePolicyText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatIssue)).toEqual([
      '6:7 $.rules[0].tools: Unknown key "tools" — did you mean "tool"?',
      '10:7 $.rules[1].id: Duplicate rule id "a" (first used by rules[0])',
      '11:7 $.rules[1].action: Invalid option: expected one of "allow"|"deny"|"require_approval"',
    ]);
    // Line 6, column 7 is where the key itself starts.
    expect(text.split('\n')[5]?.slice(6)).toMatch(/^"tools"/);
  });
});
