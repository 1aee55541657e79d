/**
 * Carries the console contract over one WebSocket: the page's invoke frames go to the shared handlers
 * (which parse every payload by its schema), answers and pushed state come back as JSON frames.
 */
import type { WebSocket } from 'ws';

import { clientFrameSchema, MAX_CLIENT_FRAME_BYTES, type ServerFrame } from '../../shared/contract/wire';
import type { ConsoleHandlers, ConsolePushSource } from '../console/backend';

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** Serves one connected page until its socket closes. */
export function attachConsoleSocket(
  socket: WebSocket,
  handlers: ConsoleHandlers,
  events: ConsolePushSource,
): void {
  // Subscribe before sending the snapshot, so no change can fall between the two.
  const unsubscribe = events.subscribe((message) => send(socket, { kind: 'push', ...message }));
  for (const message of events.snapshot()) send(socket, { kind: 'push', ...message });

  socket.on('message', (raw, isBinary) => {
    const text = isBinary
      ? ''
      : (Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer)).toString('utf8');
    if (text.length === 0 || text.length > MAX_CLIENT_FRAME_BYTES) {
      socket.close(1009, 'Frame refused');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      socket.close(1007, 'Malformed frame');
      return;
    }
    const frame = clientFrameSchema.safeParse(parsed);
    if (!frame.success) {
      socket.close(1007, 'Malformed frame');
      return;
    }
    const { id, channel, payload } = frame.data;
    void handlers.invoke(channel, payload).then((result) => send(socket, { kind: 'result', id, result }));
  });
  socket.on('close', unsubscribe);
  socket.on('error', unsubscribe);
}
