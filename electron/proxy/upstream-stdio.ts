/**
 * A stdio upstream: the MCP server as a child process. Stdout carries JSON-RPC lines; stderr lines go to
 * the session log. Closing always ends the process (and its process group), because some servers —
 * server-everything among them — do not exit when their stdin closes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createLineSplitter } from './line-splitter';
import { createLineWriter } from './line-writer';
import { describeOverlong, readOverlong, type RpcId } from './overlong-message';
import { parseLine } from './jsonrpc';
import type { Upstream, UpstreamHandlers } from './upstream';

/** What to launch. `env` is the complete environment of the child. */
export interface StdioUpstreamSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

const STDERR_TAIL = 20;

/** An error response standing in for a message too large to carry. */
function tooLarge(id: RpcId, why: string): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code: -32603, message: `Airlock: ${why}; it was dropped` } };
}
const isWindows = process.platform === 'win32';

/** Creates a stdio upstream; nothing runs until `start()`. */
export function createStdioUpstream(
  spec: StdioUpstreamSpec,
  handlers: UpstreamHandlers,
): Upstream & { stderrTail(): string[] } {
  let child: ChildProcess | undefined;
  let closing = false;
  let spawned = false;
  const tail: string[] = [];
  let exited: Promise<void> = Promise.resolve();
  // One write per event-loop pass, not per message (see line-writer.ts).
  const toChild = createLineWriter((text) => {
    if (child?.stdin?.writable) child.stdin.write(text);
  });

  const onStdout = createLineSplitter({
    line(text) {
      const parsed = parseLine(text);
      if (parsed.ok) handlers.message(parsed.message);
      else handlers.invalid(`${parsed.reason} (upstream stdout: ${text.slice(0, 200)})`);
    },
    overflow(overlong) {
      // Never a silent drop: the client's request gets an error in place of the answer it cannot have,
      // and the upstream's own request gets an error back.
      const message = readOverlong(overlong);
      const what = describeOverlong(overlong, 'the upstream');
      switch (message.kind) {
        case 'response':
          handlers.invalid(`${what}: the response to ${JSON.stringify(message.id)} became an error`);
          return handlers.message(
            tooLarge(message.id, `the upstream's answer was ${overlong.bytes} bytes, over the limit`),
          );
        case 'request':
          handlers.invalid(`${what}: its request ${JSON.stringify(message.id)} was refused`);
          if (child?.stdin?.writable) {
            const refusal = tooLarge(message.id, `your request was ${overlong.bytes} bytes, over the limit`);
            toChild.write(JSON.stringify(refusal));
          }
          return;
        case 'notification':
        case 'unreadable':
          return handlers.invalid(`${what}; dropped`);
        default:
          return message satisfies never;
      }
    },
  });
  const onStderr = createLineSplitter({
    line(text) {
      tail.push(text);
      if (tail.length > STDERR_TAIL) tail.shift();
      handlers.stderr(text);
    },
    overflow() {
      /* stderr is diagnostics only: an overlong line is dropped silently */
    },
  });

  function killTree(signal: NodeJS.Signals): void {
    if (!child?.pid) return;
    try {
      // The child leads its own process group (detached), so wrappers like `npx` die with their server.
      if (!isWindows) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      child.kill(signal);
    }
  }

  return {
    stderrTail: () => [...tail],
    start() {
      return new Promise<void>((resolve, reject) => {
        const proc = spawn(spec.command, [...spec.args], {
          env: { ...spec.env },
          cwd: spec.cwd,
          stdio: ['pipe', 'pipe', 'pipe'],
          detached: !isWindows,
          windowsHide: true,
        });
        child = proc;
        exited = new Promise((done) => proc.once('close', () => done()));
        proc.once('error', (error) => {
          reject(new Error(`could not start '${spec.command}': ${error.message}`));
        });
        proc.once('spawn', () => {
          spawned = true;
          resolve();
        });
        proc.stdout.on('data', onStdout);
        proc.stderr.on('data', onStderr);
        proc.stdin.on('error', () => {
          /* EPIPE after the child died: reported by 'close' below */
        });
        proc.once('close', (code, signal) => {
          // A process that never spawned is reported once, through start()'s rejection.
          if (closing || !spawned) return;
          const last = tail.length > 0 ? `; last stderr: ${tail[tail.length - 1] ?? ''}` : '';
          const how = signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;
          handlers.exit({ code, signal, message: `upstream '${spec.command}' ${how}${last}` });
        });
      });
    },
    send(message: JSONRPCMessage) {
      if (!child?.stdin?.writable) return;
      toChild.write(JSON.stringify(message));
    },
    setProtocolVersion() {
      /* stdio carries no protocol-version header */
    },
    async close() {
      if (!child || closing) return exited;
      closing = true;
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      toChild.flush();
      child.stdin?.end();
      const graceful = await Promise.race([exited.then(() => true), delay(300).then(() => false)]);
      if (graceful) return;
      killTree('SIGTERM');
      const terminated = await Promise.race([exited.then(() => true), delay(2000).then(() => false)]);
      if (!terminated) killTree('SIGKILL');
      await Promise.race([exited, delay(2000)]);
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
