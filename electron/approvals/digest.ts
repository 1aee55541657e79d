/** Digests that bind what the operator was shown to what runs. */
import { createHash } from 'node:crypto';

import { canonicalJson } from '../../shared/canonical-json';
import type { JsonObject } from '../../shared/json';

/** SHA-256 hex of the canonical JSON of a call's arguments: the digest shown with, and echoed by, a decision. */
export function digestArguments(args: JsonObject): string {
  return createHash('sha256').update(canonicalJson(args), 'utf8').digest('hex');
}

/** SHA-256 hex of a domain-separated canonical tuple, for internal lookup keys that must not collide. */
export function digestKey(domain: string, parts: readonly unknown[]): string {
  return createHash('sha256')
    .update(canonicalJson([`airlock/${domain}/v1`, ...parts]), 'utf8')
    .digest('hex');
}
