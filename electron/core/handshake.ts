/**
 * The first line a bridge sends on the core socket, and the core's answer. After a `welcome`, the
 * connection carries the client's JSON-RPC lines unchanged. The handshake can only open a session for
 * the bridge's own client: nothing on this path can approve, edit policy or read other sessions.
 */
import { z } from 'zod';

import { HANDSHAKE_VERSION } from './handshake-version';

const envSchema = z.record(z.string(), z.string());

/** What a bridge asks for. */
export const helloSchema = z.object({
  type: z.literal('hello'),
  version: z.literal(HANDSHAKE_VERSION),
  token: z.string().min(1),
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('profile'), name: z.string().min(1) }),
    z.object({
      kind: z.literal('inline'),
      /** The name given with `--name`; without one the core names the upstream after what it launches. */
      label: z.string().min(1).optional(),
      command: z.string().min(1),
      args: z.array(z.string()),
      /** Where the upstream's own confirmation prompts go (default: Airlock's queue). */
      elicitation: z.enum(['queue', 'client']).optional(),
    }),
  ]),
  /** The environment and folder the MCP client launched the bridge with; the upstream inherits them. */
  env: envSchema,
  cwd: z.string().min(1),
  bridgePid: z.number().int().optional(),
  /** Set when the bridge lost its core and is reconnecting the same client: which session it continues. */
  resume: z
    .object({
      sessionId: z.string().min(1).max(100),
      /** When the bridge lost the core (ms since the epoch). */
      lostAt: z.number().int().nonnegative(),
      /** How many of the client's requests the bridge answered with an error when the core went away. */
      failedRequests: z.number().int().nonnegative(),
    })
    .optional(),
});

/** A parsed hello. */
export type Hello = z.infer<typeof helloSchema>;

/** The core's answer to a hello. */
export type HelloReply =
  | { readonly type: 'welcome'; readonly sessionId: string }
  | { readonly type: 'refused'; readonly reason: string };
