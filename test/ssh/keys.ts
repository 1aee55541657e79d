import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** An OpenSSH key pair on disk. */
export interface KeyPair {
  readonly privateKeyPath: string;
  /** The `.pub` line: `ssh-ed25519 AAAA… comment`. */
  readonly publicKey: string;
}

/** Generates an unencrypted ed25519 key pair at `path` (and `path.pub`) with Debian's ssh-keygen. */
export async function generateKeyPair(path: string, comment: string): Promise<KeyPair> {
  try {
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  } catch (error) {
    throw new Error(`ssh-keygen could not create ${path} (is openssh-client installed?): ${String(error)}`, {
      cause: error,
    });
  }
  return { privateKeyPath: path, publicKey: (await readFile(`${path}.pub`, 'utf8')).trim() };
}

/** The base64 key blob of a `.pub` line. */
export function publicKeyBlob(publicKey: string): string {
  const blob = publicKey.trim().split(/\s+/)[1];
  if (blob === undefined || blob === '') throw new Error(`not an OpenSSH public key line: ${publicKey}`);
  return blob;
}

/** OpenSSH's `SHA256:…` fingerprint (unpadded base64 of the blob's SHA-256), as ssh-keygen -l prints it. */
export function fingerprintSha256(publicKey: string): string {
  const digest = createHash('sha256')
    .update(Buffer.from(publicKeyBlob(publicKey), 'base64'))
    .digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/**
 * known_hosts lines for a host key. Both the bracketed `[host]:port` form (what OpenSSH and paramiko
 * look up for a non-22 port) and the bare host (what mcp-ssh-orchestrator checks) are written.
 */
export function knownHostsLines(host: string, port: number, publicKey: string): string {
  const [type, blob] = publicKey.trim().split(/\s+/);
  if (type === undefined || blob === undefined)
    throw new Error(`not an OpenSSH public key line: ${publicKey}`);
  return `[${host}]:${port} ${type} ${blob}\n${host} ${type} ${blob}\n`;
}
