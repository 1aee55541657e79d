import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LimitCharge } from '../../shared/policy/evaluate';
import { createCounterStore } from '../../electron/policy/counter-store';
import { createPinStore } from '../../electron/policy/pin-store';
import { openPolicyDatabase, type PolicyDatabase } from '../../electron/policy/policy-db';
import { openPolicyStore, POLICY_FILE } from '../../electron/policy/policy-store';

const dirs: string[] = [];
const dbs: PolicyDatabase[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-policy-'));
  dirs.push(dir);
  return dir;
}
function open(dir: string): PolicyDatabase {
  const db = openPolicyDatabase(dir);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const charge = (key: string, max: number): LimitCharge => ({
  key,
  counter: 'c',
  scope: 'global',
  window: 'hour',
  max,
  windowStart: 0,
  windowEnd: 4_000_000_000_000,
});

describe('counter store', () => {
  it('persists counts across restarts and refunds a reservation once', () => {
    const dir = tempDir();
    const first = open(dir);
    const counters = createCounterStore(first);
    const a = counters.reserve([charge('k', 2)]);
    const b = counters.reserve([charge('k', 2)]);
    expect(a.ok && b.ok).toBe(true);
    expect(counters.reserve([charge('k', 2)])).toMatchObject({ ok: false });
    first.close();

    const again = createCounterStore(open(dir));
    expect(again.usage('k')).toBe(2);
    expect(b.ok && b.reservationId && again.refund(b.reservationId)).toBe(true);
    expect(b.ok && b.reservationId && again.refund(b.reservationId)).toBe(false);
    expect(again.usage('k')).toBe(1);
    again.prune(4_000_000_000_001);
    expect(again.usage('k')).toBe(0);
  });

  it('reserves all charges of a call or none', () => {
    const counters = createCounterStore(open(':memory:'));
    counters.reserve([charge('full', 1)]);
    expect(counters.reserve([charge('free', 5), charge('full', 1)])).toMatchObject({
      ok: false,
      charge: { key: 'full' },
    });
    expect(counters.usage('free')).toBe(0);
  });
});

describe('pin store', () => {
  it('pins on first sight, persists, flags changes until accepted', () => {
    const dir = tempDir();
    const pins = createPinStore(open(dir));
    const tool = {
      name: 't',
      description: 'd',
      inputSchema: { type: 'object', properties: { b: {}, a: {} } },
    };
    expect(pins.recordList('srv', [tool], 1)).toEqual([]);
    // Key order does not matter; content does.
    expect(
      pins.recordList('srv', [{ ...tool, inputSchema: { properties: { a: {}, b: {} }, type: 'object' } }], 2),
    ).toEqual([]);
    const changes = pins.recordList(
      'srv',
      [{ ...tool, inputSchema: { type: 'object', properties: { a: {}, b: {}, c: {} } } }],
      3,
    );
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'changed',
        diff: [{ kind: 'added', path: ['inputSchema', 'properties', 'c'], after: {} }],
      }),
    ]);
    dbs[0]?.close();
    const reopened = createPinStore(open(dir));
    expect(reopened.state('srv', 't')).toBe('changed');
    expect(reopened.acceptPinChange('srv', 't')).toBe(true);
    expect(reopened.state('srv', 't')).toBe('pinned');
    expect(reopened.recordList('srv', [], 4)).toEqual([
      expect.objectContaining({ kind: 'removed', tool: 't' }),
    ]);
  });
});

describe('pin store before and after the first complete listing', () => {
  it('trusts every tool until a complete listing is pinned, then flags new ones, across restarts', () => {
    const dir = tempDir();
    const pins = createPinStore(open(dir));
    const tool = (name: string) => ({ name, description: name, inputSchema: { type: 'object' } });
    // A tool called before any complete listing is on first sight.
    expect(pins.observe('srv', tool('early'), 1)).toBe('pinned');
    // The first complete listing (all pages together) pins everything in it.
    expect(pins.recordList('srv', [tool('early'), tool('a'), tool('b')], 2)).toEqual([]);
    expect(pins.state('srv', 'b')).toBe('pinned');
    dbs[0]?.close();
    const reopened = createPinStore(open(dir));
    // After it, a tool never seen before needs acceptance, even when first seen in a call.
    expect(reopened.observe('srv', tool('late'), 3)).toBe('added');
    expect(reopened.pending('srv').map((c) => [c.tool, c.kind])).toEqual([['late', 'added']]);
  });
});

describe('policy store', () => {
  const meta = { author: 'tester', note: 'n' };
  const policy = (id: string) =>
    `${JSON.stringify({ version: 'airlock/1', rules: [{ id, action: 'allow' }] }, null, 2)}\n`;

  it('writes the default policy on first start and keeps versions with diff and rollback', () => {
    const dir = tempDir();
    const store = openPolicyStore({ dataDir: dir, db: open(dir), now: () => 1000 });
    expect(store.status()).toMatchObject({
      failClosed: false,
      pending: null,
      active: { id: 1, source: 'default' },
    });
    expect(readFileSync(join(dir, POLICY_FILE), 'utf8')).toContain('deny-rm-root');
    expect(store.save(policy('one'), meta)).toMatchObject({ ok: true, version: { id: 2 } });
    expect(store.save(policy('two'), meta)).toMatchObject({ ok: true, version: { id: 3 } });
    expect(store.save('{"version":"airlock/1","rules":[{"id":"x"}]}', meta)).toMatchObject({ ok: false });
    expect(store.list().map((v) => v.id)).toEqual([3, 2, 1]);
    expect(store.diff(2, 3)).toEqual([
      { kind: 'removed', path: ['rules', 0], before: { id: 'one', action: 'allow' } },
      { kind: 'added', path: ['rules', 0], after: { id: 'two', action: 'allow' } },
    ]);
    expect(store.rollback(2, meta)).toMatchObject({ ok: true, version: { id: 4, source: 'rollback' } });
    expect(store.activeDocument()?.rules[0]?.id).toBe('one');
    expect(store.get(4)?.text).toBe(policy('one'));
  });

  it('moves an untouched default policy to the current default, and never an edited one', () => {
    const old = { version: 'airlock/1' as const, default: 'require_approval' as const, rules: [] };
    const fresh = tempDir();
    openPolicyStore({ dataDir: fresh, db: open(fresh), initialPolicy: old });
    dbs.pop()?.close();
    const upgraded = openPolicyStore({ dataDir: fresh, db: open(fresh) });
    expect(upgraded.status().active).toMatchObject({ id: 2, source: 'default' });
    expect(upgraded.activeDocument()?.rules.some((r) => r.id === 'allow-read-only-commands')).toBe(true);
    expect(readFileSync(join(fresh, POLICY_FILE), 'utf8')).toContain('allow-read-only-commands');

    const edited = tempDir();
    const first = openPolicyStore({ dataDir: edited, db: open(edited), initialPolicy: old });
    first.save(policy('mine'), meta);
    dbs.pop()?.close();
    const kept = openPolicyStore({ dataDir: edited, db: open(edited) });
    expect(kept.activeDocument()?.rules[0]?.id).toBe('mine');

    const onDisk = tempDir();
    openPolicyStore({ dataDir: onDisk, db: open(onDisk), initialPolicy: old });
    dbs.pop()?.close();
    writeFileSync(join(onDisk, POLICY_FILE), policy('disk'));
    const waiting = openPolicyStore({ dataDir: onDisk, db: open(onDisk) });
    expect(waiting.status().active).toMatchObject({ id: 1 });
    expect(waiting.status().pending).not.toBeNull();
  });

  it('a change on disk is pending until confirmed; an invalid one never takes effect', () => {
    const dir = tempDir();
    const store = openPolicyStore({ dataDir: dir, db: open(dir) });
    writeFileSync(join(dir, POLICY_FILE), policy('edited'));
    const change = store.checkDisk();
    expect(change?.result.ok).toBe(true);
    expect(store.activeDocument()?.rules[0]?.id).toBe('deny-rm-root');
    expect(store.confirmDiskChange(meta, 'stale-hash')).toMatchObject({ ok: false });
    expect(store.confirmDiskChange(meta, change?.hash)).toMatchObject({
      ok: true,
      version: { source: 'disk' },
    });
    expect(store.activeDocument()?.rules[0]?.id).toBe('edited');

    writeFileSync(join(dir, POLICY_FILE), '{ "version": "airlock/1", ');
    const bad = store.checkDisk();
    expect(bad?.result).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ line: 1 })]) as unknown,
    });
    expect(store.confirmDiskChange(meta)).toMatchObject({ ok: false });
    expect(store.activeDocument()?.rules[0]?.id).toBe('edited');

    // The confirmed state survives a restart; the file on disk is still unconfirmed.
    dbs[0]?.close();
    const reopened = openPolicyStore({ dataDir: dir, db: open(dir) });
    expect(reopened.activeDocument()?.rules[0]?.id).toBe('edited');
    expect(reopened.status().pending?.result.ok).toBe(false);
  });

  it('fails closed when there is no confirmed policy', () => {
    const dir = tempDir();
    writeFileSync(join(dir, POLICY_FILE), policy('unconfirmed'));
    const store = openPolicyStore({ dataDir: dir, db: open(dir) });
    expect(store.status()).toMatchObject({
      failClosed: true,
      active: null,
      pending: { result: { ok: true } },
    });
    expect(store.active().failClosed).toContain('confirm policy.json');
    expect(store.confirmDiskChange(meta)).toMatchObject({ ok: true });
    expect(store.status().failClosed).toBe(false);
  });
});
