/**
 * The console backend both front ends share: parses every payload by its channel's schema, calls the
 * core services, and answers errors as messages. Nothing here trusts the caller: an unknown channel or a
 * malformed payload is refused before any service is touched.
 */
import { z } from 'zod';

import type { InvokeChannel, InvokeHandlerMap } from '../../shared/contract/channels';
import { errorMessage, fail, ok, type InvokeResult } from '../../shared/contract/result';
import { invokeSchemas } from '../../shared/contract/schemas';
import type { ConsoleBackend, ConsoleHandlers } from './backend';
import { historyHandlers } from './history-handlers';
import { createPushSource } from './push-state';
import { policyHandlers } from './policy-handlers';
import { queueHandlers } from './queue-handlers';
import { serverHandlers } from './server-handlers';
import type { ConsoleServices } from './services';
import { settingsHandlers } from './settings-handlers';

function isChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(invokeSchemas, channel);
}

/** Wraps a handler map as the untyped `invoke` the transports call. */
export function dispatcher(map: InvokeHandlerMap): ConsoleHandlers {
  return {
    async invoke(channel: string, payload: unknown): Promise<InvokeResult<unknown>> {
      if (!isChannel(channel)) return fail(`Unknown channel "${channel.slice(0, 64)}".`);
      const parsed = invokeSchemas[channel].safeParse(payload);
      if (!parsed.success) return fail(requestProblem(channel, parsed.error));
      try {
        // The map is indexed by the same key the schema was: the pair is consistent by construction.
        const handler = map[channel] as (request: unknown) => Promise<unknown>;
        return ok(await handler(parsed.data));
      } catch (error) {
        return fail(errorMessage(error));
      }
    },
  };
}

/** Builds the handler map over the core services. */
export function consoleHandlerMap(services: ConsoleServices): InvokeHandlerMap {
  return {
    ...queueHandlers(services),
    ...policyHandlers(services),
    ...historyHandlers(services),
    ...serverHandlers(services),
    ...settingsHandlers(services),
  };
}

/** Creates the console backend: `startWebConsole({ ...createConsoleHandlers(services), rendererDir })`. */
export function createConsoleHandlers(services: ConsoleServices): ConsoleBackend {
  const events = createPushSource(services);
  return { handlers: dispatcher(consoleHandlerMap(services)), events, dispose: () => events.dispose() };
}

/** A refused request in words: a schema's own sentences (settings bounds) as they are, else zod's account. */
function requestProblem(channel: string, error: z.ZodError): string {
  const issues = error.issues;
  if (issues.length > 0 && issues.every((i) => i.code === 'custom')) {
    return issues.map((i) => i.message).join(' ');
  }
  return `Invalid ${channel} request: ${z.prettifyError(error)}`;
}
