import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { connectSsh } from './connect';
import { killableCommand, killRemoteGroup, PidLineParser } from './killable';
import type { SshTarget } from './target';

/** Limits and hooks for one remote command. */
export interface ExecOptions {
  /** Aborting kills the remote command's process group. */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Output beyond this many bytes (stdout + stderr) is dropped and `truncated` is set. */
  readonly maxOutputBytes?: number;
  readonly onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
}

/** What a remote command did. */
export interface ExecResult {
  /** Exit status; null when the command was killed or the channel closed without one. */
  readonly code: number | null;
  readonly exitSignal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved in arrival order. */
  readonly combined: string;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly truncated: boolean;
  readonly durationMs: number;
}

/** How the remote command ended, as far as its `exit` event said. */
interface ExitStatus {
  code: number | null;
  signal: string | null;
}

/**
 * Opens the exec channel and starts listening for its exit status inside ssh2's callback. ssh2 parses
 * a whole read synchronously: when the command is quick, its exit-status can arrive in the same read as
 * the channel's success and is emitted before a promise continuation could attach a listener — the
 * output (buffered by the stream) survives, the status would not.
 */
function openExec(client: Client, command: string): Promise<{ channel: ClientChannel; exit: ExitStatus }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) {
        reject(error);
        return;
      }
      const exit: ExitStatus = { code: null, signal: null };
      channel.on('exit', (exitCode: number | null, signalName?: string) => {
        exit.code = typeof exitCode === 'number' ? exitCode : null;
        exit.signal = signalName ?? null;
      });
      resolve({ channel, exit });
    });
  });
}

/**
 * Runs `command` on an open connection and collects its output. When a signal or time-out is given the
 * command is wrapped (see `killableCommand`) so that stopping it really ends the remote process.
 */
export async function execOnClient(
  client: Client,
  command: string,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const started = Date.now();
  const killable = options.signal !== undefined || options.timeoutMs !== undefined;
  const { channel, exit } = await openExec(client, killable ? killableCommand(command) : command);
  const cap = options.maxOutputBytes ?? Number.POSITIVE_INFINITY;
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  const pidLine = new PidLineParser();
  let remotePid: number | undefined;
  let stopRequested = false;
  let used = 0;
  const out = { stdout: '', stderr: '', combined: '' };
  let truncated = false;
  let timedOut = false;
  let cancelled = false;

  const emit = (text: string, stream: 'stdout' | 'stderr'): void => {
    if (text === '') return;
    out[stream] += text;
    out.combined += text;
    options.onOutput?.(text, stream);
  };
  const take = (data: Buffer, stream: 'stdout' | 'stderr'): void => {
    let text = decoders[stream].write(data);
    if (killable && stream === 'stderr') {
      const parsed = pidLine.feed(text);
      text = parsed.text;
      if (parsed.pid !== undefined) {
        remotePid = parsed.pid;
        if (stopRequested) killRemoteGroup(client, remotePid);
      }
    }
    const bytes = Buffer.byteLength(text);
    if (used + bytes > cap) {
      truncated = true;
      text = Buffer.from(text)
        .subarray(0, Math.max(0, cap - used))
        .toString('utf8');
    }
    used += Buffer.byteLength(text);
    emit(text, stream);
  };

  return new Promise((resolve) => {
    const stop = (): void => {
      if (stopRequested) return;
      stopRequested = true;
      // Before the pid line arrives there is nothing to kill yet; `take` kills as soon as it does.
      if (remotePid !== undefined) killRemoteGroup(client, remotePid);
    };
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stop();
          }, options.timeoutMs);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    channel.on('data', (data: Buffer) => take(data, 'stdout'));
    channel.stderr.on('data', (data: Buffer) => take(data, 'stderr'));
    channel.on('close', () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        code: exit.code,
        exitSignal: exit.signal,
        ...out,
        timedOut,
        cancelled,
        truncated,
        durationMs: Date.now() - started,
      });
    });
  });
}

/** Connects, runs one command, disconnects. */
export async function execOnce(
  target: SshTarget,
  command: string,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const client = await connectSsh(target);
  try {
    return await execOnClient(client, command, options);
  } finally {
    client.end();
  }
}
