/**
 * Turns the core services' change feeds into the console's push channels: full-state snapshots,
 * throttled so bursts stay cheap.
 */
import type {
  PolicyStatus,
  QueueSnapshot,
  SessionsSnapshot,
  SettingsView,
} from '../../shared/contract/views';
import type { ConsolePushSource, PushMessage } from './backend';
import type { ConsoleServices } from './services';
import { throttle } from './throttle';

const PUSH_INTERVAL_MS = 100;

/** The pending queue, newest first. */
export function queueSnapshot(services: ConsoleServices): QueueSnapshot {
  const items = services.approvals
    .list()
    .filter((item) => item.state.kind === 'pending')
    .sort((a, b) => b.createdAt - a.createdAt);
  return { items };
}

/** Live sessions. */
export function sessionsSnapshot(services: ConsoleServices): SessionsSnapshot {
  return { sessions: services.sessions.list() };
}

/** Policy status, or why no policy is active. */
export function policyStatus(services: ConsoleServices): PolicyStatus {
  return services.policy.status();
}

/** Settings. */
export function settingsView(services: ConsoleServices): SettingsView {
  return services.settings.get();
}

/** A push source over the services, plus its teardown. */
export function createPushSource(services: ConsoleServices): ConsolePushSource & { dispose(): void } {
  const listeners = new Set<(message: PushMessage) => void>();
  const emit = (message: PushMessage) => {
    for (const listener of listeners) listener(message);
  };
  const queue = throttle(
    () => emit({ channel: 'queue:changed', data: queueSnapshot(services) }),
    PUSH_INTERVAL_MS,
  );
  const sessions = throttle(
    () => emit({ channel: 'sessions:changed', data: sessionsSnapshot(services) }),
    PUSH_INTERVAL_MS,
  );
  const teardown: (() => void)[] = [
    queue.cancel,
    sessions.cancel,
    services.approvals.subscribe(() => {
      queue.trigger();
      // Pending counts per session change with the queue.
      sessions.trigger();
    }),
    services.events.subscribe((event) => {
      if (event.type.startsWith('session.') && event.type !== 'session.log') sessions.trigger();
    }),
    services.policy.subscribe((data) => emit({ channel: 'policy:status', data })),
    services.settings.subscribe((data) => emit({ channel: 'settings:changed', data })),
  ];
  return {
    snapshot() {
      return [
        { channel: 'queue:changed', data: queueSnapshot(services) },
        { channel: 'sessions:changed', data: sessionsSnapshot(services) },
        { channel: 'policy:status', data: policyStatus(services) },
        { channel: 'settings:changed', data: settingsView(services) },
      ];
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      for (const stop of teardown) stop();
      listeners.clear();
    },
  };
}
