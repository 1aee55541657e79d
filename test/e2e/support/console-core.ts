/** A real `airlock serve` with its browser console, for end-to-end tests. */
import type { StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';

import { startAirlockCore } from '../../support/airlock-harness';

/** What an e2e test needs from the core. */
export interface ConsoleCore {
  readonly consoleUrl: string;
  bridgeParams(label: string, command: string, args: string[]): StdioServerParameters;
  stop(): Promise<void>;
}

/** Starts `airlock serve` on a free port and returns its printed console URL. */
export async function startConsoleCore(): Promise<ConsoleCore> {
  const core = await startAirlockCore();
  if (core.consoleUrl === undefined) {
    await core.stop();
    throw new Error(
      'airlock serve printed no "Console:" URL (electron/core/console.ts must start the web console).',
    );
  }
  return {
    consoleUrl: core.consoleUrl,
    bridgeParams: (l, c, a) => core.bridgeParams(l, c, a),
    stop: () => core.stop(),
  };
}
