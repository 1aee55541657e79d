/**
 * The sandboxed preload: exposes the console's intent API (and nothing else) to the page. The page
 * never sees `ipcRenderer`, channel names it could choose, or IPC events (checklist item 20).
 */
import { contextBridge, ipcRenderer } from 'electron';

import { createConsoleApi, PRELOAD_GLOBAL, type ConsoleTransport } from '../../shared/contract/api';
import { pushChannels } from '../../shared/contract/channels';
import { ConsoleError, type InvokeResult } from '../../shared/contract/result';

const PUSH: ReadonlySet<string> = new Set(pushChannels);

const transport: ConsoleTransport = {
  async invoke(channel, request) {
    const result = (await ipcRenderer.invoke(channel, request)) as InvokeResult<never>;
    if (!result.ok) throw new ConsoleError(channel, result.error);
    return result.value;
  },
  on(channel, listener) {
    if (!PUSH.has(channel)) throw new Error(`Unknown push channel ${channel}`);
    const wrapped = (_event: Electron.IpcRendererEvent, data: unknown) =>
      (listener as (value: unknown) => void)(data);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.off(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createConsoleApi(transport));
