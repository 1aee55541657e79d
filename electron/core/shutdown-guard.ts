/**
 * Keeps a shutdown from being cut short by a repeated stop signal. A terminal's Ctrl+C reaches every
 * process of the foreground group (npm, scripts/start.mjs and `airlock serve`), and start.mjs forwards it
 * once more: without a listener the second SIGINT kills the core mid-shutdown, its sessions never record
 * their end, and the next start labels them "crashed".
 */

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Runs `work` with SIGINT and SIGTERM absorbed (noted once on stderr), then restores default handling. */
export async function absorbSignalsDuring<T>(work: () => Promise<T>): Promise<T> {
  let noted = false;
  const absorb = (): void => {
    if (noted) return;
    noted = true;
    process.stderr.write('airlock: already shutting down; ending sessions cleanly\n');
  };
  for (const signal of SIGNALS) process.on(signal, absorb);
  try {
    return await work();
  } finally {
    for (const signal of SIGNALS) process.off(signal, absorb);
  }
}
