/**
 * Lexical path normalisation for policy matching: `.` and empty segments go, `..` removes the segment
 * before it, and `~`/`~user` stay as the prefix they are (the remote home is not known here). Symbolic
 * links are not resolved: nothing on this side can see the remote file system.
 */

/**
 * `/home/u/../../etc/shadow` → `/etc/shadow`, `~//a/./b/` → `~/a/b/`, `a/../../b` → `../b`. A trailing
 * slash is kept (`/etc/` still matches the glob `/etc/*`).
 */
export function normalisePath(path: string): string {
  if (path === '') return path;
  const body = normaliseBody(path);
  const trailing = /\/\.?$/.test(path) && !body.endsWith('/') ? '/' : '';
  return body === '.' && trailing ? './' : `${body}${trailing}`;
}

function normaliseBody(path: string): string {
  let prefix = '';
  let rest = path;
  if (path.startsWith('/')) {
    prefix = '/';
    rest = path.slice(1);
  } else if (path.startsWith('~')) {
    const slash = path.indexOf('/');
    prefix = slash < 0 ? path : path.slice(0, slash + 1);
    rest = slash < 0 ? '' : path.slice(slash + 1);
    if (slash < 0) return path;
  }
  const out: string[] = [];
  for (const segment of rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      const last = out[out.length - 1];
      if (last !== undefined && last !== '..') out.pop();
      // Above an absolute root `..` stays at the root; above a home or working folder it is kept.
      else if (prefix !== '/') out.push('..');
      continue;
    }
    out.push(segment);
  }
  const body = out.join('/');
  if (prefix === '/') return `/${body}`;
  if (prefix) return body ? `${prefix}${body}` : prefix.replace(/\/$/, '');
  return body || '.';
}

/** True when a token reads as a path whose spelling normalisation could change (`/`, `~`, `./`, `../`). */
export function looksLikePath(token: string): boolean {
  return /^(\/|~|\.\.?\/)/.test(token);
}

/** True when a command word names a file outside the usual program folders (`/tmp/ls`, `./ls`). */
export function isForeignProgramPath(name: string): boolean {
  return name.includes('/') && !/^\/(usr\/)?(local\/)?s?bin\/[^/]+$/.test(name);
}
