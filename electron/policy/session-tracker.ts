/**
 * What the policy engine learns from tool results so that aliases resolve to real targets: the
 * orchestrator's host aliases (`ssh_describe_host`), KinoThe's credentials (`list_credentials`,
 * `add_credential`) and PTY sessions (`ssh_session_start`), ssh-mcp's profiles (`list-connections`).
 * Kept outside the pure evaluator; normalisation reads it through a resolver function.
 */
import type { Json, JsonObject } from '../../shared/json';
import { isJsonObject } from '../../shared/json';
import type { LaunchTarget } from '../../shared/policy/launch-identity';
import type { ResolvedTarget, TargetRef } from '../../shared/policy/normalise';

/** A finished call the tracker may learn from. */
export interface TrackedResult {
  readonly serverName: string;
  readonly sessionId: string;
  readonly adapterId: string | null;
  readonly tool: string;
  readonly arguments: JsonObject;
  readonly result: JsonObject;
}

/** A resolved target; `port` is carried for when the normalised fields gain one. */
type Target = ResolvedTarget & { readonly port?: number };

/** Alias and session state per server and session. */
export interface SessionTracker {
  /**
   * Resolves target references for one call. `launchTarget` is what the server's launch flags
   * configure (already checked to hold); it answers references of its kind that name it or rely on the
   * server's default, until the server's own listing has been seen.
   */
  resolver(
    serverName: string,
    sessionId: string,
    launchTarget?: LaunchTarget,
  ): (ref: TargetRef) => ResolvedTarget | undefined;
  /** Whether results of this tool teach the tracker anything (most calls' results are never read). */
  learns(adapterId: string | null, tool: string): boolean;
  learn(input: TrackedResult): void;
  endSession(sessionId: string): void;
}

const MAX_ENTRIES = 10_000;

/** The `adapter/tool` pairs `learn` reads; keep in step with its switch. */
const LEARNED = new Set([
  'mcp-ssh-orchestrator/ssh_describe_host',
  'kinothe-ssh-mcp-server/list_credentials',
  'kinothe-ssh-mcp-server/add_credential',
  'kinothe-ssh-mcp-server/remove_credential',
  'kinothe-ssh-mcp-server/ssh_session_start',
  'kinothe-ssh-mcp-server/ssh_session_end',
  'ssh-mcp/list-connections',
]);

function learnedKey(adapterId: string | null, tool: string): string {
  return `${adapterId ?? ''}/${tool}`;
}

/** Creates an empty tracker. */
export function createSessionTracker(): SessionTracker {
  const byServer = new Map<string, Map<string, Target>>();
  const bySession = new Map<string, Map<string, Target>>();
  /** Servers whose own profile listing has been seen: launch flags no longer speak for them. */
  const listed = new Set<string>();
  const mapFor = (outer: Map<string, Map<string, Target>>, key: string): Map<string, Target> => {
    let m = outer.get(key);
    if (!m) outer.set(key, (m = new Map<string, Target>()));
    if (m.size > MAX_ENTRIES) m.clear();
    return m;
  };

  return {
    resolver(serverName, sessionId, launchTarget) {
      return (ref) => {
        if (ref.kind === 'session') return bySession.get(sessionId)?.get(ref.value);
        if (
          launchTarget &&
          ref.kind === launchTarget.kind &&
          (ref.value === '' || ref.value === launchTarget.name) &&
          !listed.has(serverName)
        ) {
          const { host, user, port } = launchTarget;
          const fromLaunch: Target = { host, user, port };
          return fromLaunch;
        }
        const known = byServer.get(serverName);
        if (!known) return undefined;
        if (ref.value === '' && ref.kind === 'profile') {
          // ssh-mcp without `profile` uses its default; only unambiguous when one profile is known.
          const profiles = [...known.entries()].filter(([k]) => k.startsWith('profile:'));
          return profiles.length === 1 ? profiles[0]?.[1] : undefined;
        }
        return known.get(`${ref.kind}:${ref.value}`);
      };
    },
    learns: (adapterId, tool) => LEARNED.has(learnedKey(adapterId, tool)),
    learn(input) {
      const key = learnedKey(input.adapterId, input.tool);
      if (!LEARNED.has(key)) return;
      const server = mapFor(byServer, input.serverName);
      const args = input.arguments;
      const data = resultData(input.result);
      switch (key) {
        case 'mcp-ssh-orchestrator/ssh_describe_host': {
          const host = isJsonObject(data) ? data : undefined;
          const alias = str(host?.alias) ?? str(args.alias);
          const address = str(host?.host);
          if (alias && address) server.set(`alias:${alias}`, { host: address });
          break;
        }
        case 'kinothe-ssh-mcp-server/list_credentials':
          for (const row of Array.isArray(data) ? data : []) {
            if (!isJsonObject(row)) continue;
            const name = str(row.name);
            const host = str(row.host);
            if (name && host) server.set(`credential:${name}`, target(host, str(row.username)));
          }
          break;
        case 'kinothe-ssh-mcp-server/add_credential': {
          const name = str(args.name);
          const host = str(args.host);
          if (name && host) server.set(`credential:${name}`, target(host, str(args.username)));
          break;
        }
        case 'kinothe-ssh-mcp-server/remove_credential':
          if (str(args.name)) server.delete(`credential:${str(args.name) ?? ''}`);
          break;
        case 'kinothe-ssh-mcp-server/ssh_session_start': {
          const info = isJsonObject(data) ? data : undefined;
          const id = str(info?.sessionId);
          if (!id) break;
          const viaCredential = server.get(`credential:${str(args.credentialName) ?? ''}`);
          const host = str(info?.host) ?? viaCredential?.host;
          if (host)
            mapFor(bySession, input.sessionId).set(
              id,
              target(host, str(info?.username) ?? viaCredential?.user),
            );
          break;
        }
        case 'kinothe-ssh-mcp-server/ssh_session_end':
          bySession.get(input.sessionId)?.delete(str(args.sessionId) ?? '');
          break;
        case 'ssh-mcp/list-connections':
          for (const line of resultText(input.result).split('\n')) {
            const m = /^\s*([A-Za-z0-9_.-]+):\s+([^@\s]+)@(\S+?)(?::(\d+))?(\s|$)/.exec(line);
            if (m?.[1] && m[3]) {
              server.set(`profile:${m[1]}`, target(m[3], m[2], m[4] ? Number(m[4]) : undefined));
              listed.add(input.serverName);
            }
          }
          break;
        default:
          break;
      }
    },
    endSession(sessionId) {
      bySession.delete(sessionId);
    },
  };
}

function target(host: string, user: string | undefined, port?: number): Target {
  return { host, ...(user && { user }), ...(port !== undefined && { port }) };
}

function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function resultText(result: JsonObject): string {
  const content = Array.isArray(result.content) ? result.content : [];
  return content.map((c) => (isJsonObject(c) && typeof c.text === 'string' ? c.text : '')).join('\n');
}

/** The JSON a result carries: structured content (FastMCP wraps it in `result`) or JSON text. */
function resultData(result: JsonObject): Json | undefined {
  const structured = result.structuredContent;
  if (isJsonObject(structured)) return structured.result ?? structured;
  const text = resultText(result).trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}
