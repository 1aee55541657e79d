/**
 * The slice of Electron the shell uses, typed from Electron's own declarations. The shell receives it
 * instead of importing `electron`, so its behaviour can be driven by a fake of these APIs where the
 * runtime is absent; main.ts hands it the real modules, which the compiler checks against these types.
 * Event methods are spelled out per event (Electron's return `this`, which only Electron's own classes
 * satisfy); their listeners are Electron's, narrowed to the arguments the shell reads.
 */
/* eslint-disable @typescript-eslint/unified-signatures -- Electron declares one overload per event; a
   signature taking a union of events would match none of them, and main.ts could not pass the real API. */
import type * as E from 'electron';

/** The frame a message or page comes from; compared by identity with `mainFrame`. */
export type ShellFrame = Pick<E.WebFrameMain, 'url'>;

/** A window's web contents, as far as the shell touches them. */
export interface ShellWebContents extends Pick<
  E.WebContents,
  'id' | 'send' | 'isDestroyed' | 'setWindowOpenHandler'
> {
  readonly mainFrame: ShellFrame;
  on(event: 'will-navigate', listener: (event: E.Event) => void): unknown;
  on(event: 'will-redirect', listener: (event: E.Event) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: E.Event) => void): unknown;
  on(event: 'did-finish-load', listener: () => void): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** The console window. */
export interface ShellWindow extends Pick<
  E.BrowserWindow,
  | 'loadURL'
  | 'show'
  | 'focus'
  | 'isMinimized'
  | 'restore'
  | 'isDestroyed'
  | 'isFocused'
  | 'flashFrame'
  | 'getNormalBounds'
  | 'isMaximized'
  | 'maximize'
> {
  readonly webContents: ShellWebContents;
  on(event: 'close', listener: (event: E.Event) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

/** An opaque menu: the shell only builds menus and hands them to the tray. */
export type ShellMenu = object;

/** An image loaded from disk; an empty one means the file was missing or unreadable. */
export type ShellImage = Pick<E.NativeImage, 'isEmpty'>;

/** The tray icon. */
export interface ShellTray extends Pick<E.Tray, 'setToolTip' | 'setTitle' | 'destroy'> {
  setImage(path: string): void;
  setContextMenu(menu: ShellMenu | null): void;
  on(event: 'click', listener: () => void): unknown;
}

/** A native notification. */
export interface ShellNotification extends Pick<E.Notification, 'show'> {
  on(event: 'click', listener: (event: E.Event) => void): unknown;
  on(event: 'action', listener: (event: E.Event, index: number) => void): unknown;
  on(event: 'close', listener: (event: E.Event) => void): unknown;
}

/** What an IPC invoke handler is given about its sender. */
export interface ShellInvokeEvent {
  readonly sender: Pick<ShellWebContents, 'id' | 'mainFrame'>;
  readonly senderFrame: ShellFrame | null;
}

/** The app object, as far as the shell uses it. */
export interface ShellApp extends Pick<
  E.App,
  | 'requestSingleInstanceLock'
  | 'whenReady'
  | 'quit'
  | 'exit'
  | 'getAppPath'
  | 'setLoginItemSettings'
  | 'setBadgeCount'
> {
  readonly isPackaged: boolean;
  /** macOS only. */
  readonly dock?: Pick<E.Dock, 'bounce'> | undefined;
  on(event: 'web-contents-created', listener: (event: E.Event, contents: ShellWebContents) => void): unknown;
  on(
    event: 'second-instance',
    listener: (event: E.Event, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: E.Event) => void): unknown;
}

/** Everything the shell needs from Electron. */
export interface ElectronApi {
  readonly app: ShellApp;
  readonly BrowserWindow: new (options: E.BrowserWindowConstructorOptions) => ShellWindow;
  /** Given the icon's path; `nativeImage` checks the file first. */
  readonly Tray: new (path: string) => ShellTray;
  readonly Menu: { buildFromTemplate(template: E.MenuItemConstructorOptions[]): ShellMenu };
  readonly Notification: {
    new (options: E.NotificationConstructorOptions): ShellNotification;
    isSupported(): boolean;
  };
  readonly ipcMain: {
    handle(channel: string, listener: (event: ShellInvokeEvent, payload: unknown) => Promise<unknown>): void;
  };
  readonly protocol: Pick<E.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly nativeImage: { createFromPath(path: string): ShellImage };
  readonly dialog: Pick<E.Dialog, 'showErrorBox'>;
  readonly session: {
    readonly defaultSession: Pick<E.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
  };
  readonly screen: { getAllDisplays(): Pick<E.Display, 'workArea'>[] };
}
