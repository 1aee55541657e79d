/**
 * The `airlock` command. Subcommands load lazily so `airlock mcp` (launched by MCP clients for every
 * session) starts fast and pulls in nothing but the bridge. Exit status: 0 success, 1 failure, 2 usage.
 */
import { describeCliError, EXIT } from './cli-errors';
import { endQuietlyOnClosedPipe } from './closed-pipe';
import { USAGE } from './usage';

/** A subcommand: takes its own argv, resolves with the exit code. */
type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  mcp: async () => (await import('./mcp-command')).mcpCommand,
  serve: async () => (await import('./serve-command')).serveCommand,
  servers: async () => (await import('./servers-command')).serversCommand,
  policy: async () => (await import('./policy-command')).policyCommand,
  history: async () => (await import('./history-command')).historyCommand,
  'console-url': async () => (await import('./console-url-command')).consoleUrlCommand,
  open: async () => (await import('./console-url-command')).openCommand,
};

/** `--help` or `-h` before any `--`: what follows `--` belongs to the upstream command. */
function helpRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

async function printHelp(path: readonly string[]): Promise<number> {
  process.stdout.write((await import('./help')).helpText(path));
  return EXIT.ok;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(USAGE);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h') return printHelp([]);
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${process.env.npm_package_version ?? '0.1.0'}\n`);
    return EXIT.ok;
  }
  if (name === 'help') {
    const [topic, sub] = rest;
    if (topic !== undefined && !(topic in commands)) {
      process.stderr.write(`airlock help: unknown command '${topic}'. See \`airlock --help\`.\n`);
      return EXIT.usage;
    }
    return printHelp([topic, sub].filter((part) => part !== undefined));
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`airlock: unknown command '${name}'. See \`airlock --help\`.\n`);
    return EXIT.usage;
  }
  if (helpRequested(rest)) {
    const sub = rest[0];
    return printHelp(sub === undefined || sub.startsWith('-') ? [name] : [name, sub]);
  }
  return (await load())(rest);
}

endQuietlyOnClosedPipe();
const argv = process.argv.slice(2);
main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { text, code } = describeCliError(error, argv[0] === undefined ? 'airlock' : `airlock ${argv[0]}`);
    process.stderr.write(text);
    process.exitCode = code;
  },
);
