/** One key accepted for a host pattern. */
interface KnownHostEntry {
  readonly hosts: readonly string[];
  readonly keyBlob: Buffer;
}

/** Parses plain (unhashed) known_hosts text; comments, markers and hashed entries are skipped. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('@') || trimmed.startsWith('|'))
      continue;
    const [hosts, , blob] = trimmed.split(/\s+/);
    if (hosts === undefined || blob === undefined) continue;
    entries.push({ hosts: hosts.split(','), keyBlob: Buffer.from(blob, 'base64') });
  }
  return entries;
}

/** Whether `keyBlob` is a known key for host:port, using OpenSSH's `[host]:port` naming off port 22. */
export function isKnownHostKey(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  keyBlob: Buffer,
): boolean {
  const name = port === 22 ? host : `[${host}]:${port}`;
  return entries.some((entry) => entry.hosts.includes(name) && entry.keyBlob.equals(keyBlob));
}
