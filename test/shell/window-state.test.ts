/** The window preferences: electron-store's file in the data folder, and what is read back is checked. */
import './no-electron-runtime';

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { WINDOW_SIZE } from '../../electron/shell/window-options';
import { openWindowStateStore, restoreWindow } from '../../electron/shell/window-state';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('restoreWindow', () => {
  it('uses saved bounds that a display shows', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true };
    expect(restoreWindow(saved, screen)).toEqual(saved);
  });

  it('drops a position no display shows any more, keeping the size', () => {
    const saved = { bounds: { x: 2500, y: 50, width: 1000, height: 700 }, maximized: false };
    expect(restoreWindow(saved, screen)).toEqual({ bounds: { width: 1000, height: 700 }, maximized: false });
    // A second display to the right shows it.
    expect(
      restoreWindow(saved, [...screen, { x: 1920, y: 0, width: 1920, height: 1080 }]).bounds,
    ).toHaveProperty('x', 2500);
  });

  it('grows a too-small size to the minimum', () => {
    expect(restoreWindow({ bounds: { width: 10, height: 10 } }, screen).bounds).toEqual({
      width: WINDOW_SIZE.minWidth,
      height: WINDOW_SIZE.minHeight,
    });
  });

  it('ignores anything that is not bounds', () => {
    for (const junk of [
      undefined,
      null,
      'x',
      { bounds: { width: '1e9', height: 5 } },
      { bounds: { width: 1.5 } },
    ])
      expect(restoreWindow(junk, screen)).toEqual({ bounds: {}, maximized: false });
  });
});

describe('openWindowStateStore', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the state across opens in an owner-only window-state.json', () => {
    dir = mkdtempSync(join(tmpdir(), 'al-'));
    const state = { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: true };
    openWindowStateStore(dir).save(state);
    expect(openWindowStateStore(dir).read()).toEqual(state);
    expect(statSync(join(dir, 'window-state.json')).mode & 0o077).toBe(0);
  });

  it('starts afresh from a damaged file instead of failing', () => {
    dir = mkdtempSync(join(tmpdir(), 'al-'));
    writeFileSync(join(dir, 'window-state.json'), '{ not json');
    const store = openWindowStateStore(dir);
    expect(store.read()).toBeUndefined();
    expect(restoreWindow(store.read(), screen)).toEqual({ bounds: {}, maximized: false });
  });
});
