/**
 * Redirections as effects: every redirection that can write becomes a {@link WriteTarget} with its
 * path normalised (the policy's write rules match it), `/dev/tcp` and `/dev/udp` open network
 * connections whichever way they point, and block devices are flagged for the deny rules.
 */
import type { AnalysisFlag, Redirect, WriteTarget } from '../../../shared/policy/fields';
import { normalisePath } from '../../../shared/policy/paths';

/** What the redirections of one command do. */
export interface RedirectEffects {
  readonly writes: WriteTarget[];
  readonly flags: { readonly flag: AnalysisFlag; readonly note: string }[];
}

const OUTPUT_OPS = new Set(['>', '>>', '&>', '&>>', '>|', '>&', '<>', '&>|']);
const BLOCK_DEVICE = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|md|dm-|mapper\/|loop|sr)/;
const NETWORK = /^\/dev\/(tcp|udp)\//;
// Writing to these changes nothing on the host.
const HARMLESS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/fd/1', '/dev/fd/2', '/dev/tty']);

/** Classifies the redirections of one simple command. */
export function redirectEffects(redirects: readonly Redirect[]): RedirectEffects {
  const effects: RedirectEffects = { writes: [], flags: [] };
  for (const r of redirects) {
    // A glob in a target expands to whatever file matches: its path is not what is written.
    const literal = r.target.literal && !/[*?[]/.test(r.target.text);
    const target = literal ? normalisePath(r.target.text) : r.target.text;
    if (r.target.literal && NETWORK.test(target)) {
      effects.flags.push({ flag: 'network_redirect', note: `a redirection opens ${target}` });
      continue;
    }
    if (!OUTPUT_OPS.has(r.op)) continue;
    // `2>&1`, `>&2`, `>&-`: duplications and closes among descriptors.
    if ((r.op === '>&' || r.op === '<&') && r.target.literal && /^([0-9]+-?|-)$/.test(r.target.text))
      continue;
    if (literal && HARMLESS.has(target)) continue;
    effects.flags.push({ flag: 'redirect_write', note: `output is written to ${target}` });
    if (!literal) {
      effects.flags.push({ flag: 'write_unknown', note: `output goes to ${target}, known only at run time` });
    } else if (BLOCK_DEVICE.test(target)) {
      effects.flags.push({ flag: 'device_write', note: `output redirected to ${target}` });
    }
    effects.writes.push({ path: target, known: literal, op: r.op });
  }
  return effects;
}
