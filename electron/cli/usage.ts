/** The `airlock --help` text: every command the dispatcher knows, with its notable flags. */
export const USAGE = `Airlock — an approval console for AI agents that use SSH through MCP.

Usage:
  airlock mcp --server NAME                           Bridge an MCP client to a saved server profile
  airlock mcp [--name NAME] [--elicitation queue|client] -- COMMAND [ARGS…]
                                                      Bridge an MCP client to an inline stdio server
                                                      (named after what it launches unless --name)
  airlock serve [--port N] [--open] [--no-console] [--policy FILE]
                                                      Run the core headless, with the console in a browser
                                                      (--port is remembered for the next start)
  airlock console-url                                 Print a fresh one-time login link to the running console
  airlock open                                        Open the running console in the default browser
  airlock servers add NAME [options] [--force] -- COMMAND [ARGS…]
  airlock servers add NAME --url URL [options] [--force]
                                                      Save an upstream profile (stdio or Streamable HTTP);
                                                      options: --description --env --cwd --header
                                                      --elicitation queue|client --answer-early TIME|off
  airlock servers edit NAME [options] [-- COMMAND [ARGS…]]
                                                      Change only the given options of a saved profile
  airlock servers list [--json] | show NAME | remove NAME
  airlock servers names [--json] | accept-name NAME   Names claimed with airlock mcp --name
  airlock policy check FILE | import-policylayer FILE Validate or convert a policy
  airlock policy schema | default                     The policy format's JSON Schema; the first-start policy
  airlock policy test --policy FILE --server NAME --tool TOOL --args JSON [--server-info NAME | --launch "CMD…"]
  airlock policy test --policy FILE --cases CASES.jsonl
                                                      Decide one call, or run policy test cases (CI)
  airlock history sessions | search TEXT | export [--format jsonl|csv] [--out FILE] | verify
  airlock history prune [--days N] [--mb N]           Read, export, verify and trim session history
  airlock help [COMMAND [SUBCOMMAND]]                 This text, or a command's (same as COMMAND --help)

Every command takes --help (-h) and --data-dir DIR. The data folder defaults to the per-user Airlock folder;
AIRLOCK_DATA_DIR or --data-dir overrides it. Exit status: 0 success, 1 failure, 2 bad arguments.
`;
