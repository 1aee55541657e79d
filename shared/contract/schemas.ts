/**
 * Parsers for every invoke payload the renderer sends. The renderer is treated as untrusted input
 * (it displays attacker-chosen text), so payloads are strict: unknown keys and wrong types are refused.
 */
import { z } from 'zod';
import { NUMERIC_SETTINGS, numericSettingSchema } from './setting-fields';

import { decideRequestSchema } from '../approvals/schemas';
import type { JsonObject } from '../json';

/** Any JSON object (tool arguments, a policy document, a rule). */
export const jsonObjectSchema = z.record(z.string(), z.json()) as unknown as z.ZodType<JsonObject>;

/** A server profile name as used in `airlock mcp --server NAME`. */
export const serverNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, dot, dash or underscore (max 64)');

const empty = z.strictObject({});
const text = (max: number) => z.string().max(max);

/** The answer-early delay range a profile accepts (milliseconds). */
export const ANSWER_EARLY_BOUNDS = { min: 1000, max: 600_000 } as const;

/** Options every profile has, whatever its transport; omitted ones keep their saved values. */
const profileOptions = {
  /** Empty removes the description. */
  description: text(500).optional(),
  /** Where the upstream's own `elicitation/create` goes. */
  elicitation: z.enum(['queue', 'client']).optional(),
  /** Reply "pending approval, retry" after this many ms; null turns answer-early off. */
  answerEarlyMs: z
    .int()
    .min(ANSWER_EARLY_BOUNDS.min, 'answer early: at least 1 second')
    .max(ANSWER_EARLY_BOUNDS.max, 'answer early: at most 10 minutes')
    .nullable()
    .optional(),
};

/** A server profile as entered in the Servers screen. */
export const serverProfileInputSchema = z.discriminatedUnion('transport', [
  z.strictObject({
    ...profileOptions,
    name: serverNameSchema,
    transport: z.literal('stdio'),
    command: z.string().min(1, 'command is required').max(4096),
    args: z.array(text(4096)).max(256),
    cwd: text(4096).nullable(),
    /** Values are write-only: omitted keys keep their saved values. */
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), text(16_384)).optional(),
  }),
  z.strictObject({
    ...profileOptions,
    name: serverNameSchema,
    transport: z.literal('http'),
    url: z.url({ protocol: /^https?$/ }),
    /** Values are write-only (they often carry a token): omitted keys keep their saved values. */
    headers: z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/), text(16_384)).optional(),
  }),
]);

/** A server profile as entered in the Servers screen. */
export type ServerProfileInput = z.infer<typeof serverProfileInputSchema>;

/** A partial settings change. */
export const settingsPatchSchema = z.strictObject({
  notifications: z.boolean().optional(),
  expirySeconds: numericSettingSchema(NUMERIC_SETTINGS.expirySeconds).optional(),
  retentionDays: numericSettingSchema(NUMERIC_SETTINGS.retentionDays).optional(),
  startAtLogin: z.boolean().optional(),
  // From the console: 5 minutes to 14 days (shorter only by editing config.json, for tests).
  consoleSessionSeconds: numericSettingSchema(NUMERIC_SETTINGS.consoleSessionSeconds).optional(),
});

/** Request schemas of every invoke channel, keyed `domain:verb`. */
export const invokeSchemas = {
  'queue:list': empty,
  'queue:decide': decideRequestSchema,
  'queue:decide-many': z.strictObject({ requests: z.array(decideRequestSchema).min(1).max(1000) }),
  'queue:suggest-rule': z.strictObject({ id: z.string().min(1).max(200) }),
  'sessions:list': empty,
  'policy:status': empty,
  'policy:get': empty,
  'policy:validate': z.strictObject({ text: text(2_000_000) }),
  'policy:save': z.strictObject({ document: jsonObjectSchema, note: text(500).optional() }),
  'policy:simulate': z.strictObject({
    serverName: z.string().min(1).max(200),
    tool: z.string().min(1).max(200),
    arguments: jsonObjectSchema,
    /** An unsaved policy to decide the same call with, beside the active one. */
    draft: jsonObjectSchema.optional(),
  }),
  'policy:versions': empty,
  'policy:diff': z.strictObject({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }),
  'policy:rollback': z.strictObject({ version: z.number().int().nonnegative() }),
  'policy:import': z.strictObject({
    text: text(2_000_000),
    format: z.enum(['auto', 'airlock', 'policylayer']),
  }),
  'policy:export': empty,
  'policy:resolve-disk-change': z.strictObject({ accept: z.boolean() }),
  'history:sessions': z.strictObject({
    text: text(500).optional(),
    server: text(200).optional(),
    client: text(200).optional(),
    host: text(500).optional(),
    decision: z.enum(['allow', 'deny', 'require_approval']).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
  'history:timeline': z.strictObject({ sessionId: z.string().min(1).max(200) }),
  'history:call': z.strictObject({
    sessionId: z.string().min(1).max(200),
    callId: z.string().min(1).max(200),
  }),
  'history:search': z.strictObject({
    text: text(500).min(1),
    limit: z.number().int().min(1).max(1000).optional(),
    /** Only this session's calls (the in-session search of the History screen). */
    sessionId: z.string().min(1).max(200).optional(),
  }),
  'history:export': z.strictObject({
    format: z.enum(['jsonl', 'csv']),
    sessionId: z.string().max(200).optional(),
  }),
  'servers:list': empty,
  'servers:save': z.strictObject({
    profile: serverProfileInputSchema,
    previousName: serverNameSchema.optional(),
    /** A new profile over an existing name replaces it only when the operator confirmed that. */
    overwrite: z.boolean().optional(),
  }),
  'servers:remove': z.strictObject({ name: serverNameSchema }),
  'servers:test': z.strictObject({ name: serverNameSchema }),
  'servers:snippets': z.strictObject({ name: serverNameSchema }),
  'servers:install-claude-desktop': z.strictObject({ name: serverNameSchema }),
  'settings:get': empty,
  'settings:update': z.strictObject({ patch: settingsPatchSchema }),
} as const;
