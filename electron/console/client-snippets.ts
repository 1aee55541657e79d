/**
 * The configuration an operator pastes into an MCP client so that it launches Airlock's bridge instead
 * of the SSH MCP server directly. Names are schema-checked (`[A-Za-z0-9._-]`), so they need no quoting.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

import type { ClientSnippet } from '../../shared/contract/views';

/** The `mcpServers` entry that runs the bridge for one profile. */
export function bridgeEntry(name: string): { command: string; args: string[] } {
  return { command: 'airlock', args: ['mcp', '--server', name] };
}

/** Claude Desktop's config file on this platform. */
export function defaultClaudeDesktopConfigPath(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
    case 'win32':
      return join(
        process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'),
        'Claude',
        'claude_desktop_config.json',
      );
    default:
      return join(homedir(), '.config', 'Claude', 'claude_desktop_config.json');
  }
}

/** Snippets for Claude Desktop, Cursor and Claude Code. */
export function clientSnippets(name: string, claudeDesktopPath: string): ClientSnippet[] {
  const json = JSON.stringify({ mcpServers: { [name]: bridgeEntry(name) } }, null, 2);
  return [
    { client: 'claude-desktop', label: 'Claude Desktop', where: claudeDesktopPath, text: json },
    { client: 'cursor', label: 'Cursor', where: join(homedir(), '.cursor', 'mcp.json'), text: json },
    {
      client: 'claude-code',
      label: 'Claude Code',
      where: 'terminal',
      text: `claude mcp add ${name} -- airlock mcp --server ${name}`,
    },
  ];
}
