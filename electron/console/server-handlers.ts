/** Server profile channels: list, save, remove, test, client snippets, install into Claude Desktop. */
import type { InvokeHandlerMap } from '../../shared/contract/channels';
import { installIntoClaudeDesktop } from './claude-desktop-install';
import { clientSnippets, defaultClaudeDesktopConfigPath } from './client-snippets';
import type { ConsoleServices } from './services';

type ServerChannels = Extract<keyof InvokeHandlerMap, `servers:${string}`>;

/** Server handlers. */
export function serverHandlers(services: ConsoleServices): Pick<InvokeHandlerMap, ServerChannels> {
  const { profiles } = services;
  const configPath = () => services.claudeDesktopConfigPath ?? defaultClaudeDesktopConfigPath();
  const known = async (name: string) => {
    const list = await profiles.list();
    if (!list.some((p) => p.name === name)) throw new Error(`No server profile named "${name}".`);
  };
  return {
    'servers:list': async () => profiles.list(),
    'servers:save': async ({ profile, previousName, overwrite }) => {
      await profiles.save(profile, previousName ?? null, overwrite === true);
      return profiles.list();
    },
    'servers:remove': async ({ name }) => {
      await profiles.remove(name);
      return profiles.list();
    },
    'servers:test': async ({ name }) => profiles.test(name),
    'servers:snippets': ({ name }) => Promise.resolve(clientSnippets(name, configPath())),
    'servers:install-claude-desktop': async ({ name }) => {
      await known(name);
      return installIntoClaudeDesktop(configPath(), name);
    },
  };
}
