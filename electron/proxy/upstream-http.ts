/**
 * A Streamable HTTP upstream, through the MCP SDK's client transport (sessions, SSE streams, resumption).
 * Used at the message level only: the proxy routes raw messages, so no field is lost to typed schemas.
 */
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Upstream, UpstreamHandlers } from './upstream';

/** Where the server listens, and extra headers (e.g. authorisation) to send. */
export interface HttpUpstreamSpec {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Creates an HTTP upstream; nothing is sent until the first message. */
export function createHttpUpstream(spec: HttpUpstreamSpec, handlers: UpstreamHandlers): Upstream {
  let url: URL;
  try {
    url = new URL(spec.url);
  } catch {
    throw new Error(`invalid upstream URL '${spec.url}'`);
  }
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: spec.headers ? { headers: { ...spec.headers } } : undefined,
  });
  let closed = false;
  transport.onmessage = (message) => handlers.message(message);
  transport.onerror = (error) => {
    if (!closed) handlers.invalid(`upstream HTTP error: ${error.message}`);
  };
  transport.onclose = () => {
    if (!closed)
      handlers.exit({ code: null, signal: null, message: `upstream ${spec.url} closed the connection` });
  };
  return {
    async start() {
      await transport.start();
    },
    send(message) {
      transport.send(message).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        handlers.invalid(`could not send to upstream ${spec.url}: ${reason}`);
        if ('id' in message && 'method' in message) {
          // A request that never reached the server must still be answered: report it as failed.
          handlers.message({
            jsonrpc: '2.0',
            id: message.id,
            error: { code: -32003, message: `Upstream ${spec.url} unreachable: ${reason}` },
          });
        }
      });
    },
    setProtocolVersion(version) {
      transport.setProtocolVersion(version);
    },
    async close() {
      if (closed) return;
      closed = true;
      await transport.terminateSession().catch(() => undefined);
      await transport.close();
    },
  };
}
