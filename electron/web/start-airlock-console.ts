/**
 * Browser mode for a running Airlock in one call: the console backend over its services, served on
 * 127.0.0.1. `airlock serve` prints the returned URL (it carries a one-time token); `airlock console-url`
 * asks the core for another through `createLoginUrl`.
 */
import { airlockConsoleServices, type AirlockConsoleDeps } from '../console/adapters/airlock-services';
import { createConsoleHandlers } from '../console/create-console-handlers';
import { findRendererDir } from './renderer-dir';
import { sessionFilePath } from './session-store';
import { startWebConsole } from './start-web-console';

/** A running Airlock web console. */
export interface AirlockWebConsole {
  /** The first login URL. */
  readonly url: string;
  readonly port: number;
  /** Mints another one-time login URL. */
  readonly createLoginUrl: () => string;
  readonly close: () => Promise<void>;
}

/** Starts the web console for Airlock's modules on `port` (0 = any free port). */
export async function startAirlockWebConsole(
  deps: AirlockConsoleDeps & { readonly port: number; readonly rendererDir?: string },
): Promise<AirlockWebConsole> {
  const backend = createConsoleHandlers(airlockConsoleServices(deps));
  try {
    const web = await startWebConsole({
      ...backend,
      port: deps.port,
      rendererDir: deps.rendererDir ?? findRendererDir(),
      sessionFile: sessionFilePath(deps.core.dataDir),
      sessionLifetimeMs: () => deps.settings.get().consoleSessionSeconds * 1000,
    });
    return {
      url: web.url,
      port: web.port,
      createLoginUrl: web.createLoginUrl,
      close: async () => {
        backend.dispose();
        await web.close();
      },
    };
  } catch (error) {
    backend.dispose();
    throw error;
  }
}
