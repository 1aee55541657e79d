/**
 * What an awk program can do beyond reading its input and printing: `system()` and pipes run
 * commands, `getline` reads from commands or files, `print … > file` writes, `@load`/`@include` load
 * code. A program without them only reads and prints.
 */

/** Why the awk program text can do more than read and print, or null when it cannot. */
export function awkProgramRisk(program: string): string | null {
  // `||` is a logical or; a single `|` (or gawk's `|&`) pipes to or from a command.
  if (/\bsystem\b/.test(program) || /(^|[^|])\|(?!\|)/.test(program.replace(/\|\|/g, ''))) {
    return 'can run commands (system() or a pipe)';
  }
  if (/\bgetline\b/.test(program)) return 'reads from commands or files (getline)';
  if (/@/.test(program)) return 'loads code (@load, @include)';
  // `>` redirects only inside print/printf; elsewhere it compares. `>=` always compares.
  if (/\bprintf?\b/.test(program) && />(?!=)/.test(program)) return 'can write files (print > file)';
  return null;
}
