/**
 * The intent API the renderer calls, one method per operator intent. It is built over a transport
 * (Electron IPC in the preload, a WebSocket in browser mode), so the renderer code is the same in both.
 * `ConsoleApi` is derived from `createConsoleApi`, never written twice.
 */
import type { JsonObject } from '../json';
import type { InvokeChannel, InvokeRequest, InvokeResponses, PushChannel, PushMap } from './channels';
import type { ServerProfileInput } from './schemas';
import type { SettingsView } from './views';

/** Moves contract messages; `invoke` rejects with a `ConsoleError` when the core answers an error. */
export interface ConsoleTransport {
  invoke<K extends InvokeChannel>(channel: K, request: InvokeRequest<K>): Promise<InvokeResponses[K]>;
  /** Subscribes to one push channel; returns the unsubscribe function. */
  on<K extends PushChannel>(channel: K, listener: (data: PushMap[K]) => void): () => void;
}

/** Builds the intent API over a transport. */
export function createConsoleApi(t: ConsoleTransport) {
  return {
    // Queue: every decision echoes the digest of what the operator was shown.
    listQueue: () => t.invoke('queue:list', {}),
    approve: (id: string, digest: string, scope: 'once' | 'session') =>
      t.invoke('queue:decide', { id, digest, decision: { kind: 'approve', scope } }),
    deny: (id: string, digest: string, reason: string) =>
      t.invoke('queue:decide', { id, digest, decision: { kind: 'deny', reason } }),
    editAndApprove: (id: string, digest: string, args: JsonObject) =>
      t.invoke('queue:decide', { id, digest, decision: { kind: 'edit', arguments: args } }),
    alwaysAllow: (id: string, digest: string, rule: JsonObject) =>
      t.invoke('queue:decide', { id, digest, decision: { kind: 'always-allow', rule } }),
    approveMany: (items: readonly { id: string; digest: string }[]) =>
      t.invoke('queue:decide-many', {
        requests: items.map(({ id, digest }) => ({
          id,
          digest,
          decision: { kind: 'approve', scope: 'once' },
        })),
      }),
    denyMany: (items: readonly { id: string; digest: string }[], reason: string) =>
      t.invoke('queue:decide-many', {
        requests: items.map(({ id, digest }) => ({ id, digest, decision: { kind: 'deny', reason } })),
      }),
    suggestRule: (id: string) => t.invoke('queue:suggest-rule', { id }),
    onQueueChanged: (cb: (data: PushMap['queue:changed']) => void) => t.on('queue:changed', cb),
    onFocusRequest: (cb: (data: PushMap['queue:focus']) => void) => t.on('queue:focus', cb),
    // Sessions.
    listSessions: () => t.invoke('sessions:list', {}),
    onSessionsChanged: (cb: (data: PushMap['sessions:changed']) => void) => t.on('sessions:changed', cb),
    // Policy.
    policyStatus: () => t.invoke('policy:status', {}),
    getPolicy: () => t.invoke('policy:get', {}),
    validatePolicy: (text: string) => t.invoke('policy:validate', { text }),
    savePolicy: (document: JsonObject, note?: string) =>
      t.invoke('policy:save', note === undefined ? { document } : { document, note }),
    simulateCall: (serverName: string, tool: string, args: JsonObject, draft?: JsonObject) =>
      t.invoke(
        'policy:simulate',
        draft === undefined
          ? { serverName, tool, arguments: args }
          : { serverName, tool, arguments: args, draft },
      ),
    listPolicyVersions: () => t.invoke('policy:versions', {}),
    diffPolicyVersions: (from: number, to: number) => t.invoke('policy:diff', { from, to }),
    rollbackPolicy: (version: number) => t.invoke('policy:rollback', { version }),
    importPolicy: (text: string, format: 'auto' | 'airlock' | 'policylayer') =>
      t.invoke('policy:import', { text, format }),
    exportPolicy: () => t.invoke('policy:export', {}),
    resolveDiskChange: (accept: boolean) => t.invoke('policy:resolve-disk-change', { accept }),
    onPolicyStatus: (cb: (data: PushMap['policy:status']) => void) => t.on('policy:status', cb),
    // History.
    listHistorySessions: (filters: InvokeRequest<'history:sessions'>) =>
      t.invoke('history:sessions', filters),
    sessionTimeline: (sessionId: string) => t.invoke('history:timeline', { sessionId }),
    callDetail: (sessionId: string, callId: string) => t.invoke('history:call', { sessionId, callId }),
    searchHistory: (text: string, sessionId?: string) =>
      t.invoke('history:search', sessionId === undefined ? { text } : { text, sessionId }),
    exportHistory: (format: 'jsonl' | 'csv', sessionId?: string) =>
      t.invoke('history:export', sessionId === undefined ? { format } : { format, sessionId }),
    // Servers.
    listServers: () => t.invoke('servers:list', {}),
    /** Saves an edit of `previousName`, or a new profile (`overwrite` replaces one of the same name). */
    saveServer: (profile: ServerProfileInput, previousName?: string, overwrite?: boolean) =>
      t.invoke('servers:save', {
        profile,
        ...(previousName === undefined ? {} : { previousName }),
        ...(overwrite === true ? { overwrite } : {}),
      }),
    removeServer: (name: string) => t.invoke('servers:remove', { name }),
    testServer: (name: string) => t.invoke('servers:test', { name }),
    clientSnippets: (name: string) => t.invoke('servers:snippets', { name }),
    installIntoClaudeDesktop: (name: string) => t.invoke('servers:install-claude-desktop', { name }),
    // Settings.
    getSettings: () => t.invoke('settings:get', {}),
    updateSettings: (patch: Partial<Omit<SettingsView, 'startAtLoginSupported'>>) =>
      t.invoke('settings:update', { patch }),
    onSettingsChanged: (cb: (data: PushMap['settings:changed']) => void) => t.on('settings:changed', cb),
  };
}

/** The renderer's whole view of the core. */
export type ConsoleApi = ReturnType<typeof createConsoleApi>;

/** Name of the global the Electron preload exposes the API under. */
export const PRELOAD_GLOBAL = 'airlock';
