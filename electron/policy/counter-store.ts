/**
 * Persistent rate-limit counters. Windows are fixed and UTC-aligned (minute, hour, day), as in
 * PolicyLayer: a counter resets at the window boundary, so up to 2×max calls can pass across one
 * boundary — the price of counters that are one row each and survive restarts. A call's increments
 * are reserved together before it is forwarded and given back with {@link CounterStore.refund} when
 * it fails upstream or never runs (denied or expired approval).
 */
import { randomUUID } from 'node:crypto';
import type { LimitCharge } from '../../shared/policy/evaluate';
import type { PolicyDatabase } from './policy-db';

/** Result of reserving a call's charges. */
export type Reservation =
  | { readonly ok: true; readonly reservationId: string | null }
  | { readonly ok: false; readonly charge: LimitCharge };

/** Counter access for the gate. */
export interface CounterStore {
  /** Current count for a key (0 when absent). */
  usage(key: string): number;
  /** Atomically re-checks and increments every charge; null id when there was nothing to charge. */
  reserve(charges: readonly LimitCharge[]): Reservation;
  /** Gives a reservation's increments back; false when unknown or already settled. */
  refund(reservationId: string): boolean;
  /** Keeps a reservation's increments for good (the call succeeded). */
  commit(reservationId: string): void;
  /** Deletes counters and reservations whose window has ended. */
  prune(now: number): void;
}

/** Creates the counter store over an open policy database. */
export function createCounterStore(db: PolicyDatabase): CounterStore {
  const get = db.prepare<[string], { count: number }>('SELECT count FROM counters WHERE key = ?');
  const bump = db.prepare(
    'INSERT INTO counters (key, counter, window_end, count) VALUES (?, ?, ?, 1) ON CONFLICT(key) DO UPDATE SET count = count + 1',
  );
  const addReservation = db.prepare('INSERT INTO reservations (id, keys, window_end) VALUES (?, ?, ?)');
  const getReservation = db.prepare<[string], { keys: string }>('SELECT keys FROM reservations WHERE id = ?');
  const dropReservation = db.prepare('DELETE FROM reservations WHERE id = ?');
  const decrement = db.prepare('UPDATE counters SET count = MAX(count - 1, 0) WHERE key = ?');
  const pruneCounters = db.prepare('DELETE FROM counters WHERE window_end <= ?');
  const pruneReservations = db.prepare('DELETE FROM reservations WHERE window_end <= ?');

  const usage = (key: string): number => get.get(key)?.count ?? 0;

  const reserve = db.transaction((charges: readonly LimitCharge[]): Reservation => {
    for (const c of charges) {
      if (usage(c.key) + 1 > c.max) return { ok: false, charge: c };
    }
    if (charges.length === 0) return { ok: true, reservationId: null };
    for (const c of charges) bump.run(c.key, c.counter, c.windowEnd);
    const id = randomUUID();
    addReservation.run(
      id,
      JSON.stringify(charges.map((c) => c.key)),
      Math.max(...charges.map((c) => c.windowEnd)),
    );
    return { ok: true, reservationId: id };
  });

  const refund = db.transaction((reservationId: string): boolean => {
    const row = getReservation.get(reservationId);
    if (!row) return false;
    for (const key of JSON.parse(row.keys) as string[]) decrement.run(key);
    dropReservation.run(reservationId);
    return true;
  });

  return {
    usage,
    // Most calls charge nothing: skip the (empty) write transaction entirely.
    reserve: (charges) => (charges.length === 0 ? { ok: true, reservationId: null } : reserve(charges)),
    refund: (id) => refund(id),
    commit(id) {
      dropReservation.run(id);
    },
    prune(now) {
      pruneCounters.run(now);
      pruneReservations.run(now);
    },
  };
}
