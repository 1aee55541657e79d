import { describe, expect, it } from 'vitest';
import { editDistance, keyHint, nearestKey } from '../../shared/policy/key-hint';

describe('key hints', () => {
  it('measures edit distance', () => {
    expect(editDistance('tools', 'tool')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'ab')).toBe(2);
  });

  it('suggests the closest known key within distance 2', () => {
    expect(keyHint('tools', ['id', 'tool', 'decision'])).toBe('did you mean "tool"?');
    expect(nearestKey('decison', ['tool', 'decision'])).toBe('decision');
  });

  it('gives no hint for a key far from every known key', () => {
    expect(keyHint('banana', ['id', 'tool', 'decision'])).toBeUndefined();
  });
});
