/** The desktop app's command line: what the bridge's autostart passes is what the shell understands. */
import { describe, expect, it } from 'vitest';

import { desktopAppArgs } from '../../electron/bridge/autostart';
import { appArguments, launchRequestOf, parseShellArgs, SHELL_USAGE } from '../../electron/shell/shell-args';

describe('parseShellArgs', () => {
  it('reads the arguments the bridge starts the app with', () => {
    expect(parseShellArgs(desktopAppArgs('/tmp/al-x'))).toEqual({
      kind: 'ok',
      args: { background: true, dataDir: '/tmp/al-x' },
    });
  });

  it('starts in the foreground with the default folder when given nothing', () => {
    expect(parseShellArgs([])).toEqual({ kind: 'ok', args: { background: false, dataDir: undefined } });
  });

  it('accepts --data-dir=DIR and ignores the macOS process serial number', () => {
    expect(parseShellArgs(['-psn_0_12345', '--data-dir=/d'])).toEqual({
      kind: 'ok',
      args: { background: false, dataDir: '/d' },
    });
  });

  it.each([
    [['--backgroud'], "unknown option '--backgroud'"],
    [['--data-dir'], '--data-dir needs a folder'],
    [['--data-dir', '--background'], '--data-dir needs a folder'],
    [['--data-dir='], '--data-dir needs a folder'],
    [['--data-dir', '/a', '--data-dir', '/b'], '--data-dir was given twice'],
    [['stray'], "unexpected argument 'stray'"],
  ])('refuses %j with a message naming the problem and the usage', (args, problem) => {
    expect(parseShellArgs(args)).toEqual({ kind: 'error', message: `${problem}; ${SHELL_USAGE}` });
  });
});

describe('appArguments', () => {
  it('skips only the executable in a packaged app, and the app path in the development runtime', () => {
    expect(appArguments(['/opt/Airlock/airlock', '--background'], true)).toEqual(['--background']);
    expect(appArguments(['electron', '/repo', '--background'], false)).toEqual(['--background']);
  });
});

describe('launchRequestOf', () => {
  it('reads what a second start sent, and treats anything else as a request for the window', () => {
    expect(launchRequestOf({ background: true, dataDir: '/d' })).toEqual({ background: true, dataDir: '/d' });
    expect(launchRequestOf(undefined)).toEqual({ background: false, dataDir: undefined });
    expect(launchRequestOf({ background: 'yes', dataDir: 3 })).toEqual({
      background: false,
      dataDir: undefined,
    });
  });
});
