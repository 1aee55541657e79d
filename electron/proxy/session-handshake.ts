/**
 * What a session knows about its peers and its wire era. Legacy (2025-11-25): the client's `initialize`
 * and the upstream's answer; upstream-initiated messages wait until the client has that answer. Modern
 * (2026-07-28): no handshake — the client's identity, capabilities and revision come from each request's
 * `_meta` envelope, the server's from `server/discover` (when this session carried it) and from the
 * `serverInfo` every modern result carries; nothing is held. Both eras are announced once as the same
 * `session.initialized` event, so history and the console show them alike (the revision tells the era).
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CoreEvent } from '../../shared/events';
import { isJsonObject } from '../../shared/json';
import { modernEnvelope, SERVER_INFO_META_KEY, type McpEra } from '../../shared/mcp-era';
import type { SessionInfo } from './interceptor';
import { capabilitiesOf, peerInfo } from './peer-info';

/** The session fields the handshake fills in. */
export type MutableSessionInfo = { -readonly [K in keyof SessionInfo]: SessionInfo[K] };

/** What the handshake tells the rest of the core. */
export interface HandshakePeers {
  readonly emit: (event: CoreEvent) => void;
  readonly now: () => number;
  /** The negotiated legacy revision (an HTTP upstream sends it as a header). */
  readonly setProtocolVersion: (version: string) => void;
}

/** One session's handshake, in either era. */
export class SessionHandshake {
  private held: JSONRPCMessage[] | null = [];
  private modernVersion: string | null = null;
  private announced = false;

  constructor(
    private readonly info: MutableSessionInfo,
    private readonly peers: HandshakePeers,
  ) {}

  /** The session's era once the client's first message told it. */
  get era(): McpEra | undefined {
    return this.info.era;
  }

  /** Notes a client request; true when it made the session modern (the held messages may flow). */
  clientRequest(method: string, params: Record<string, unknown> | undefined): boolean {
    if (method === 'initialize' && params) {
      this.info.era = 'legacy';
      this.info.client = peerInfo(params.clientInfo);
      this.info.clientCapabilities = capabilitiesOf(params.capabilities);
      return false;
    }
    const envelope = modernEnvelope(params);
    if (!envelope) return false;
    const first = this.modernVersion === null;
    this.modernVersion = envelope.protocolVersion;
    this.info.era = 'modern';
    this.info.client = peerInfo(envelope.clientInfo);
    this.info.clientCapabilities = envelope.clientCapabilities;
    return first;
  }

  /** Holds an upstream-initiated message until the client has the initialize result; true when held. */
  hold(message: JSONRPCMessage): boolean {
    if (this.held === null) return false;
    this.held.push(message);
    return true;
  }

  /** The messages held so far; from now on nothing is held. */
  release(): JSONRPCMessage[] {
    const held = this.held ?? [];
    this.held = null;
    return held;
  }

  /** The upstream answered the client's `initialize`. */
  legacyInitialized(result: Record<string, unknown>): void {
    this.info.server = peerInfo(result.serverInfo);
    this.info.serverCapabilities = capabilitiesOf(result.capabilities);
    const protocolVersion = typeof result.protocolVersion === 'string' ? result.protocolVersion : '';
    if (protocolVersion) this.peers.setProtocolVersion(protocolVersion);
    this.announce(protocolVersion);
  }

  /** An upstream result to a request of this session (only a modern session learns from it). */
  result(method: string, result: Record<string, unknown>): void {
    if (this.modernVersion === null || this.info.era !== 'modern') return;
    if (method === 'server/discover') this.info.serverCapabilities = capabilitiesOf(result.capabilities);
    const meta = isJsonObject(result._meta) ? result._meta : {};
    const server = meta[SERVER_INFO_META_KEY] ?? result.serverInfo;
    if (server !== undefined) this.info.server = peerInfo(server);
    if (!this.announced) this.announce(this.modernVersion);
  }

  private announce(protocolVersion: string): void {
    this.announced = true;
    this.peers.emit({
      type: 'session.initialized',
      at: this.peers.now(),
      sessionId: this.info.sessionId,
      client: this.info.client ?? peerInfo(undefined),
      server: this.info.server ?? peerInfo(undefined),
      protocolVersion,
      clientCapabilities: this.info.clientCapabilities ?? capabilitiesOf(undefined),
      serverCapabilities: this.info.serverCapabilities ?? capabilitiesOf(undefined),
    });
  }
}
