/**
 * The console window's security options (Electron checklist items 2–4, 6, 8–10, 18) and the IPC sender
 * check (item 17), held in place by test. Electron's runtime is not needed: only its types.
 */
import { describe, expect, it } from 'vitest';

import { APP_ENTRY, APP_ORIGIN, mainWindowOptions } from '../../electron/shell/window-options';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/dist/electron-main/preload.cjs');
  const prefs = options.webPreferences ?? {};

  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron-main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the renderer from the custom app:// origin, never file://', () => {
    expect(APP_ORIGIN).toBe('app://console');
    expect(APP_ENTRY.startsWith(`${APP_ORIGIN}/`)).toBe(true);
    expect(JSON.stringify(options)).not.toContain('file://');
  });

  it('keeps devtools off unless asked for explicitly', () => {
    expect(prefs.devTools).toBe(false);
  });
});
