/**
 * The console's profile saving over the real profile store in a temp folder: a new profile never replaces
 * one of the same name unless the operator confirmed it, an edit keeps write-only secrets and options the
 * form left out, and a rename never lands on a taken name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { profilesPort } from '../../electron/console/adapters/profiles-adapter';
import { openProfileStore } from '../../electron/profiles/profile-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function port() {
  const dir = mkdtempSync(join(tmpdir(), 'al-profiles-'));
  dirs.push(dir);
  const store = openProfileStore(dir);
  return { store, port: profilesPort(store) };
}

const stdio = (name: string, args: string[] = []) =>
  ({ name, transport: 'stdio', command: 'node', args, cwd: null }) as const;

describe('console profile saving', () => {
  it('refuses a new profile over an existing name unless overwrite, which starts from nothing', async () => {
    const { store, port: p } = port();
    await p.save({ ...stdio('box', ['a']), env: { TOKEN: 's3cret' }, description: 'old' }, null, false);
    await expect(async () => p.save(stdio('box', ['b']), null, false)).rejects.toThrow(
      /A profile named "box" already exists\. Confirm to replace it/,
    );
    expect(store.get('box')).toMatchObject({ args: ['a'], env: { TOKEN: 's3cret' } });
    await p.save(stdio('box', ['b']), null, true);
    expect(store.get('box')).toMatchObject({ args: ['b'], env: {} });
    expect(store.get('box')?.description).toBeUndefined();
  });

  it('an edit keeps secrets and options it does not send; null turns answer-early off', async () => {
    const { store, port: p } = port();
    await p.save(
      { ...stdio('box'), env: { TOKEN: 's' }, elicitation: 'client', answerEarlyMs: 20_000 },
      null,
      false,
    );
    expect(await p.list()).toEqual([
      expect.objectContaining({
        name: 'box',
        elicitation: 'client',
        answerEarlyMs: 20_000,
        envKeys: ['TOKEN'],
      }),
    ]);
    await p.save({ ...stdio('box', ['x']), description: 'lab' }, 'box', false);
    expect(store.get('box')).toMatchObject({
      args: ['x'],
      env: { TOKEN: 's' },
      elicitation: 'client',
      answerEarly: { enabled: true, afterMs: 20_000 },
      description: 'lab',
    });
    await p.save({ ...stdio('box'), answerEarlyMs: null, description: '' }, 'box', false);
    expect(store.get('box')?.answerEarly).toBeUndefined();
    expect(store.get('box')?.description).toBeUndefined();
  });

  it('HTTP header values are write-only and kept on edit; a rename onto a taken name is refused', async () => {
    const { store, port: p } = port();
    await p.save(
      {
        name: 'web',
        transport: 'http',
        url: 'https://example.test/mcp',
        headers: { Authorization: 'Bearer t' },
      },
      null,
      false,
    );
    expect(await p.list()).toEqual([expect.objectContaining({ name: 'web', headerKeys: ['Authorization'] })]);
    await p.save({ name: 'web', transport: 'http', url: 'https://example.test/v2' }, 'web', false);
    expect(store.get('web')).toMatchObject({
      url: 'https://example.test/v2',
      headers: { Authorization: 'Bearer t' },
    });
    await p.save(stdio('box'), null, false);
    await expect(async () => p.save(stdio('box'), 'web', true)).rejects.toThrow(
      /already exists; remove it first/,
    );
    expect(store.get('web')).toBeDefined();
  });
});
