import { z } from 'zod';

/** Where and how to reach the test sshd; the contract between the harness and the fixture servers. */
export interface SshTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly privateKeyPath: string;
  readonly knownHostsPath: string;
}

/** Environment variable names the fixture servers read their SSH target from. */
export const SSH_TARGET_ENV = {
  host: 'AIRLOCK_RIG_SSH_HOST',
  port: 'AIRLOCK_RIG_SSH_PORT',
  user: 'AIRLOCK_RIG_SSH_USER',
  privateKeyPath: 'AIRLOCK_RIG_SSH_KEY',
  knownHostsPath: 'AIRLOCK_RIG_SSH_KNOWN_HOSTS',
} as const satisfies Record<keyof SshTarget, string>;

const targetSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(1).max(65535),
  user: z.string().regex(/^[A-Za-z0-9._-]+$/, 'a plain user name'),
  privateKeyPath: z.string().startsWith('/', 'an absolute path'),
  knownHostsPath: z.string().startsWith('/', 'an absolute path'),
});

/** The env vars that point a fixture server at `target`. */
export function targetToEnv(target: SshTarget): Record<string, string> {
  return {
    [SSH_TARGET_ENV.host]: target.host,
    [SSH_TARGET_ENV.port]: String(target.port),
    [SSH_TARGET_ENV.user]: target.user,
    [SSH_TARGET_ENV.privateKeyPath]: target.privateKeyPath,
    [SSH_TARGET_ENV.knownHostsPath]: target.knownHostsPath,
  };
}

/** Reads and validates a target from env vars; the error names each missing or bad variable. */
export function targetFromEnv(env: NodeJS.ProcessEnv): SshTarget {
  const raw = Object.fromEntries(Object.entries(SSH_TARGET_ENV).map(([key, name]) => [key, env[name]]));
  const parsed = targetSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]) as keyof SshTarget;
    return `${SSH_TARGET_ENV[key]}: ${issue.message}`;
  });
  throw new Error(`SSH target is not configured: ${problems.join('; ')}`);
}
