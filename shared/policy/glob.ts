/**
 * Glob patterns for server names, tool names, paths and command tokens. One small, fixed dialect so a
 * pattern means the same thing in the core and in the browser UI, independent of the platform's path
 * separator: `*` matches any run of characters (including `/`), `?` exactly one, `[abc]` / `[a-z]` /
 * `[!abc]` a class, and `\` escapes the next character. Matching is anchored and case-sensitive.
 */

const cache = new Map<string, RegExp>();

/** Characters that make a pattern a glob rather than a literal. */
export const GLOB_META = /[*?[\\]/;

/** True when `pattern` has no glob metacharacters (so an exact lookup is enough). */
export function isLiteralGlob(pattern: string): boolean {
  return !GLOB_META.test(pattern);
}

/** Escapes every glob metacharacter in `literal`, e.g. for tool names imported from other formats. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Compiles a glob to an anchored RegExp; throws on an unterminated class. */
export function globToRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*') {
      out += '[\\s\\S]*';
    } else if (c === '?') {
      out += '[\\s\\S]';
    } else if (c === '\\') {
      i++;
      out += escapeRegExp(pattern.charAt(i));
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new Error(`Unterminated [ in glob ${JSON.stringify(pattern)}`);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else {
      out += escapeRegExp(c);
    }
  }
  const re = new RegExp(`${out}$`, 'u');
  if (cache.size > 5000) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** True when `text` matches the glob `pattern`. */
export function globMatch(pattern: string, text: string): boolean {
  return globToRegExp(pattern).test(text);
}

const listCache = new Map<string, (text: string) => boolean>();

/**
 * A compiled matcher for a list of globs (any of them). Matchers are shared between rules with the same
 * patterns and remember their last answer, because one decision asks many rules about the same name.
 */
export function compileGlobList(patterns: readonly string[]): (text: string) => boolean {
  const cacheKey = patterns.join('\u0000');
  const hit = listCache.get(cacheKey);
  if (hit) return hit;
  let matcher: (text: string) => boolean;
  if (patterns.includes('*')) matcher = () => true;
  else {
    const exact = new Set(patterns.filter(isLiteralGlob));
    // A literal prefix rejects most names before the regular expression runs.
    const globs = patterns
      .filter((p) => !isLiteralGlob(p))
      .map((p) => ({ prefix: literalPrefix(p), re: globToRegExp(p) }));
    let lastText: string | undefined;
    let lastResult = false;
    matcher = (text) => {
      if (text === lastText) return lastResult;
      lastText = text;
      lastResult = exact.has(text) || globs.some((g) => text.startsWith(g.prefix) && g.re.test(text));
      return lastResult;
    };
  }
  if (listCache.size > 5000) listCache.clear();
  listCache.set(cacheKey, matcher);
  return matcher;
}

/** The characters before the first glob metacharacter. */
function literalPrefix(pattern: string): string {
  const i = pattern.search(GLOB_META);
  return i < 0 ? pattern : pattern.slice(0, i);
}

function escapeRegExp(c: string): string {
  // Only syntax characters may be escaped under the `u` flag.
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
