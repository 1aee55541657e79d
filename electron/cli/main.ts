/**
 * The `airlock` command. Subcommands load lazily so `airlock mcp` (launched by MCP clients for every
 * session) starts fast and pulls in nothing but the bridge.
 */
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

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${process.env.npm_package_version ?? '0.1.0'}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`airlock: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`airlock: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
