import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { targetToEnv, type SshTarget } from './client/target';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The fixture servers built into `dist/test/fixtures/` by the test global setup. */
export type FixtureName = 'orchestrator' | 'session';

/** A stdio server launch: what `StdioClientTransport` (or `airlock mcp -- …`) needs. */
export interface StdioLaunch {
  readonly command: string;
  readonly args: string[];
  readonly env: Record<string, string>;
}

/** Absolute path of a built fixture; throws with the fix when the build is missing. */
export function fixturePath(name: FixtureName): string {
  const path = `${root}dist/test/fixtures/${name}-fixture.js`;
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`node scripts/build.mjs --no-renderer\` first`);
  return path;
}

/** How to launch a fixture server pointed at `target` (plus any extra env, e.g. an orchestrator config). */
export function fixtureLaunch(
  name: FixtureName,
  target: SshTarget,
  extraEnv: Record<string, string> = {},
): StdioLaunch {
  return {
    command: process.execPath,
    args: [fixturePath(name)],
    env: { ...targetToEnv(target), PATH: process.env.PATH ?? '/usr/bin:/bin', ...extraEnv },
  };
}
