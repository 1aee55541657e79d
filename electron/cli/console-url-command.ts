/**
 * `airlock console-url`: asks the running core, over its owner-only socket and with the token file a
 * bridge uses, for a fresh one-time console login link, and prints it. `airlock open` also opens it in
 * the default browser where there is one, and prints it (exit 1) where there is none.
 */
import { connect, type Socket } from 'node:net';

import { consoleUrlReplySchema, type ConsoleUrlReply } from '../core/control-request';
import { checkPathSync } from '../core/file-security';
import { HANDSHAKE_VERSION } from '../core/handshake-version';
import { resolveDataDir, socketPath } from '../core/paths';
import { readTokenSync } from '../core/token';
import { parseFlags, stringFlag } from './args';
import { CommandError, EXIT } from './cli-errors';
import { openInBrowser } from './open-browser';

/** A live core answers at once; this only bounds a wedged one. */
const REPLY_TIMEOUT_MS = 10_000;

function openSocket(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads the core's one-line answer (it ends the connection after it). */
function readReply(socket: Socket): Promise<ConsoleUrlReply> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the core did not answer in time'));
    }, REPLY_TIMEOUT_MS);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      let raw: unknown;
      try {
        raw = JSON.parse(text.split('\n')[0] ?? '');
      } catch {
        raw = undefined;
      }
      const parsed = consoleUrlReplySchema.safeParse(raw);
      if (parsed.success) resolve(parsed.data);
      else reject(new Error('the core sent no readable answer (is it the same Airlock version?)'));
    });
  });
}

/**
 * Asks the core of `dataDir` for a login link. Throws a message that says what to do: start the core
 * when none runs, drop `--no-console` when it runs without the console.
 */
export async function requestConsoleUrl(dataDir: string): Promise<string> {
  const path = socketPath(dataDir);
  let socket: Socket;
  try {
    socket = await openSocket(path);
  } catch (error) {
    throw new Error(
      `no Airlock core is running for the data folder ${dataDir}. Start it with \`airlock serve\` ` +
        '(or `npm start`), then try again.',
      { cause: error },
    );
  }
  try {
    // The socket file's owner and mode are checked like a bridge does: a core run by someone else gets
    // neither our token nor a chance to hand us a link.
    const unsafe = checkPathSync('core socket', path);
    if (unsafe !== null) throw new Error(unsafe);
    const token = readTokenSync(dataDir);
    socket.write(`${JSON.stringify({ type: 'console-url', version: HANDSHAKE_VERSION, token })}\n`);
    const reply = await readReply(socket);
    if (reply.type === 'refused') throw new Error(`the Airlock core refused: ${reply.reason}`);
    return reply.url;
  } finally {
    socket.destroy();
  }
}

async function fetchUrl(command: string, argv: string[]): Promise<string> {
  const { values } = parseFlags(command, argv, { 'data-dir': { type: 'string' } });
  const dataDir = resolveDataDir(stringFlag(values, 'data-dir'));
  try {
    return await requestConsoleUrl(dataDir);
  } catch (error) {
    throw new CommandError(command, (error as Error).message, { cause: error });
  }
}

/** `airlock console-url [--data-dir DIR]`: prints a fresh one-time login link (exit 1 without a core). */
export async function consoleUrlCommand(argv: string[]): Promise<number> {
  const url = await fetchUrl('airlock console-url', argv);
  process.stdout.write(`${url}\n`);
  return EXIT.ok;
}

/**
 * `airlock open [--data-dir DIR]`: a fresh link opened in the default browser (exit 0). Where no browser
 * can be opened the link goes to stdout and the reason to stderr, with exit 1: the operator opens it.
 */
export async function openCommand(argv: string[]): Promise<number> {
  const url = await fetchUrl('airlock open', argv);
  const opened = await openInBrowser(url);
  if (opened.opened) {
    // The browser spends the link at once, so it is not printed: it would be dead scrollback.
    process.stdout.write(`Opened the console in the default browser (${opened.via}).\n`);
    return EXIT.ok;
  }
  process.stderr.write(
    `airlock open: cannot open a browser here: ${opened.reason}. Open this link yourself (it works once):\n`,
  );
  process.stdout.write(`${url}\n`);
  return EXIT.failure;
}
