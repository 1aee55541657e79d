/**
 * The identities exchanged in `initialize`, read defensively: a peer decides what it sends, so anything
 * that is not the expected shape becomes a plain placeholder rather than an error. Pure.
 */
import type { PeerInfo } from '../../shared/events';
import { isJsonObject, type JsonObject } from '../../shared/json';

/** `clientInfo` or `serverInfo` as name and version strings. */
export function peerInfo(value: unknown): PeerInfo {
  const info = isJsonObject(value) ? value : {};
  return {
    name: typeof info.name === 'string' ? info.name : 'unknown',
    version: typeof info.version === 'string' ? info.version : '',
  };
}

/** A capabilities object, or an empty one when the peer sent something else. */
export function capabilitiesOf(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}
