/**
 * `--help` text for every command and subcommand (`airlock servers add --help`, `airlock help history
 * export`). Loaded only when help is asked for, so `airlock mcp` start-up does not pay for it.
 */
import { USAGE } from './usage';

const DATA_DIR =
  '  --data-dir DIR         the data folder (default: AIRLOCK_DATA_DIR, else the per-user folder)';

const PROFILE_OPTIONS = `  --description TEXT     a note shown in the console (at most 500 characters)
  --env KEY=VALUE        an environment variable for a stdio upstream (repeatable)
  --cwd DIR              the working folder of a stdio upstream
  --url URL              a Streamable HTTP upstream (http:// or https://) instead of a command
  --header KEY=VALUE     an HTTP header sent to a --url upstream (repeatable)
  --elicitation MODE     where the upstream's own questions go: queue (Airlock's queue, default) or client
  --answer-early TIME    answer a held call with "pending approval, retry" after TIME (1s to 10m, e.g. 25s,
                         1500ms, 2m; a bare number is seconds), for clients with a fixed tool time-out;
                         off turns it off
${DATA_DIR}`;

const SERVERS = `Usage: airlock servers <command> [options]

Commands:
  add NAME [options] -- COMMAND [ARGS…]   save a stdio upstream profile
  add NAME --url URL [options]           save a Streamable HTTP upstream profile
  edit NAME [options] [-- COMMAND [ARGS…]]
                                         change only the given options of a saved profile
  list [--json]                          every saved profile
  show NAME                              one profile, as JSON
  remove NAME                            delete a profile
  names [--json]                         who owns each name claimed with airlock mcp --name
  accept-name NAME                       move a name to the command line waiting for it

Run \`airlock servers <command> --help\` for a command's options.
`;

const HISTORY_FILTERS = `Filters: --client NAME --server NAME --host HOST --decision allow|deny|require_approval
         --from TIME --to TIME   (ISO 8601 or milliseconds since 1970)
${DATA_DIR}`;

const POLICY = `Usage: airlock policy <command>

Commands:
  check FILE                             validate a native or PolicyLayer policy (errors at line:column)
  test --policy FILE --server NAME --tool TOOL --args JSON [--server-info NAME | --launch "CMD…"]
                                         decide one call and print the decision as JSON
  test --policy FILE --cases CASES.jsonl run policy test cases (for CI)
  import-policylayer FILE                print the native equivalent of a PolicyLayer policy
  schema                                 print the JSON Schema of the native policy format
  default                                print the policy written on first start

Run \`airlock policy <command> --help\` for a command's options.
`;

const HISTORY = `Usage: airlock history <command> [options]

Commands:
  sessions [filters] [--limit N] [--cursor C] [--json]   list sessions, newest first
  search TEXT [filters] [--session ID] [--limit N] [--cursor C] [--json]
                                                        full-text search over commands, arguments and output
  export [--session ID] [--format jsonl|csv] [--out FILE] [--text Q] [filters]
                                                        export a session or the matching calls
  verify [--json]                                       check the hash chain
  prune [--days N] [--mb N]                             apply retention now

${HISTORY_FILTERS}
Run \`airlock history <command> --help\` for a command's options.
`;

/** Help text by command path ("servers add"); the top-level text is under "". */
const HELP: Record<string, string> = {
  '': USAGE,
  mcp: `Usage: airlock mcp --server NAME [--data-dir DIR]
       airlock mcp [--name NAME] [--elicitation queue|client] [--data-dir DIR] -- COMMAND [ARGS…]

The stdio bridge MCP clients launch: it relays the client to the running Airlock core, which checks every
call against the policy and the approval queue before the upstream sees it.

  --server NAME          a saved server profile (see airlock servers add)
  --name NAME            the name an inline upstream runs as (default: named after what it launches)
  --elicitation MODE     where an inline upstream's own questions go: queue (default) or client
${DATA_DIR}

Everything after -- is the upstream command line, passed through untouched (its own --help included).
Exit status: 0 when the client ends the session, 1 when the core is unreachable or refuses the session,
2 for bad arguments (every request is then answered with the usage error).
`,
  serve: `Usage: airlock serve [--data-dir DIR] [--port N] [--open] [--no-console] [--policy FILE]

Runs the core headless until SIGINT or SIGTERM, with the approval console in a browser (the login link is
printed as "Console: …"). On shutdown every session ends with a clear error and the socket file is removed.

  --port N               the console's port (0 picks a free one); remembered, so the next start without
                         --port listens there again. A taken port is an error naming it (exit 1)
  --open                 also open the console in the default browser (says so where none can be opened)
  --no-console           no browser console (bridges and the CLI only)
  --policy FILE          start with this policy (saved as the current policy version)
  --background           accepted for the desktop app's launcher; serve never opens a window
${DATA_DIR}
`,
  'console-url': `Usage: airlock console-url [--data-dir DIR]

Prints a fresh login link to the running core's browser console. Each link works once and for 10 minutes;
it signs the browser in for the console login lifetime (setting, default 12 hours).

${DATA_DIR}
Exit status: 0 printed, 1 when no core runs for the data folder or it runs with --no-console.
`,
  open: `Usage: airlock open [--data-dir DIR]

Opens the running core's browser console in the default browser with a fresh login link ($BROWSER when
set, else open, start or xdg-open). Where no browser can be opened (no display, no opener) it says why and
prints the link instead, for you to open.

${DATA_DIR}
Exit status: 0 opened, 1 when no browser could be opened (the link is printed) or no core runs.
`,
  servers: SERVERS,
  'servers add': `Usage: airlock servers add NAME [options] -- COMMAND [ARGS…]
       airlock servers add NAME --url URL [options]

Saves an upstream profile, used from an MCP client with: airlock mcp --server NAME
NAME: 1–64 letters, digits, dot, dash or underscore, starting with a letter or digit.
A profile of that name already there is not replaced unless --force (or change it with airlock servers edit).

${PROFILE_OPTIONS}
  --force                replace an existing profile of that name
`,
  'servers edit': `Usage: airlock servers edit NAME [options] [-- COMMAND [ARGS…]]

Changes only the given options of a saved profile; everything else stays as it was.
A new command after -- (or a --url) replaces the upstream and switches transport when it differs.

${PROFILE_OPTIONS}
  --unset-env KEY        remove an environment variable (repeatable)
  --unset-header KEY     remove an HTTP header (repeatable)
  --description '' and --cwd '' remove those settings.
`,
  'servers list': `Usage: airlock servers list [--json] [--data-dir DIR]

Lists saved profiles: one "NAME<TAB>command or url" line each, or the full profiles as JSON.
`,
  'servers show': `Usage: airlock servers show NAME [--data-dir DIR]

Prints one saved profile as JSON. Exit 1 when there is no profile of that name.
`,
  'servers remove': `Usage: airlock servers remove NAME [--data-dir DIR]

Deletes a saved profile. Exit 1 when there is no profile of that name.
`,
  'servers names': `Usage: airlock servers names [--json] [--data-dir DIR]

Lists every name claimed with airlock mcp --name, the command line that owns it and any other command line
waiting for it.
`,
  'servers accept-name': `Usage: airlock servers accept-name NAME [--data-dir DIR]

Moves NAME to the command line waiting for it: new sessions of that command line then run as NAME, with its
pins and counters. Exit 1 when nothing is waiting for NAME.
`,
  policy: POLICY,
  'policy check': `Usage: airlock policy check FILE

Validates a native (airlock/1) or PolicyLayer policy. Errors are printed as FILE:line:column with the JSON
path. Exit 0 valid, 1 invalid or unreadable, 2 bad arguments.
`,
  'policy test': `Usage: airlock policy test --policy FILE --server NAME --tool TOOL --args JSON
                           [--server-info NAME] [--launch "COMMAND ARGS…"] [--data-dir DIR] [--session ID]
                           [-- COMMAND ARGS…]
       airlock policy test --policy FILE --cases CASES.jsonl [--data-dir DIR]

Decides one call and prints the decision as JSON (counters and pins in memory: nothing on disk changes).
Without --server-info the server is identified from --launch (or the command after --), else the saved
profile NAME, else the tool name; stderr says how.
With --cases: one JSON case a line, {"server","tool","args","expect","rule"?,"serverInfo"?,"launch"?,"name"?};
exit 0 when every case passes, 1 on a mismatch, 2 on an invalid line.
`,
  'policy import-policylayer': `Usage: airlock policy import-policylayer FILE

Prints the native (airlock/1) equivalent of a PolicyLayer policy.
`,
  'policy schema': `Usage: airlock policy schema

Prints the JSON Schema of the native policy format (for editors and CI).
`,
  'policy default': `Usage: airlock policy default

Prints the policy Airlock writes on first start.
`,
  history: HISTORY,
  'history sessions': `Usage: airlock history sessions [filters] [--limit N] [--cursor C] [--json]

Lists sessions, newest first; "More: --cursor C" continues a long list.

${HISTORY_FILTERS}
`,
  'history search': `Usage: airlock history search TEXT [filters] [--session ID] [--limit N] [--cursor C] [--json]

Full-text search over commands, arguments and output (whole words; end a word with * for a prefix).

${HISTORY_FILTERS}
`,
  'history export': `Usage: airlock history export [--session ID] [--format jsonl|csv] [--out FILE] [--text Q] [filters]

Exports one whole session (--session) or the calls matching the filters, to stdout or --out FILE (written
in full or not at all). jsonl is the default format.

${HISTORY_FILTERS}
`,
  'history verify': `Usage: airlock history verify [--json] [--data-dir DIR]

Checks the history's hash chain. Exit 0 intact, 1 at the first broken link.
`,
  'history prune': `Usage: airlock history prune [--days N] [--mb N] [--data-dir DIR]

Applies retention now: removes whole, ended sessions older than N days or beyond N megabytes.
`,
};

/** The help for a command path such as `['servers', 'add']`; falls back to the nearest command's. */
export function helpText(path: readonly string[]): string {
  for (let length = Math.min(path.length, 2); length > 0; length -= 1) {
    const text = HELP[path.slice(0, length).join(' ')];
    if (text !== undefined) return text;
  }
  return USAGE;
}
