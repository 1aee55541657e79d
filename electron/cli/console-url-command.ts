/**
 * `airlock console-url`: asks the running core, over its owner-only socket and with the token file a
 * bridge uses, for a fresh one-time console login link, and prints it. `airlock open` also opens it in
 * the default browser where there is one.
 */
import { connect, type Socket } from 'node:net';

import { HANDSHAKE_VERSION } from '../core/handshake-version';
import type { ConsoleUrlReply } from '../core/control-request';
import { checkPathSync } from '../core/file-security';
import { resolveDataDir, socketPath } from '../core/paths';
import { readTokenSync } from '../core/token';
import { parseFlags, stringFlag } from './args';
import { openInBrowser } from './open-browser';

const REPLY_TIMEOUT_MS = 10_000;

function openSocket(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

function readReply(socket: Socket): Promise<ConsoleUrlReply> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the core did not answer in time'));
    }, REPLY_TIMEOUT_MS);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('close', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(text.split('\n')[0] ?? '') as ConsoleUrlReply);
      } catch {
        reject(new Error('the core sent no readable answer (is it the same Airlock version?)'));
      }
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Asks the core of `dataDir` for a login link; throws with a clear message when there is no core. */
export async function requestConsoleUrl(dataDir: string): Promise<string> {
  const path = socketPath(dataDir);
  if (process.platform !== 'win32') {
    const unsafe = checkPathSync('core socket', path);
    if (unsafe !== null && !unsafe.includes('not accessible')) throw new Error(unsafe);
  }
  let socket: Socket;
  try {
    socket = await openSocket(path);
  } catch (error) {
    throw new Error(
      `no Airlock core is running for the data folder ${dataDir} (socket ${path}). ` +
        'Start it with `airlock serve` (or `npm start`).',
      { cause: error },
    );
  }
  const token = readTokenSync(dataDir);
  socket.write(`${JSON.stringify({ type: 'console-url', version: HANDSHAKE_VERSION, token })}\n`);
  const reply = await readReply(socket);
  if (reply.type === 'refused') throw new Error(`the Airlock core refused: ${reply.reason}`);
  return reply.url;
}

async function run(name: 'console-url' | 'open', argv: string[]): Promise<number> {
  const { values } = parseFlags(`airlock ${name}`, argv, { 'data-dir': { type: 'string' } });
  const dataDir = resolveDataDir(stringFlag(values, 'data-dir'));
  let url: string;
  try {
    url = await requestConsoleUrl(dataDir);
  } catch (error) {
    process.stderr.write(`airlock ${name}: ${(error as Error).message}\n`);
    return 1;
  }
  if (name === 'console-url') {
    process.stdout.write(`${url}\n`);
    return 0;
  }
  const opened = await openInBrowser(url);
  process.stdout.write(
    opened.opened
      ? `Opened the console in your browser (${opened.via}). The link works once:\n${url}\n`
      : `Cannot open a browser here: ${opened.reason}. Open this link yourself (it works once):\n${url}\n`,
  );
  return 0;
}

/** `airlock console-url [--data-dir DIR]`: prints a fresh one-time login link. */
export function consoleUrlCommand(argv: string[]): Promise<number> {
  return run('console-url', argv);
}

/** `airlock open [--data-dir DIR]`: the same link, opened in the default browser where there is one. */
export function openCommand(argv: string[]): Promise<number> {
  return run('open', argv);
}
