/**
 * Server profiles: saved upstream definitions a bridge names with `--server NAME`. Pure schema and
 * helpers; storage lives in profile-store.ts.
 */
import { z } from 'zod';

/** Profile names are used on command lines and in client configs: keep them simple. */
export const profileNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'use 1–64 letters, digits, dot, dash or underscore, starting with a letter or digit',
  );

/** How a held call's wait is handled for clients with short fixed time-outs. */
export const answerEarlySchema = z.object({
  enabled: z.boolean(),
  /** Reply "pending approval, retry" after this long. */
  afterMs: z.number().int().min(1000).max(600_000),
});

/** One saved upstream. Exactly one of `command` (stdio) or `url` (Streamable HTTP). */
export const profileSchema = z
  .object({
    name: profileNameSchema,
    description: z.string().max(500).optional(),
    command: z.string().min(1).optional(),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    cwd: z.string().min(1).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    headers: z.record(z.string(), z.string()).default({}),
    /** Where an upstream's own `elicitation/create` goes: Airlock's queue (default) or the client. */
    elicitation: z.enum(['queue', 'client']).default('queue'),
    answerEarly: answerEarlySchema.optional(),
  })
  .refine((p) => (p.command === undefined) !== (p.url === undefined), {
    message: 'a profile needs exactly one of a command (stdio upstream) or a url (HTTP upstream)',
  });

/** A validated server profile. */
export type ServerProfile = z.infer<typeof profileSchema>;

/** Input accepted when saving a profile (defaults not yet applied). */
export type ServerProfileInput = z.input<typeof profileSchema>;
