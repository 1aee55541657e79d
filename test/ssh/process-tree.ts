import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid from a `/proc/<pid>/stat` line; the command name may contain spaces and parentheses. */
export function parentPidFromStat(stat: string): number | undefined {
  const afterName = stat.slice(stat.lastIndexOf(')') + 2);
  const ppid = Number(afterName.split(' ')[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/**
 * Every live descendant of `root` (Linux /proc). sshd forks a process per connection and those start
 * the user's shells; killing only the listener would leave them running.
 */
export function descendantPids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we were looking
    }
    const ppid = parentPidFromStat(stat);
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const found: number[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Sends `signal` to each pid, ignoring ones that are already gone. */
export function killAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // ESRCH: already exited.
    }
  }
}

/** The pids that still run (zombies count as gone: they only wait to be reaped). */
export function alivePids(pids: readonly number[]): number[] {
  return pids.filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  });
}

/**
 * Stops a process tree: TERM to everything (so shells run their exit traps and release lock files), up to
 * `graceMs` for it to go, then KILL for what is left. Synchronous, so it also works in an exit hook.
 */
export function terminateTree(root: number, graceMs: number): void {
  const all = [root, ...descendantPids(root)];
  killAll(all, 'SIGTERM');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + graceMs;
  while (alivePids(all).length > 0 && Date.now() < deadline) Atomics.wait(pause, 0, 0, 20);
  killAll(alivePids(all), 'SIGKILL');
}
