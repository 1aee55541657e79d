/**
 * The one place IPC is registered. Every invoke goes through `trustedInvoke`, which checks that the
 * sender is our window's main frame on app://console (checklist item 17) before the shared handlers
 * parse the payload by its schema; pushes go only to our windows.
 */
import { pushChannels, type PushChannel, type PushMap } from '../../shared/contract/channels';
import { fail, type InvokeResult } from '../../shared/contract/result';
import { invokeSchemas } from '../../shared/contract/schemas';
import type { ConsoleHandlers, ConsolePushSource } from '../console/backend';
import type { ElectronApi, ShellInvokeEvent, ShellWebContents } from './electron-api';
import { APP_ORIGIN } from './window-options';

/** Whether an IPC message comes from a trusted window's top frame on the app origin. */
export function isTrustedSender(event: ShellInvokeEvent, trusted: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (frame === null || !trusted.has(event.sender.id)) return false;
  if (frame !== event.sender.mainFrame) return false;
  try {
    const url = new URL(frame.url);
    // Node's URL (the main process's) gives a custom scheme an opaque origin, "null": compare its parts.
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** The shell's side of IPC: trust a window, push to trusted windows. */
export interface ConsoleIpc {
  readonly trust: (contents: ShellWebContents) => void;
  readonly send: <K extends PushChannel>(channel: K, data: PushMap[K]) => void;
}

/** Registers every contract channel. */
export function registerConsoleIpc(
  ipcMain: ElectronApi['ipcMain'],
  handlers: ConsoleHandlers,
  events: ConsolePushSource,
): ConsoleIpc {
  const trusted = new Set<number>();
  const windows = new Map<number, ShellWebContents>();
  const trustedInvoke =
    (channel: string) =>
    async (event: ShellInvokeEvent, payload: unknown): Promise<InvokeResult<unknown>> => {
      if (!isTrustedSender(event, trusted)) return fail('Refused: IPC from an untrusted frame.');
      return handlers.invoke(channel, payload);
    };
  for (const channel of Object.keys(invokeSchemas)) ipcMain.handle(channel, trustedInvoke(channel));
  const allowed: ReadonlySet<string> = new Set(pushChannels);
  const send = (channel: string, data: unknown) => {
    if (!allowed.has(channel)) return;
    for (const contents of windows.values()) if (!contents.isDestroyed()) contents.send(channel, data);
  };
  events.subscribe((message) => send(message.channel, message.data));
  const trust = (contents: ShellWebContents) => {
    trusted.add(contents.id);
    windows.set(contents.id, contents);
    // A page that (re)loads gets the current state first.
    contents.on('did-finish-load', () => {
      for (const message of events.snapshot()) contents.send(message.channel, message.data);
    });
    contents.once('destroyed', () => {
      trusted.delete(contents.id);
      windows.delete(contents.id);
    });
  };
  return { trust, send };
}
