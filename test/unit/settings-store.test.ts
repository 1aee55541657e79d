/** The settings store on a real config.json: an update changes only the keys it names. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openSettingsStore } from '../../electron/core/settings-store';

describe('settings store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every setting a patch does not name (the remembered console port included)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-settings-'));
    dirs.push(dir);
    const store = openSettingsStore(dir);
    store.update({ consolePort: 41_234, expirySeconds: 60, consoleSessionSeconds: 3600 });
    store.update({ notifications: false });
    // A second store reads the file afresh: what was saved is on disk, not only in memory.
    expect(openSettingsStore(dir).get()).toMatchObject({
      consolePort: 41_234,
      expirySeconds: 60,
      consoleSessionSeconds: 3600,
      notifications: false,
    });
  });

  it('defaults the console login to 12 hours and the port to "any free one"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'al-settings-'));
    dirs.push(dir);
    expect(openSettingsStore(dir).get()).toMatchObject({ consoleSessionSeconds: 43_200, consolePort: 0 });
  });
});
