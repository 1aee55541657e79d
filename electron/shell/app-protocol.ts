/**
 * Serves the built renderer over `app://console/…` with `protocol.handle` (checklist item 18), with the
 * same traversal checks as browser mode and the console's CSP on every response.
 */
import { contentSecurityPolicy } from '../../shared/contract/csp';
import { loadStaticFile } from '../web/static-files';
import type { ElectronApi } from './electron-api';
import { APP_SCHEME } from './window-options';

/** Must run before `app.whenReady()`: `app:` behaves as a standard, secure origin. */
export function registerAppScheme(protocol: ElectronApi['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves `rendererDir` on app://console. */
export function handleAppProtocol(protocol: ElectronApi['protocol'], rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'console' || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const file = await loadStaticFile(rendererDir, url.pathname);
    if (file === null) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
