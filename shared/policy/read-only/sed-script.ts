/**
 * A conservative reader of sed scripts: a script is read-only when it only selects, edits in memory
 * and prints. The `e` command and the `e` flag run commands; `w`/`W` and the `w` flag write files.
 * Anything this reader does not recognise makes the script not read-only.
 */

const SIMPLE = new Set('pPdDnNgGhHxz=lFqQ'.split(''));
const S_FLAGS = /^[gpiImM0-9]$/;

/** True when the sed script only reads and prints (see the module comment). */
export function sedScriptIsReadOnly(script: string): boolean {
  let i = 0;
  const n = script.length;
  const at = (k: number): string => script[k] ?? '';
  const skipSpace = (): void => {
    while (i < n && /[ \t]/.test(at(i))) i++;
  };
  const toLineEnd = (): void => {
    while (i < n && at(i) !== '\n') i += at(i) === '\\' ? 2 : 1;
  };
  const delimited = (delim: string): boolean => {
    while (i < n && at(i) !== delim) {
      if (at(i) === '\n') return false;
      i += at(i) === '\\' ? 2 : 1;
    }
    if (i >= n) return false;
    i++;
    return true;
  };
  const address = (): boolean => {
    const c = at(i);
    if (/[0-9]/.test(c)) {
      while (/[0-9~]/.test(at(i))) i++;
    } else if (c === '$') i++;
    else if (c === '/' || c === '\\') {
      const delim = c === '\\' ? at(i + 1) : '/';
      i += c === '\\' ? 2 : 1;
      if (!delimited(delim)) return false;
      while (/[IM]/.test(at(i))) i++;
    } else if (c === '+' || c === '~') {
      i++;
      while (/[0-9]/.test(at(i))) i++;
    }
    return true;
  };
  while (i < n) {
    while (i < n && /[\s;]/.test(at(i))) i++;
    if (i >= n) break;
    if (at(i) === '#') {
      toLineEnd();
      continue;
    }
    if (!address()) return false;
    if (at(i) === ',') {
      i++;
      if (!address()) return false;
    }
    skipSpace();
    if (at(i) === '!') {
      i++;
      skipSpace();
    }
    const cmd = at(i++);
    if (cmd === '{' || cmd === '}') continue;
    if (SIMPLE.has(cmd)) {
      while (/[0-9]/.test(at(i))) i++;
      continue;
    }
    if (cmd === ':' || cmd === 'b' || cmd === 't' || cmd === 'T') {
      while (i < n && at(i) !== '\n' && at(i) !== ';') i++;
      continue;
    }
    if (cmd === 'a' || cmd === 'i' || cmd === 'c' || cmd === 'r' || cmd === 'R') {
      toLineEnd();
      continue;
    }
    if (cmd === 's' || cmd === 'y') {
      const delim = at(i++);
      if (!delim || delim === '\n' || delim === '\\') return false;
      if (!delimited(delim) || !delimited(delim)) return false;
      if (cmd === 'y') continue;
      while (i < n && !/[\s;}#]/.test(at(i))) {
        if (!S_FLAGS.test(at(i))) return false;
        i++;
      }
      continue;
    }
    return false;
  }
  return true;
}
