/**
 * The one operator request the core socket answers besides a bridge's hello: "give me a fresh console
 * login link" (`airlock console-url`, `airlock open`). It is authenticated exactly like a bridge, by the
 * owner-only token file, so only the local user who runs the core can ask. It can mint a login link and
 * nothing else.
 */
import { z } from 'zod';

import { HANDSHAKE_VERSION } from './handshake-version';

/** What `airlock console-url` sends as its only line. */
export const consoleUrlRequestSchema = z.object({
  type: z.literal('console-url'),
  version: z.literal(HANDSHAKE_VERSION),
  token: z.string().min(1),
});

/** The core's one-line answer, parsed by the CLI at its end of the socket. */
export const consoleUrlReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('console-url'), url: z.url({ protocol: /^http$/ }) }),
  z.object({ type: z.literal('refused'), reason: z.string() }),
]);

/** The core's answer. */
export type ConsoleUrlReply = z.infer<typeof consoleUrlReplySchema>;

/** Mints a one-time login URL, or null when this core runs without the browser console. */
export type ConsoleLoginIssuer = () => string | null;

/** Answers an authenticated console-url request (the core decides: shutting down, no console, a link). */
export type ConsoleUrlAnswer = () => ConsoleUrlReply;

/** Whether a first line is a console-url request (rather than a bridge's hello). */
export function isConsoleUrlRequest(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'console-url';
}
