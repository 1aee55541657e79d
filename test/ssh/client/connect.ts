import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import { isKnownHostKey, parseKnownHosts } from './known-hosts';
import type { SshTarget } from './target';

/**
 * Opens an authenticated ssh2 connection to `target`, verifying the host key against its known_hosts
 * file (a mismatch is an error, never a prompt).
 */
export function connectSsh(target: SshTarget, readyTimeoutMs = 15_000): Promise<Client> {
  const knownHosts = parseKnownHosts(readFileSync(target.knownHostsPath, 'utf8'));
  const privateKey = readFileSync(target.privateKeyPath);
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKeyRejected = false;
    const onError = (error: Error): void => {
      client.end();
      const why = hostKeyRejected ? `host key not in ${target.knownHostsPath}` : error.message;
      reject(new Error(`SSH to ${target.user}@${target.host}:${target.port} failed: ${why}`));
    };
    client.once('ready', () => {
      client.off('error', onError);
      // Later errors (e.g. the server going away) must not crash the process; callers see closed channels.
      client.on('error', () => undefined);
      resolve(client);
    });
    client.once('error', onError);
    client.connect({
      host: target.host,
      port: target.port,
      username: target.user,
      privateKey,
      readyTimeout: readyTimeoutMs,
      agent: undefined,
      hostVerifier: (key: Buffer) => {
        const known = isKnownHostKey(knownHosts, target.host, target.port, key);
        hostKeyRejected = !known;
        return known;
      },
    });
  });
}
