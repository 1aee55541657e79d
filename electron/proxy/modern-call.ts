/**
 * The modern-era (2026-07-28) parts of an intercepted `tools/call`: results Airlock itself answers carry
 * `resultType: "complete"` (modern clients require the discriminator), and the forwarded call's envelope
 * declares what the upstream needs to know (Airlock's queue elicitation; not the tasks extension when
 * Airlock already answered the client with its own task). Pure.
 */
import type { JsonObject } from '../../shared/json';
import {
  declaresExtension,
  TASKS_EXTENSION,
  withClientCapabilities,
  withoutExtension,
  type RequestEnvelope,
} from '../../shared/mcp-era';
import type { CallInterceptor, SessionInfo } from './interceptor';

/** A result for the client: with the modern discriminator when the request was modern. */
export function resultFor(envelope: RequestEnvelope | undefined, result: object): Record<string, unknown> {
  return envelope ? { ...result, resultType: 'complete' } : { ...result };
}

/** Whether a modern client may be answered with a task of the tasks extension. */
export function acceptsTasks(envelope: RequestEnvelope | undefined): boolean {
  return envelope !== undefined && declaresExtension(envelope.clientCapabilities, TASKS_EXTENSION);
}

/** The params of a modern call as they go upstream (a copy when the envelope changes). */
export function modernForwardParams(
  params: Record<string, unknown>,
  envelope: RequestEnvelope,
  session: SessionInfo,
  interceptor: CallInterceptor,
  servedAsTask: boolean,
): Record<string, unknown> {
  const declared: JsonObject = envelope.clientCapabilities;
  const own = servedAsTask ? withoutExtension(declared, TASKS_EXTENSION) : declared;
  const capabilities = interceptor.onClientCapabilities?.(session, own) ?? own;
  return capabilities === declared ? params : withClientCapabilities(params, capabilities);
}
