/** Policy channels, over the policy store and gate. */
import type { InvokeHandlerMap } from '../../shared/contract/channels';
import { policyStatus } from './push-state';
import type { ConsoleServices } from './services';

type PolicyChannels = Extract<keyof InvokeHandlerMap, `policy:${string}`>;

/** Policy handlers. */
export function policyHandlers(services: ConsoleServices): Pick<InvokeHandlerMap, PolicyChannels> {
  const { policy } = services;
  return {
    'policy:status': () => Promise.resolve(policyStatus(services)),
    'policy:get': async () => policy.get(),
    'policy:validate': async ({ text }) => policy.validate(text),
    'policy:save': async ({ document, note }) => policy.save(document, note ?? null),
    'policy:simulate': async (call) => policy.simulate(call),
    'policy:versions': async () => policy.versions(),
    'policy:diff': async ({ from, to }) => policy.diff(from, to),
    'policy:rollback': async ({ version }) => policy.rollback(version),
    'policy:import': async ({ text, format }) => policy.import(text, format),
    'policy:export': async () => policy.export(),
    'policy:resolve-disk-change': async ({ accept }) => policy.resolveDiskChange(accept),
  };
}
