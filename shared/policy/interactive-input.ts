/**
 * What an interactive shell does to keystrokes before it parses them, which a parse of the text alone
 * cannot see: history expansion (`!!`, `!-2`, `!ls`, `!?x?`, `^old^new`) re-runs or rewrites earlier
 * commands, and a tab asks the shell to complete the word, so what runs is not what was sent.
 */

/** Why keystrokes for a PTY would run something other than their text, or null when they would not. */
export function interactiveExpansion(input: string): string | null {
  if (input.includes('\t')) return 'a tab asks the shell to complete the command line';
  // `!` followed by space, tab, newline, `=` or `(` is not expanded; anything else may be.
  if (/![^\s=(]/.test(input)) return 'history expansion (!) replays or rewrites earlier commands';
  if (/(^|\n)\^/.test(input)) return 'quick substitution (^old^new) re-runs the previous command';
  return null;
}
