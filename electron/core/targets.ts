/**
 * Turns a bridge's hello into a concrete upstream: a saved profile or the inline command, with the
 * environment the client gave the bridge (so tokens in a client's MCP config still reach the server).
 */
import type { SessionTarget, UpstreamSpec } from '../../shared/events';
import type { ProfileStore } from '../profiles/profile-store';
import type { Hello } from './handshake';
import type { ServerProfile } from '../profiles/profile';
import type { SessionRouting } from '../proxy/interceptor';
import type { NameRegistry } from '../policy/name-bindings';
import { inlineIdentity, type InlineIdentity } from './server-identity';

/** A resolved upstream, ready to start. */
export type ResolvedTarget =
  | {
      readonly ok: true;
      readonly serverName: string;
      /** Set when `--name` is bound to another command line: the session's calls wait for the operator. */
      readonly nameConflict?: InlineIdentity['conflict'];
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

/**
 * Resolves a hello against the saved profiles; an inline upstream is named by
 * {@link inlineIdentity} (claiming its `--name` in `names`).
 */
export function resolveTarget(
  hello: Hello,
  profiles: ProfileStore,
  names: NameRegistry,
  now: number = Date.now(),
): ResolvedTarget {
  if (hello.target.kind === 'inline') {
    const { label: explicitName, command, args } = hello.target;
    const envKeys = Object.keys(hello.env).sort();
    const identity = inlineIdentity(
      { command, args, envKeys, cwd: hello.cwd, ...(explicitName !== undefined && { explicitName }) },
      names,
      now,
    );
    return {
      ok: true,
      serverName: identity.serverName,
      ...(identity.conflict && { nameConflict: identity.conflict }),
      target: { kind: 'inline', label: identity.label },
      spec: { transport: 'stdio', command, args, cwd: hello.cwd, envKeys },
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
