/**
 * Normalised facts about one `tools/call`, derived before policy evaluation: which SSH server family it
 * is, the target host and user, the command or keystrokes, paths, a risk class, and what the shell
 * parser found in the command. Policy conditions address these as `ssh.*`, `server`, `tool`, `adapter`.
 */
import type { JsonObject } from '../json';
import { toJsonObject } from '../json-input';

/** How dangerous a tool is by kind, before looking at its arguments. */
export type RiskClass = 'read-only' | 'exec' | 'transfer' | 'session' | 'config' | 'unknown';

/** Every risk class, in a stable order (for schemas and UI pickers). */
export const RISK_CLASSES = ['read-only', 'exec', 'transfer', 'session', 'config', 'unknown'] as const;

/**
 * What the command analyser found. Flags in {@link APPROVAL_FLAGS} cap any `allow` at
 * `require_approval`; the others are informational and can be matched by rules (`ssh.flags`).
 */
export type AnalysisFlag =
  | 'parse_error'
  | 'too_long'
  | 'unsafe_chars'
  | 'non_literal_command'
  | 'eval'
  | 'shell_c'
  | 'shell_exec'
  | 'interpreter_inline'
  | 'interpreter_stdin'
  | 'script_exec'
  | 'command_runner'
  | 'wrapper_opaque'
  | 'remote_exec'
  | 'download_exec'
  | 'fork_bomb'
  | 'analyzer_unavailable'
  | 'unknown_shape'
  | 'privileged'
  | 'substitution'
  | 'dynamic_argument'
  | 'redirect_write'
  | 'device_write'
  | 'background'
  | 'function_definition'
  | 'arithmetic'
  | 'indirect_expansion'
  | 'prompt_expansion'
  | 'network_redirect'
  | 'write_unknown'
  | 'unknown_construct'
  | 'shell_dialect'
  | 'interactive_expansion';

/** Flags that mean "a human must look": never auto-allowed, whatever the rules say. */
export const APPROVAL_FLAGS: ReadonlySet<AnalysisFlag> = new Set<AnalysisFlag>([
  'parse_error',
  'too_long',
  'unsafe_chars',
  'non_literal_command',
  'eval',
  'shell_c',
  'shell_exec',
  'interpreter_inline',
  'interpreter_stdin',
  'script_exec',
  'command_runner',
  'wrapper_opaque',
  'remote_exec',
  'download_exec',
  'fork_bomb',
  'analyzer_unavailable',
  'unknown_shape',
  'function_definition',
  'arithmetic',
  'indirect_expansion',
  'prompt_expansion',
  'network_redirect',
  'write_unknown',
  'unknown_construct',
  'shell_dialect',
  'interactive_expansion',
]);

/** One argument token of a simple command after dequoting. */
export type ArgToken = {
  /** The dequoted value when the token is fully literal, else the raw source text. */
  readonly text: string;
  /** False when the token contains an expansion or substitution (its runtime value is unknown). */
  readonly literal: boolean;
};

/** A redirect attached to a simple command. */
export type Redirect = {
  readonly op: string;
  readonly target: ArgToken;
};

/** One simple command found anywhere in the parsed text (lists, pipelines, substitutions, heredocs…). */
export type SimpleCommand = {
  /** The command name (dequoted when literal). */
  readonly name: ArgToken;
  /** The basename of a literal name (`/bin/rm` → `rm`); empty for a non-literal name. */
  readonly program: string;
  readonly args: readonly ArgToken[];
  readonly redirects: readonly Redirect[];
  /** True when this entry was unwrapped from a wrapper such as `sudo`, `env`, `timeout`. */
  readonly unwrapped: boolean;
};

/**
 * A redirection that can write: the normalised path when the target is a literal (`~/.bashrc`,
 * `/etc/hosts`, `out.txt` relative to the working folder), else the raw source text with `known` false.
 * `/dev/null`, the standard streams and duplications among file descriptors are not writes.
 */
export type WriteTarget = {
  readonly path: string;
  readonly known: boolean;
  /** The redirection operator (`>`, `>>`, `&>`, `>|` …). */
  readonly op: string;
};

/** The result of analysing one shell command text. */
export type CommandAnalysis = {
  /** True when the text parsed without errors and within limits. */
  readonly ok: boolean;
  readonly commands: readonly SimpleCommand[];
  /** Every redirection that writes somewhere (see {@link WriteTarget}). */
  readonly writes: readonly WriteTarget[];
  readonly flags: readonly AnalysisFlag[];
  /** One short line per notable finding, for the approval view and explanations. */
  readonly notes: readonly string[];
};

/** Normalised SSH fields of a call; all optional because unknown servers provide none. */
export type SshFields = {
  readonly risk: RiskClass;
  /** The resolved host when known, else the alias or reference as given. */
  readonly host?: string;
  /** The alias, credential, profile, session or tag name the call used, as given. */
  readonly hostAlias?: string;
  /** True when `host` came from the server's own data rather than the raw argument. */
  readonly hostResolved?: boolean;
  readonly user?: string;
  readonly command?: string;
  /** Raw keystrokes for a PTY session. */
  readonly input?: string;
  readonly path?: string;
  /** Every path argument (local and remote), for transfer tools. */
  readonly paths?: readonly string[];
  /** Literal program names of every simple command in `command` and `input`. */
  readonly programs: readonly string[];
  /** Normalised targets of every writing redirection in `command` and `input` (unknown ones as written); absent when none. */
  readonly writes?: readonly string[];
  /** Union of analysis flags (command, input, argument text safety). */
  readonly flags: readonly AnalysisFlag[];
  readonly analysis?: CommandAnalysis;
  readonly inputAnalysis?: CommandAnalysis;
};

/** Everything policy conditions can address besides `args.*`. */
export type CallFields = {
  readonly server: string;
  readonly tool: string;
  /** Adapter id when the server was recognised (`ssh-mcp`, `mcp-ssh-orchestrator`…), else null. */
  readonly adapter: string | null;
  /** How the adapter was chosen. */
  readonly identifiedBy: 'server-info' | 'tool-set' | 'launch' | 'tool-name' | 'none';
  readonly ssh: SshFields;
};

/** Fields as plain JSON for history rows and replies (absent members dropped). */
export function fieldsToJson(fields: CallFields): JsonObject {
  return toJsonObject(fields);
}
