/**
 * Opens a URL in the default browser where this machine has one: `$BROWSER` when set, else `open`
 * (macOS), `start` (Windows) or `xdg-open` (Linux and BSDs, only with a display). Says why not otherwise,
 * so the caller can print the link for the operator to open.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Whether the browser was asked to open the URL, or why it could not be. */
export type OpenResult =
  { readonly opened: true; readonly via: string } | { readonly opened: false; readonly reason: string };

/** An opener's failure shows within this long (xdg-open with no handler exits 3 at once); a browser
 * still running after it is taken as opened, since some openers stay in the foreground for its lifetime. */
const SETTLE_MS = 3000;

/**
 * The command that opens a URL here, or why there is none (pure: decided from the environment only).
 * `$BROWSER` follows the usual convention: the first of a `:`-separated list, with `%s` for the URL.
 */
export function browserCommand(
  url: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  onPath: (name: string) => boolean,
): { command: string; args: string[] } | { reason: string } {
  const chosen = env.BROWSER?.split(delimiter)[0]?.trim();
  if (chosen !== undefined && chosen.length > 0) {
    const [command = chosen, ...rest] = chosen.split(/\s+/);
    const args = rest.some((arg) => arg.includes('%s'))
      ? rest.map((arg) => arg.replaceAll('%s', url))
      : [...rest, url];
    return { command, args };
  }
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // The login token is base64url, so cmd has nothing to interpret in the URL.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { reason: 'no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set, nor BROWSER)' };
  if (!onPath('xdg-open')) return { reason: 'xdg-open is not installed' };
  return { command: 'xdg-open', args: [url] };
}

function executableOnPath(name: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      /* next */
    }
  }
  return false;
}

/** Asks the default browser to open `url`; resolves once the opener succeeded, failed, or kept running. */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenResult> {
  const chosen = browserCommand(url, env, process.platform, (name) => executableOnPath(name, env));
  if ('reason' in chosen) return Promise.resolve({ opened: false, reason: chosen.reason });
  return new Promise((resolve) => {
    const child = spawn(chosen.command, chosen.args, { stdio: 'ignore', detached: true, env });
    const settle = setTimeout(() => {
      // Still running: a browser (or an opener waiting on one). It is the operator's now.
      child.unref();
      resolve({ opened: true, via: chosen.command });
    }, SETTLE_MS);
    child.once('error', (error) => {
      clearTimeout(settle);
      resolve({ opened: false, reason: `${chosen.command} could not start (${error.message})` });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(settle);
      if (code === 0) resolve({ opened: true, via: chosen.command });
      else
        resolve({
          opened: false,
          reason: `${chosen.command} failed (${signal ?? `exit ${code ?? '?'}`})`,
        });
    });
  });
}
