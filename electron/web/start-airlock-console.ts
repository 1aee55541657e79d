/**
 * Browser mode for a running Airlock in one call: the console backend over its services, served on
 * 127.0.0.1. `airlock serve` prints the returned URL (it carries the one-time token).
 */
import { airlockConsoleServices, type AirlockConsoleDeps } from '../console/adapters/airlock-services';
import { createConsoleHandlers } from '../console/create-console-handlers';
import { findRendererDir } from './renderer-dir';
import { startWebConsole } from './start-web-console';

/** Starts the web console for Airlock's modules on `port` (0 = any free port). */
export async function startAirlockWebConsole(
  deps: AirlockConsoleDeps & { readonly port: number; readonly rendererDir?: string },
): Promise<{ url: string; close: () => Promise<void> }> {
  const backend = createConsoleHandlers(airlockConsoleServices(deps));
  try {
    const web = await startWebConsole({
      ...backend,
      port: deps.port,
      rendererDir: deps.rendererDir ?? findRendererDir(),
    });
    return {
      url: web.url,
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
