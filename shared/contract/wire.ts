/**
 * Frames of the browser-mode transport (one WebSocket per console page). The Electron shell does not use
 * these: IPC carries the same channels natively. Every frame from the page is parsed by `clientFrameSchema`
 * before anything else looks at it.
 */
import { z } from 'zod';

import type { InvokeResult } from './result';

/** Largest frame the server accepts from a page, in bytes (an edited argument set fits easily). */
export const MAX_CLIENT_FRAME_BYTES = 1_000_000;

/** A request from the page: call `channel` with `payload`, answer tagged with `id`. */
export const clientFrameSchema = z.strictObject({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().min(1).max(64),
  payload: z.unknown(),
});

/** A request frame from the page. */
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Frames the server sends: an answer to one invoke, or pushed state. */
export type ServerFrame =
  | { readonly kind: 'result'; readonly id: number; readonly result: InvokeResult<unknown> }
  | { readonly kind: 'push'; readonly channel: string; readonly data: unknown };
