/**
 * Turns a bridge's hello into a concrete upstream: a saved profile or the inline command, with the
 * environment the client gave the bridge (so tokens in a client's MCP config still reach the server).
 */
import type { SessionTarget, UpstreamSpec } from '../../shared/events';
import type { ProfileStore } from '../profiles/profile-store';
import type { Hello } from './handshake';
import type { ServerProfile } from '../profiles/profile';
import type { SessionRouting } from '../proxy/interceptor';

/** A resolved upstream, ready to start. */
export type ResolvedTarget =
  | {
      readonly ok: true;
      readonly serverName: string;
      readonly target: SessionTarget;
      readonly spec: UpstreamSpec;
      readonly launch:
        | {
            readonly transport: 'stdio';
            readonly command: string;
            readonly args: string[];
            readonly env: Record<string, string>;
            readonly cwd: string;
          }
        | { readonly transport: 'http'; readonly url: string; readonly headers: Record<string, string> };
      readonly routing: SessionRouting;
    }
  | { readonly ok: false; readonly reason: string };

/** Resolves a hello against the saved profiles. */
export function resolveTarget(hello: Hello, profiles: ProfileStore): ResolvedTarget {
  if (hello.target.kind === 'inline') {
    const { label, command, args } = hello.target;
    return {
      ok: true,
      serverName: label,
      target: { kind: 'inline', label },
      spec: { transport: 'stdio', command, args, cwd: hello.cwd, envKeys: Object.keys(hello.env).sort() },
      launch: { transport: 'stdio', command, args, env: hello.env, cwd: hello.cwd },
      routing: { elicitation: hello.target.elicitation ?? 'queue', answerEarlyMs: null },
    };
  }
  const { name } = hello.target;
  let profile: ServerProfile | undefined;
  try {
    profile = profiles.get(name);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (!profile) {
    const known = profiles.list().map((p) => p.name);
    const list = known.length > 0 ? ` Saved profiles: ${known.join(', ')}.` : ' No profiles are saved yet.';
    return {
      ok: false,
      reason: `Unknown server profile '${name}'.${list} Add it with: airlock servers add ${name} -- COMMAND ARGS…`,
    };
  }
  const target: SessionTarget = { kind: 'profile', name };
  if (profile.url !== undefined) {
    return {
      ok: true,
      serverName: name,
      target,
      spec: { transport: 'http', url: profile.url },
      launch: { transport: 'http', url: profile.url, headers: profile.headers },
      routing: routingOf(profile),
    };
  }
  const command = profile.command ?? '';
  const env = { ...hello.env, ...profile.env };
  const cwd = profile.cwd ?? hello.cwd;
  return {
    ok: true,
    serverName: name,
    target,
    spec: { transport: 'stdio', command, args: profile.args, cwd, envKeys: Object.keys(env).sort() },
    launch: { transport: 'stdio', command, args: profile.args, env, cwd },
    routing: routingOf(profile),
  };
}

function routingOf(profile: ServerProfile): SessionRouting {
  return {
    elicitation: profile.elicitation,
    answerEarlyMs: profile.answerEarly?.enabled ? profile.answerEarly.afterMs : null,
  };
}
