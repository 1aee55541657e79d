/**
 * Session- and app-wide denials: no navigation, no new windows, no webviews, no permissions
 * (checklist items 5, 11–14). Applied to every web contents ever created, not just ours.
 */
import type { ElectronApi } from './electron-api';

/** Installs the denials; call once after `app.whenReady()`. */
export function hardenSessions(api: Pick<ElectronApi, 'app' | 'session'>): void {
  api.session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  api.session.defaultSession.setPermissionCheckHandler(() => false);
  api.app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // Links from tool output are never opened (checklist item 15).
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
