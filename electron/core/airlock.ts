/**
 * The whole headless application: the core plus its stores, the policy gate, the approval broker and
 * history, wired in a fixed order. The Electron shell and `airlock serve` both start Airlock through here.
 */
import { join } from 'node:path';
import { createApprovalBroker } from '../approvals/broker';
import { historyPath } from '../history/open-database';
import { openHistoryStore } from '../history/store';
import type { RetentionPolicy } from '../history/types';
import { initCommandAnalyzer } from '../policy/command/analyzer';
import { createCounterStore } from '../policy/counter-store';
import { createPolicyGate } from '../policy/gate';
import { createPolicyInterceptor } from '../policy/interceptor';
import { createLaunchProbe } from '../policy/launch-probe';
import { createPinStore } from '../policy/pin-store';
import { createNameRegistry } from '../policy/name-bindings';
import { openPolicyDatabase } from '../policy/policy-db';
import { openPolicyStore } from '../policy/policy-store';
import type { CallInterceptor } from '../proxy/interceptor';
import { createApprovalHold } from './approval-hold';
import { startCore } from './core';
import { createElicitationGate, withQueueElicitation } from './elicitation-gate';
import { ensurePrivateDirSync } from './file-security';
import type { AirlockServices } from './airlock-services';
import { absorbSignalsDuring } from './shutdown-guard';
import { createRunningCalls } from './running-calls';
import { openSettingsStore } from './settings-store';

/** How to start Airlock. */
export interface AirlockOptions {
  readonly dataDir: string;
  /**
   * The browser console; false to run without it. Without a port it listens where it listened last time
   * (the `consolePort` setting), or on any free port the first time; the port it gets is remembered.
   */
  readonly console: false | { readonly port?: number };
  readonly keepaliveMs?: number;
  /**
   * A policy the operator starting Airlock wants active (`airlock serve --policy FILE`): saved as a new
   * confirmed version. A file edited in the data folder behind the console's back is never adopted silently.
   */
  readonly startPolicy?: { readonly text: string; readonly source: string };
}

/** A running Airlock. */
export interface Airlock extends AirlockServices {
  /** The console URL with its one-time token, when the browser console runs. */
  readonly consoleUrl: string | undefined;
  shutdown(): Promise<void>;
}

/** Starts the core and everything around it. */
export async function startAirlock(options: AirlockOptions): Promise<Airlock> {
  const { dataDir } = options;
  ensurePrivateDirSync(dataDir);
  const settings = openSettingsStore(dataDir);
  const history = openHistoryStore({
    path: historyPath(dataDir),
    retention: retentionOf(settings.get()),
    onError: (error) => process.stderr.write(`airlock: history: ${error.message}\n`),
  });
  // Settings changed in the console take effect at once, not at the next start.
  settings.subscribe((next) => history.setRetention(retentionOf(next)));
  const policyDb = openPolicyDatabase(dataDir);
  const policy = openPolicyStore({ dataDir, db: policyDb });
  if (options.startPolicy) {
    const saved = policy.save(options.startPolicy.text, {
      author: 'operator',
      note: `airlock serve --policy ${options.startPolicy.source}`,
    });
    if (!saved.ok) {
      policy.close();
      policyDb.close();
      history.close();
      throw new Error(
        `the policy in ${options.startPolicy.source} is invalid: ${saved.errors.map((e) => e.message).join('; ')}`,
      );
    }
  }
  // Command analysis needs the shell grammar; without it every command-bearing call is held (fail closed).
  const analyzer = await initCommandAnalyzer().catch((error: unknown) => {
    process.stderr.write(
      `airlock: shell grammar unavailable (${(error as Error).message}); commands will need approval\n`,
    );
    return null;
  });
  const names = createNameRegistry(policyDb);
  const gate = createPolicyGate({
    store: policy,
    counters: createCounterStore(policyDb),
    pins: createPinStore(policyDb),
    analyzer,
    launchTargetCheck: createLaunchProbe(),
    names,
  });
  const expiryMs = (): number => settings.get().expirySeconds * 1000;
  const broker = createApprovalBroker({
    clock: Date.now,
    setTimer: (callback, ms) => setTimeout(callback, ms).unref(),
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
    defaultExpiryMs: expiryMs(),
  });

  const core = await startCore({
    dataDir,
    keepaliveMs: options.keepaliveMs,
    writeAhead: (event) => history.recordAhead(event),
    names,
    onSessionLaunch: (sessionId, serverName, launch, nameConflict) => {
      if (nameConflict) gate.registerNameConflict(sessionId, nameConflict);
      if (launch.transport === 'stdio')
        gate.registerLaunch(
          serverName,
          { command: launch.command, args: launch.args, env: launch.env },
          sessionId,
        );
    },
    createInterceptor: (c) => {
      // call.received goes through writeAhead (group-committed before the call may run); the rest in order.
      c.events.subscribe((event) => {
        if (event.type !== 'call.received') history.record(event);
      });
      c.events.subscribe((event) => {
        if (event.type === 'call.completed') {
          const ok = event.outcome.kind === 'result' && !event.outcome.isError;
          // The result text teaches the gate which host a session id or alias stands for.
          gate.onResult(event.callId, ok, event.outcome.kind === 'result' ? event.outcome.text : undefined);
        }
      });
      // What runs upstream, and whether an operator approved it: an upstream's confirmation prompt for
      // an approved command is answered from that approval.
      const running = createRunningCalls();
      c.events.subscribe((event) => running.observe(event));
      const policyInterceptor = createPolicyInterceptor(gate, createApprovalHold({ broker, expiryMs }));
      const interceptor: CallInterceptor = {
        ...policyInterceptor,
        onToolCall: (ctx) => policyInterceptor.onToolCall(ctx),
        onClientCapabilities: withQueueElicitation,
        onServerRequest: createElicitationGate({
          broker,
          expiryMs,
          running,
          emit: (event) => c.events.emit(event),
        }),
        onSessionEnd(session) {
          policyInterceptor.onSessionEnd?.(session);
          broker.invalidateSession(session.sessionId, 'the agent session ended');
        },
      };
      return interceptor;
    },
  });

  const services = { core, broker, policy, gate, history, settings };
  let consoleClose: (() => Promise<void>) | undefined;
  let consoleUrl: string | undefined;
  if (options.console !== false) {
    const { startConsole } = await import('./console');
    const port = options.console.port ?? settings.get().consolePort;
    let started: Awaited<ReturnType<typeof startConsole>>;
    try {
      started = await startConsole({ ...services, port });
    } catch (error) {
      // Nothing half-started stays behind (a listening core would keep the process alive).
      broker.shutdown('Airlock could not start');
      await core.shutdown();
      history.close();
      policy.close();
      policyDb.close();
      // A remembered port says where it came from: the operator never typed it this time.
      const remembered =
        options.console.port === undefined && port !== 0
          ? ` (port ${port} is the one remembered from the last start)`
          : '';
      throw new Error(`the browser console cannot start: ${(error as Error).message}${remembered}`, {
        cause: error,
      });
    }
    if (settings.get().consolePort !== started.port) settings.update({ consolePort: started.port });
    core.setConsoleLogin(started.createLoginUrl);
    consoleUrl = started.url;
    consoleClose = started.close;
  }

  let stopped: Promise<void> | undefined;
  return {
    ...services,
    consoleUrl,
    shutdown() {
      stopped ??= absorbSignalsDuring(async () => {
        broker.shutdown('Airlock is shutting down');
        await core.shutdown();
        await consoleClose?.();
        history.close();
        policy.close();
        policyDb.close();
      });
      return stopped;
    },
  };
}

function retentionOf(settings: { retentionDays: number; retentionMb: number }): RetentionPolicy {
  return {
    ...(settings.retentionDays > 0 ? { maxAgeDays: settings.retentionDays } : {}),
    ...(settings.retentionMb > 0 ? { maxMegabytes: settings.retentionMb } : {}),
  };
}

/** Where the renderer bundle is, relative to the built CLI. */
export function rendererDir(root: string): string {
  return join(root, 'dist', 'renderer');
}
