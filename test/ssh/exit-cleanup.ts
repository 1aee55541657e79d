/**
 * Synchronous clean-ups run when the test process ends, so a test that fails before its `afterAll` (or a
 * worker the runner terminates) still leaves no sshd or temp folder behind.
 */
const pending = new Set<() => void>();
let hooked = false;

function runAll(): void {
  for (const cleanup of [...pending]) {
    pending.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Best effort at exit: one failed clean-up must not stop the others.
    }
  }
}

/** Cleans up, then lets the signal do what it would have done without us. */
function onSignal(signal: NodeJS.Signals): void {
  runAll();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', runAll);
  // A runner may end a worker with a signal; without a handler Node would die without 'exit'.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, onSignal);
}

/** Registers `cleanup` to run at process exit; call the returned function once it has run normally. */
export function registerExitCleanup(cleanup: () => void): () => void {
  hook();
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}
