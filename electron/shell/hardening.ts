/**
 * Session- and app-wide denials: no navigation, no new windows, no webviews, no permissions
 * (checklist items 5, 11–14). Applied to every web contents ever created, not just ours.
 */
import { app, session } from 'electron';

/** Installs the denials; call once after `app.whenReady()`. */
export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // Links from tool output are never opened (checklist item 15).
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
