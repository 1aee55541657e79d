/**
 * The two wire eras of MCP. The legacy era (2025-11-25 and earlier) opens a session with `initialize`;
 * the modern era (2026-07-28 and later) is stateless: no handshake, and every request carries the
 * client's protocol version, identity and capabilities in its `_meta` envelope. Revisions are dates, so
 * their order is their string order. Pure; used by the proxy and to label sessions in the console.
 */
import { isJsonObject, type JsonObject } from './json';

/** The first modern revision. */
export const FIRST_MODERN_PROTOCOL_VERSION = '2026-07-28';
/** `_meta` key of the protocol revision a modern request is sent on. */
export const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion';
/** `_meta` key of the client's `clientInfo` on a modern request. */
export const CLIENT_INFO_META_KEY = 'io.modelcontextprotocol/clientInfo';
/** `_meta` key of the client's capabilities on a modern request. */
export const CLIENT_CAPABILITIES_META_KEY = 'io.modelcontextprotocol/clientCapabilities';
/** `_meta` key of the server's `serverInfo` on a modern result. */
export const SERVER_INFO_META_KEY = 'io.modelcontextprotocol/serverInfo';
/** The tasks extension of the modern era (SEP-2663). */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** A wire era. */
export type McpEra = 'legacy' | 'modern';

/** Whether a protocol revision belongs to the modern era. */
export function isModernVersion(version: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= FIRST_MODERN_PROTOCOL_VERSION;
}

/** The era of a protocol revision (an empty or unknown revision is legacy). */
export function eraOf(version: string): McpEra {
  return isModernVersion(version) ? 'modern' : 'legacy';
}

/** The per-request envelope of a modern request, read defensively (the client decides what it sends). */
export interface RequestEnvelope {
  readonly protocolVersion: string;
  readonly clientInfo: unknown;
  readonly clientCapabilities: JsonObject;
}

/** The `_meta` object of request params, if any. */
export function metaOf(params: Record<string, unknown> | undefined): JsonObject | undefined {
  const meta = params?._meta;
  return isJsonObject(meta) ? meta : undefined;
}

/** The modern envelope of a request, or undefined when it was not sent on a modern revision. */
export function modernEnvelope(params: Record<string, unknown> | undefined): RequestEnvelope | undefined {
  const meta = metaOf(params);
  const version = meta?.[PROTOCOL_VERSION_META_KEY];
  if (typeof version !== 'string' || !isModernVersion(version)) return undefined;
  const capabilities = meta?.[CLIENT_CAPABILITIES_META_KEY];
  return {
    protocolVersion: version,
    clientInfo: meta?.[CLIENT_INFO_META_KEY],
    clientCapabilities: isJsonObject(capabilities) ? capabilities : {},
  };
}

/** Whether a set of client (or server) capabilities declares an extension. */
export function declaresExtension(capabilities: JsonObject | undefined, extension: string): boolean {
  const extensions = capabilities?.extensions;
  return isJsonObject(extensions) && isJsonObject(extensions[extension]);
}

/** Capabilities without one extension (a copy; the input is not changed). */
export function withoutExtension(capabilities: JsonObject, extension: string): JsonObject {
  const extensions = capabilities.extensions;
  if (!isJsonObject(extensions) || !(extension in extensions)) return capabilities;
  const rest: JsonObject = Object.fromEntries(
    Object.entries(extensions).filter(([name]) => name !== extension),
  );
  const copy: JsonObject = { ...capabilities, extensions: rest };
  if (Object.keys(rest).length === 0) delete copy.extensions;
  return copy;
}

/** Request params with their envelope's client capabilities replaced (a copy). */
export function withClientCapabilities(
  params: Record<string, unknown>,
  capabilities: JsonObject,
): Record<string, unknown> {
  const meta = metaOf(params) ?? {};
  return { ...params, _meta: { ...meta, [CLIENT_CAPABILITIES_META_KEY]: capabilities } };
}
