/**
 * Server names. A saved profile's name is its own; an inline upstream (`airlock mcp -- COMMAND …`) is
 * named after what it launches plus a fingerprint of its command line and environment keys
 * (`ssh-mcp#3f9a1c2e`), so two different upstreams never share pins, counters, grants or history.
 * Policy `server` globs match the whole name or the label before the fingerprint.
 */

const FINGERPRINTED = /^(.+)#([0-9a-f]{8})$/;

/** The label part of a fingerprinted inline name (`ssh-mcp#3f9a1c2e` → `ssh-mcp`); other names as they are. */
export function serverLabel(name: string): string {
  return FINGERPRINTED.exec(name)?.[1] ?? name;
}

/** `label#fingerprint`. */
export function fingerprintedName(label: string, fingerprint: string): string {
  return `${label}#${fingerprint}`;
}

/** Whether a name carries a fingerprint (an inline upstream's). */
export function isFingerprinted(name: string): boolean {
  return FINGERPRINTED.test(name);
}

/** Wraps a name matcher so that a pattern also matches a fingerprinted name by its label. */
export function matchingLabelToo(match: (name: string) => boolean): (name: string) => boolean {
  return (name) => {
    if (match(name)) return true;
    const label = serverLabel(name);
    return label !== name && match(label);
  };
}
