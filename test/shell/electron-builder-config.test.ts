/** electron-builder.yml flips the fuses the security checklist asks for (item 19) and rebuilds better-sqlite3. */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');

function setting(key: string): string | undefined {
  return new RegExp(`^\\s*${key}:\\s*(\\S+)`, 'm').exec(yml)?.[1];
}

describe('electron-builder.yml', () => {
  it('sets every fuse', () => {
    expect(yml).toMatch(/^electronFuses:/m);
    expect(setting('runAsNode')).toBe('false');
    expect(setting('enableNodeOptionsEnvironmentVariable')).toBe('false');
    expect(setting('enableNodeCliInspectArguments')).toBe('false');
    expect(setting('onlyLoadAppFromAsar')).toBe('true');
    expect(setting('enableEmbeddedAsarIntegrityValidation')).toBe('true');
    expect(setting('enableCookieEncryption')).toBe('true');
    expect(setting('grantFileProtocolExtraPrivileges')).toBe('false');
  });

  it('rebuilds native modules for Electron and unpacks better-sqlite3', () => {
    expect(setting('npmRebuild')).toBe('true');
    expect(yml).toContain('better-sqlite3');
  });

  it('gives every platform the app icon and ships the tray icons the shell loads', () => {
    expect(setting('buildResources')).toBe('build');
    expect(yml.match(/^\s+icon: build\/icon\.png$/gm)).toHaveLength(3);
    expect(yml).toMatch(/^\s+- build\/tray\/\*\.png$/m);
  });
});
