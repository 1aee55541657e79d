/**
 * Parsers for what the UI sends to the core. A decision crosses a trust boundary (renderer or browser),
 * so anything unexpected is refused rather than coerced: unknown keys, wrong kinds, malformed digests.
 */
import { z } from 'zod';

import type { JsonObject } from '../json';
import type { ApprovalDecision, DecideRequest } from './types';

/** Longest deny reason, operator name or id the core accepts. */
export const DECIDE_TEXT_LIMIT = 2000;

const jsonObjectSchema = z.record(z.string(), z.json()) as unknown as z.ZodType<JsonObject>;

/** Parses an `ApprovalDecision`, rejecting unknown keys. */
export const approvalDecisionSchema: z.ZodType<ApprovalDecision> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('approve'), scope: z.enum(['once', 'session']) }),
  z.strictObject({ kind: z.literal('always-allow'), rule: jsonObjectSchema }),
  z.strictObject({ kind: z.literal('edit'), arguments: jsonObjectSchema }),
  z.strictObject({ kind: z.literal('deny'), reason: z.string().max(DECIDE_TEXT_LIMIT) }),
]);

/** Parses a `DecideRequest` as received over IPC or the WebSocket bridge. */
export const decideRequestSchema: z.ZodType<DecideRequest> = z.strictObject({
  id: z.string().min(1).max(200),
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'digest must be 64 lowercase hex characters'),
  decision: approvalDecisionSchema,
  by: z.string().min(1).max(200).optional(),
});
