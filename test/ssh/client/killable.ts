import type { Client } from 'ssh2';
import { shellQuote } from './shell-quote';

const PID_MARK = '__airlock_rig_pid=';

/**
 * Wraps a command so it can be killed later. OpenSSH ignores `signal` channel requests when privilege
 * separation is off (always the case for a root login, and for a non-root sshd), and closing a channel
 * leaves a non-PTY command running. So the wrapper reports its shell's pid (sshd made it a session and
 * process-group leader with setsid) on stderr, then execs the real command in the user's shell.
 */
export function killableCommand(command: string): string {
  return `printf '${PID_MARK}%s\\n' "$$" >&2; exec "$SHELL" -c ${shellQuote(command)}`;
}

/** Splits the pid line the wrapper prints off the front of stderr. */
export class PidLineParser {
  private pending = '';
  private done = false;

  /** Feeds stderr; returns the text that belongs to the command (the pid line removed) and the pid once seen. */
  feed(text: string): { readonly text: string; readonly pid?: number } {
    if (this.done) return { text };
    this.pending += text;
    const newline = this.pending.indexOf('\n');
    if (newline < 0) return { text: '' };
    this.done = true;
    const first = this.pending.slice(0, newline);
    const rest = this.pending.slice(newline + 1);
    this.pending = '';
    if (!first.startsWith(PID_MARK)) return { text: `${first}\n${rest}` };
    const pid = Number(first.slice(PID_MARK.length));
    return Number.isInteger(pid) && pid > 1 ? { text: rest, pid } : { text: rest };
  }
}

/**
 * Stops the remote process group led by `pid` over a second channel of the same connection: TERM first so
 * shells run their exit traps (and release any lock files), KILL after about a second if still alive.
 */
export function killRemoteGroup(client: Client, pid: number): void {
  const script =
    `kill -TERM -- -${pid} ${pid} 2>/dev/null; ` +
    `for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 ${pid} 2>/dev/null || exit 0; sleep 0.1; done; ` +
    `kill -KILL -- -${pid} ${pid} 2>/dev/null; true`;
  client.exec(script, (error, channel) => {
    // The connection may already be closing; nothing is left to kill then.
    if (error) return;
    channel.resume();
    channel.stderr.resume();
  });
}
