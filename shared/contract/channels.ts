/**
 * The one typed function map for every main↔renderer message. Invoke channels (`domain:verb`) carry a
 * request parsed by its schema in `schemas.ts` and answer with the response type below; push channels
 * carry state from main to the renderer. Both front ends (Electron IPC, browser WebSocket) use this map.
 */
import type { z } from 'zod';

import type { DecideResult } from '../approvals/types';
import type { JsonObject } from '../json';
import type { invokeSchemas } from './schemas';
import type {
  CallDetailView,
  ClientSnippet,
  ConnectionTestResult,
  DiffLine,
  ExportedFile,
  HistorySessionRow,
  InstallResult,
  PolicyDocumentView,
  PolicyStatus,
  PolicyVersionEntry,
  QueueSnapshot,
  ServerProfileView,
  SessionsSnapshot,
  SettingsView,
  SimulationResult,
  TimelineRow,
  ValidationReport,
} from './views';

/** Every invoke channel. */
export type InvokeChannel = keyof typeof invokeSchemas;

/** The parsed request of an invoke channel. */
export type InvokeRequest<K extends InvokeChannel> = z.output<(typeof invokeSchemas)[K]>;

/** The response of every invoke channel. */
export interface InvokeResponses {
  'queue:list': QueueSnapshot;
  'queue:decide': DecideResult;
  'queue:decide-many': readonly DecideResult[];
  'queue:suggest-rule': JsonObject;
  'sessions:list': SessionsSnapshot;
  'policy:status': PolicyStatus;
  'policy:get': PolicyDocumentView;
  'policy:validate': ValidationReport;
  'policy:save': PolicyDocumentView;
  'policy:simulate': SimulationResult;
  'policy:versions': readonly PolicyVersionEntry[];
  'policy:diff': readonly DiffLine[];
  'policy:rollback': PolicyDocumentView;
  'policy:import': PolicyDocumentView;
  'policy:export': ExportedFile;
  'policy:resolve-disk-change': PolicyStatus;
  'history:sessions': readonly HistorySessionRow[];
  'history:timeline': readonly TimelineRow[];
  'history:call': CallDetailView;
  'history:search': readonly TimelineRow[];
  'history:export': ExportedFile;
  'servers:list': readonly ServerProfileView[];
  'servers:save': readonly ServerProfileView[];
  'servers:remove': readonly ServerProfileView[];
  'servers:test': ConnectionTestResult;
  'servers:snippets': readonly ClientSnippet[];
  'servers:install-claude-desktop': InstallResult;
  'settings:get': SettingsView;
  'settings:update': SettingsView;
}

// Compile-time check that schemas and responses name exactly the same channels.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : never;
const _channelsAgree: SameKeys<InvokeResponses, typeof invokeSchemas> = true;

/** State pushed from main to the renderer. */
export interface PushMap {
  'queue:changed': QueueSnapshot;
  'sessions:changed': SessionsSnapshot;
  'policy:status': PolicyStatus;
  'settings:changed': SettingsView;
  /** The desktop shell asks the page to show one queue item (a notification was clicked). */
  'queue:focus': { readonly id: string };
}

/** Every push channel. */
export type PushChannel = keyof PushMap;

/** Runtime allow-list of push channels (the preload and the socket client accept only these). */
export const pushChannels = [
  'queue:changed',
  'sessions:changed',
  'policy:status',
  'settings:changed',
  'queue:focus',
] as const satisfies readonly PushChannel[];

/** The main-side implementation of every invoke channel (requests already parsed). */
export type InvokeHandlerMap = {
  readonly [K in InvokeChannel]: (request: InvokeRequest<K>) => Promise<InvokeResponses[K]>;
};
