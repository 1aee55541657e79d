/** The `airlock --help` text. */
export const USAGE = `Airlock — an approval console for AI agents that use SSH through MCP.

Usage:
  airlock mcp --server NAME [--data-dir DIR]          Bridge an MCP client to a saved server profile
  airlock mcp [--name NAME] [--data-dir DIR] -- COMMAND [ARGS…]
                                                      Bridge an MCP client to an inline stdio server
                                                      (named after what it launches unless --name)
  airlock serve [--data-dir DIR] [--port N] [--no-console] [--policy FILE]
                                                      Run the core headless, with the console in a browser
                                                      (--port is remembered for the next start)
  airlock console-url | open [--data-dir DIR]         A fresh one-time console login link (open: in a browser)
  airlock servers add NAME [--env K=V]… [--cwd DIR] [--description TEXT] -- COMMAND [ARGS…]
  airlock servers add NAME --url URL [--header K=V]…  Save an upstream profile (stdio or Streamable HTTP)
  airlock servers list [--json] | show NAME | remove NAME
  airlock servers names [--json] | accept-name NAME   Names claimed with airlock mcp --name
  airlock policy check FILE | import-policylayer FILE | schema | default
  airlock policy test --policy FILE --server NAME --tool TOOL --args JSON [--server-info NAME | --launch "CMD…"]
  airlock policy test --policy FILE --cases CASES.jsonl
                                                      Decide one call, or run policy test cases (CI)
  airlock history export … | verify | search TEXT | sessions

The data folder defaults to the per-user Airlock folder; AIRLOCK_DATA_DIR or --data-dir overrides it.
`;
