/**
 * The structural floor of Airlock's process layout, for the proxy benchmark: relays that copy bytes and
 * parse nothing. `stdio -- CMD…` is one hop (client → relay → upstream). `listen SOCKET -- CMD…` and
 * `connect SOCKET` are the two hops Airlock has (client → bridge → core over a unix socket → upstream):
 * `connect` stands where `airlock mcp` does, `listen` where the core does, starting one upstream per
 * connection. Built to dist/bench/byte-relay.js beside the benchmark.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { Readable, Writable } from 'node:stream';

function upstream(command: readonly string[]): ChildProcessByStdio<Writable, Readable, null> {
  const [cmd, ...args] = command;
  if (cmd === undefined) throw new Error('byte-relay: no upstream command after --');
  return spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
}

function commandAfterDashes(argv: readonly string[]): string[] {
  const at = argv.indexOf('--');
  return at === -1 ? [] : argv.slice(at + 1);
}

const [mode, socketPath] = process.argv.slice(2);
if (mode === 'stdio') {
  const child = upstream(commandAfterDashes(process.argv));
  process.stdin.pipe(child.stdin);
  child.stdout.pipe(process.stdout);
  child.once('exit', () => process.exit(0));
} else if (mode === 'connect' && socketPath) {
  const socket = connect(socketPath);
  process.stdin.pipe(socket);
  socket.pipe(process.stdout);
  socket.once('close', () => process.exit(0));
} else if (mode === 'listen' && socketPath) {
  const command = commandAfterDashes(process.argv);
  const server = createServer((socket) => {
    const child = upstream(command);
    socket.pipe(child.stdin);
    child.stdout.pipe(socket);
    socket.once('close', () => child.kill());
    child.once('exit', () => socket.destroy());
  });
  server.listen(socketPath, () => process.stdout.write('ready\n'));
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  process.stderr.write('usage: byte-relay stdio -- CMD… | listen SOCKET -- CMD… | connect SOCKET\n');
  process.exit(2);
}
