/**
 * A fake of the Electron main-process APIs the shell uses (electron/shell/electron-api.ts), in the spirit
 * of Electron Fiddle's main-process tests: typed against Electron's own declarations, so it can only
 * offer what the real APIs offer, and it behaves the way Electron documents where the shell relies on it
 * (events carry `preventDefault`, `before-quit` can be cancelled, a second handler for a channel is an
 * error, schemes must be registered before ready, `loadURL` fails for a page the protocol does not serve).
 * It is Electron that is faked, never our modules. Each call of `createFakeElectron` has its own state.
 */
import { EventEmitter } from 'node:events';

import type * as E from 'electron';

import type {
  ElectronApi,
  ShellInvokeEvent,
  ShellMenu,
  ShellNotification,
  ShellTray,
  ShellWebContents,
  ShellWindow,
} from '../../electron/shell/electron-api';
import { fakeEvent, FakeFrame, imageFromPath, type FakeElectronOptions } from './fake-electron-parts';

export { fakeEvent, FakeFrame, type FakeElectronOptions, type FakeEvent } from './fake-electron-parts';

/** A fake Electron and the handles a test drives and inspects it by. */
export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Creates a fresh fake Electron. */
export function createFakeElectron(options: FakeElectronOptions) {
  let ready = false;
  let nextId = 1;
  const windows: FakeBrowserWindow[] = [];
  const trays: FakeTray[] = [];
  const notifications: FakeNotification[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  const privilegedSchemes: E.CustomScheme[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  const ipcHandlers = new Map<string, (event: ShellInvokeEvent, payload: unknown) => Promise<unknown>>();
  const loginItems: E.Settings[] = [];
  const badgeCounts: number[] = [];
  let permissionRequest: Parameters<E.Session['setPermissionRequestHandler']>[0] = null;
  let permissionCheck: Parameters<E.Session['setPermissionCheckHandler']>[0] = null;
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  let exitCode: number | undefined;

  class FakeWebContents extends EventEmitter implements ShellWebContents {
    readonly id = nextId++;
    readonly mainFrame = new FakeFrame('');
    readonly sent: { channel: string; data: unknown }[] = [];
    private destroyed = false;
    private openHandler: ((details: E.HandlerDetails) => E.WindowOpenHandlerResponse) | undefined;

    send(channel: string, ...args: unknown[]): void {
      if (this.destroyed) throw new Error('Object has been destroyed');
      this.sent.push({ channel, data: args[0] });
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    setWindowOpenHandler(handler: (details: E.HandlerDetails) => E.WindowOpenHandlerResponse): void {
      this.openHandler = handler;
    }
    /** The page navigates (a link, `location = …`); true when a listener stopped it. */
    navigate(url: string): boolean {
      const event = fakeEvent();
      this.emit('will-navigate', event, url);
      if (!event.defaultPrevented) this.mainFrame.url = url;
      return event.defaultPrevented;
    }
    /** The page asks for a webview; true when a listener stopped it. */
    attachWebview(): boolean {
      const event = fakeEvent();
      this.emit('will-attach-webview', event, {}, {});
      return event.defaultPrevented;
    }
    /** The page calls `window.open(url)`; Electron allows it unless the handler denies. */
    openWindow(url: string): 'allow' | 'deny' {
      const details = {
        url,
        frameName: '',
        features: '',
        disposition: 'new-window',
        referrer: {},
        postBody: undefined,
      };
      return this.openHandler?.(details as unknown as E.HandlerDetails).action ?? 'allow';
    }
    destroy(): void {
      this.destroyed = true;
      this.emit('destroyed');
    }
  }

  class FakeBrowserWindow extends EventEmitter implements ShellWindow {
    readonly webContents = new FakeWebContents();
    visible = false;
    focused = false;
    minimized = false;
    maximized = false;
    flashing = false;
    private destroyed = false;
    private bounds: E.Rectangle;

    constructor(readonly options: E.BrowserWindowConstructorOptions) {
      super();
      this.bounds = {
        x: options.x ?? 100,
        y: options.y ?? 100,
        width: options.width ?? 800,
        height: options.height ?? 600,
      };
      windows.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    /** Loads through the registered protocol handler, as Electron does for a custom scheme. */
    async loadURL(url: string): Promise<void> {
      const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
      if (handler === undefined) throw new Error(`ERR_UNKNOWN_URL_SCHEME (${url})`);
      const response = await handler(new Request(url));
      if (!response.ok) throw new Error(`ERR_FAILED (${response.status}) loading '${url}'`);
      this.webContents.mainFrame.url = url;
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    }
    show(): void {
      this.visible = true;
    }
    focus(): void {
      this.focused = true;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    isFocused(): boolean {
      return this.focused;
    }
    flashFrame(flag: boolean): void {
      this.flashing = flag;
    }
    getNormalBounds(): E.Rectangle {
      return { ...this.bounds };
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    maximize(): void {
      this.maximized = true;
    }
    /** The operator moves or resizes the window. */
    setBounds(bounds: E.Rectangle): void {
      this.bounds = { ...bounds };
    }
    /** The operator closes the window. */
    close(): void {
      const event = fakeEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.visible = false;
      this.webContents.destroy();
      this.emit('closed');
      if (windows.every((w) => w.isDestroyed())) app.emit('window-all-closed');
    }
  }

  class FakeMenu {
    constructor(readonly template: E.MenuItemConstructorOptions[]) {}
  }

  class FakeTray extends EventEmitter implements ShellTray {
    tooltip = '';
    title = '';
    menu: FakeMenu | null = null;
    destroyed = false;
    constructor(public image: string) {
      super();
      if (imageFromPath(image).isEmpty()) throw new Error(`Failed to load image from path '${image}'`);
      trays.push(this);
    }
    setImage(path: string): void {
      this.image = path;
    }
    setToolTip(toolTip: string): void {
      this.tooltip = toolTip;
    }
    setTitle(title: string): void {
      this.title = title;
    }
    setContextMenu(menu: ShellMenu | null): void {
      this.menu = menu instanceof FakeMenu ? menu : null;
    }
    destroy(): void {
      this.destroyed = true;
    }
    /** The operator picks a context-menu item by its label. */
    clickMenuItem(label: string): void {
      const item = this.menu?.template.find((entry) => entry.label === label);
      if (item?.click === undefined) throw new Error(`no tray menu item '${label}'`);
      // The shell's menu handlers take no arguments; Electron would pass the item, window and event.
      (item.click as () => void)();
    }
  }

  class FakeNotification extends EventEmitter implements ShellNotification {
    shown = false;
    constructor(readonly options: E.NotificationConstructorOptions) {
      super();
      notifications.push(this);
    }
    static isSupported(): boolean {
      return options.notificationsSupported ?? true;
    }
    show(): void {
      this.shown = true;
    }
    /** The operator clicks the notification. */
    click(): void {
      this.emit('click', fakeEvent());
    }
    /** The operator presses action button `index` (macOS). */
    action(index: number): void {
      this.emit('action', fakeEvent(), index);
    }
  }

  class FakeApp extends EventEmitter {
    readonly isPackaged = false;
    readonly dock = undefined;
    lockData: unknown;
    requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
      this.lockData = additionalData;
      return options.lockHeldElsewhere !== true;
    }
    whenReady(): Promise<void> {
      ready = true;
      return Promise.resolve();
    }
    /** Like Electron: `before-quit` first, which a listener may cancel. */
    quit(): void {
      const event = fakeEvent();
      this.emit('before-quit', event);
      if (event.defaultPrevented) return;
      this.emit('will-quit', fakeEvent());
      this.exit(0);
    }
    exit(code = 0): void {
      if (exitCode !== undefined) return;
      exitCode = code;
      resolveExit(code);
    }
    getAppPath(): string {
      return options.appRoot;
    }
    setLoginItemSettings(settings: E.Settings): void {
      loginItems.push(settings);
    }
    setBadgeCount(count = 0): boolean {
      badgeCounts.push(count);
      return true;
    }
    /** Another start of the app (it gave up the lock to this one), with its lock data. */
    secondInstance(additionalData: unknown): void {
      this.emit('second-instance', fakeEvent(), [], process.cwd(), additionalData);
    }
  }

  const app = new FakeApp();
  const api: ElectronApi = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template) => new FakeMenu(template) },
    Notification: FakeNotification,
    ipcMain: {
      handle(channel, listener) {
        if (ipcHandlers.has(channel))
          throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, listener);
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes) {
        if (ready)
          throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        privilegedSchemes.push(...schemes);
      },
      handle(scheme, handler) {
        protocolHandlers.set(scheme, handler);
      },
    },
    nativeImage: { createFromPath: imageFromPath },
    dialog: { showErrorBox: (title, content) => errorBoxes.push({ title, content }) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler) => (permissionRequest = handler),
        setPermissionCheckHandler: (handler) => (permissionCheck = handler),
      },
    },
    screen: {
      getAllDisplays: () =>
        (options.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1080 }]).map((workArea) => ({ workArea })),
    },
  };

  return {
    api,
    app,
    windows,
    trays,
    notifications,
    errorBoxes,
    privilegedSchemes,
    loginItems,
    badgeCounts,
    /** Resolves with the code the app exits with (`app.exit`, or a quit nobody cancelled). */
    exited,
    exitCode: () => exitCode,
    /** The windows still open. */
    openWindows: () => windows.filter((w) => !w.isDestroyed()),
    /** Fetches a URL through the registered protocol handler. */
    async fetch(url: string): Promise<Response> {
      const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
      if (handler === undefined) throw new Error(`no handler for ${url}`);
      return handler(new Request(url));
    },
    /** Invokes an IPC channel as a page would, from `frame` of `sender`. */
    async invoke(channel: string, sender: ShellWebContents, frame: FakeFrame | null, payload?: unknown) {
      const handler = ipcHandlers.get(channel);
      if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
      return handler({ sender, senderFrame: frame }, payload);
    },
    ipcChannels: () => [...ipcHandlers.keys()],
    /** A page asks for a permission; resolves with the answer (Electron grants when no handler is set). */
    requestPermission(
      from: ShellWebContents,
      permission: 'media' | 'geolocation' | 'notifications',
    ): Promise<boolean> {
      if (permissionRequest === null) return Promise.resolve(true);
      const handler = permissionRequest;
      const details = { requestingUrl: from.mainFrame.url, isMainFrame: true };
      return new Promise((resolve) =>
        // The fake contents stand in for Electron's; the shell's handler reads neither them nor the details.
        handler(from as unknown as E.WebContents, permission, resolve, details),
      );
    },
    /** A page checks a permission synchronously. */
    checkPermission(permission: 'media' | 'geolocation' | 'notifications'): boolean {
      if (permissionCheck === null) return true;
      return permissionCheck(null, permission, 'app://console', {} as E.PermissionCheckHandlerHandlerDetails);
    },
  };
}
