/**
 * Serves the built renderer from one folder: files only (no directory listing), no path outside the
 * folder (traversal, encoded or not), no dotfiles, a fixed set of content types.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** A file ready to send. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Maps a URL path to a file inside `root`, or null when it must be refused (outside the root, a dotfile,
 * an unknown type, undecodable). `/` maps to `index.html`.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((part) => part.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, normalize(relative));
  if (!full.startsWith(base + sep)) return null;
  if (!(extname(full) in CONTENT_TYPES)) return null;
  return full;
}

/** Reads a static file, or null when it is refused or missing (directories included). */
export async function loadStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const full = resolveStaticPath(root, urlPath);
  if (full === null) return null;
  try {
    const info = await stat(full);
    if (!info.isFile()) return null;
    return {
      body: await readFile(full),
      contentType: CONTENT_TYPES[extname(full)] ?? 'application/octet-stream',
    };
  } catch {
    return null;
  }
}
