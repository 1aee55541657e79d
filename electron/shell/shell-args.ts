/**
 * The desktop app's own command line, parsed without Electron so the bridge's autostart stand-in and the
 * shell read it the same way. The bridge starts the app with `--background --data-dir DIR`
 * (electron/bridge/autostart.ts); a flag the app does not know is an error, never silently ignored.
 */

/** What the desktop app was asked to do. */
export interface ShellArgs {
  /** Start with no window: the core and the tray only, until the operator asks for the console. */
  readonly background: boolean;
  /** The data folder the core uses; undefined means AIRLOCK_DATA_DIR, else the per-user folder. */
  readonly dataDir: string | undefined;
}

/** The parse result: the arguments, or a message naming the bad one. */
export type ShellArgsResult =
  { readonly kind: 'ok'; readonly args: ShellArgs } | { readonly kind: 'error'; readonly message: string };

/** How to start the app, for error messages. */
export const SHELL_USAGE = 'usage: Airlock [--background] [--data-dir DIR]';

/**
 * The app's arguments out of `process.argv`: a packaged app has only its executable before them, the
 * development runtime (`electron APP_PATH …`, also what playwright launches) has the app path too.
 */
export function appArguments(argv: readonly string[], isPackaged: boolean): string[] {
  return argv.slice(isPackaged ? 1 : 2);
}

/** Parses the app's arguments (see `appArguments`). */
export function parseShellArgs(args: readonly string[]): ShellArgsResult {
  let background = false;
  let dataDir: string | undefined;
  const fail = (problem: string): ShellArgsResult => ({
    kind: 'error',
    message: `${problem}; ${SHELL_USAGE}`,
  });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--background') {
      background = true;
    } else if (arg === '--data-dir' || arg.startsWith('--data-dir=')) {
      const value = arg === '--data-dir' ? args[++i] : arg.slice('--data-dir='.length);
      if (value === undefined || value === '' || (arg === '--data-dir' && value.startsWith('--')))
        return fail('--data-dir needs a folder');
      if (dataDir !== undefined && dataDir !== value) return fail('--data-dir was given twice');
      dataDir = value;
    } else if (arg.startsWith('-psn_')) {
      // Older macOS Finder launches add a process serial number; it is not the operator's.
      continue;
    } else {
      return fail(arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`);
    }
  }
  return { kind: 'ok', args: { background, dataDir } };
}

/**
 * What a second start of the app asks of the running one (sent as the single-instance lock's
 * `additionalData`): a bridge's `--background` start only makes sure the core runs and opens no window.
 */
export interface LaunchRequest {
  readonly background: boolean;
  /** The resolved data folder the second start was given. */
  readonly dataDir: string | undefined;
}

/** Reads a second instance's request; anything unrecognised (e.g. an older version) asks for the window. */
export function launchRequestOf(data: unknown): LaunchRequest {
  if (typeof data !== 'object' || data === null) return { background: false, dataDir: undefined };
  const record = data as { background?: unknown; dataDir?: unknown };
  return {
    background: record.background === true,
    dataDir: typeof record.dataDir === 'string' ? record.dataDir : undefined,
  };
}
