/**
 * Read-only programs with sub-verbs: only the verbs that show state are listed, with their global
 * options (those that point the program at another configuration or host are refused: a
 * configuration can name a pager, hook or credential helper to run) and per-verb refusals (`git diff
 * --output=FILE` writes, `git grep -O` runs a program).
 */
import type { Tri } from '../predicate';
import { everyTri } from '../kleene';
import type { ArgToken } from '../fields';
import { canBeOption, scanLeading, scanOptions, type OptionSpec } from './options';
import type { ProgramRule } from './simple-programs';

interface VerbProgram {
  /** Options before the verb. */
  readonly global: OptionSpec;
  /** The verb that applies when none is given, if any (`systemctl` lists units). */
  readonly defaultVerb?: string;
  /** Read-only verbs, with what else must hold for the rest of the arguments. */
  readonly verbs: ReadonlyMap<string, (rest: readonly ArgToken[]) => Tri>;
}

const anyRest = (): Tri => true;
const refusing = (...options: string[]) => (rest: readonly ArgToken[]): Tri =>
  everyTri(rest, (a) => !a.literal ? (canBeOption(a) ? null : true) : !options.some((o) => a.text === o || a.text.startsWith(`${o}=`) || (o.length === 2 && a.text.startsWith(o) && !a.text.startsWith('--'))), undefined); // prettier-ignore
const verbs = (entries: Record<string, (rest: readonly ArgToken[]) => Tri>) =>
  new Map(Object.entries(entries));
const list = (names: string, rule: (rest: readonly ArgToken[]) => Tri = anyRest) =>
  Object.fromEntries(names.split(' ').map((n) => [n, rule]));

/** Judges `args` of a verb program. */
function judge(program: VerbProgram, args: readonly ArgToken[]): Tri {
  const lead = scanLeading(args, program.global);
  if (lead.ok !== true) return lead.ok;
  const verb = args[lead.index];
  if (!verb) return program.defaultVerb ? (program.verbs.get(program.defaultVerb)?.([]) ?? false) : false;
  if (!verb.literal) return null;
  const rule = program.verbs.get(verb.text);
  return rule ? rule(args.slice(lead.index + 1)) : false;
}

const GIT_OUTPUT = refusing('--output', '--ext-diff', '-O', '--open-files-in-pager');
const gitListing = (listFlags: string[]) => (rest: readonly ArgToken[]): Tri => {
  // `git branch NAME` and `git tag NAME` create; operands are patterns only with --list.
  const listing = rest.some((a) => listFlags.includes(a.text));
  const operands = rest.filter((a) => !a.text.startsWith('-'));
  if (rest.some((a) => !a.literal)) return null;
  if (rest.some((a) => /^(-[a-zA-Z]*[dDmMcCfu]|--(delete|move|copy|force|set-upstream|unset-upstream|edit-description|create-reflog|annotate|sign|message|file))/.test(a.text))) return false;
  return operands.length === 0 || listing;
}; // prettier-ignore

const GIT: VerbProgram = {
  global: {
    mode: 'allow',
    short: 'pP',
    shortValued: 'C',
    long: ['--no-pager', '--paginate', '--no-optional-locks', '--literal-pathspecs', '--no-replace-objects'],
  },
  verbs: verbs({
    ...list('status log show diff shortlog describe rev-parse rev-list ls-files ls-tree blame cat-file show-ref for-each-ref grep whatchanged name-rev merge-base check-ignore check-attr count-objects version', GIT_OUTPUT),
    branch: gitListing(['-l', '--list', '-a', '--all', '-r', '--remotes', '--contains', '--merged', '--no-merged', '--points-at']),
    tag: gitListing(['-l', '--list', '--contains', '--merged', '--no-merged', '--points-at']),
    remote: (rest) => rest.length === 0 || (rest.length === 1 && rest[0]?.text === '-v') || rest[0]?.text === 'get-url',
    stash: (rest) => rest[0]?.text === 'list' || rest[0]?.text === 'show',
    reflog: (rest) => rest.length === 0 || rest[0]?.text === 'show' || rest[0]?.text.startsWith('-') === true,
    worktree: (rest) => rest[0]?.text === 'list',
    config: (rest) => {
      if (rest.some((a) => !a.literal)) return null;
      if (rest.some((a) => /^--(get|get-all|get-regexp|list|get-urlmatch)$|^-l$/.test(a.text))) return !rest.some((a) => /^(--(unset|add|replace-all|edit|rename-section|remove-section)|-e)/.test(a.text));
      return rest.filter((a) => !a.text.startsWith('-')).length <= 1 && !rest.some((a) => /^(--(unset|add|replace-all|edit|rename-section|remove-section)|-e)/.test(a.text));
    },
  }),
}; // prettier-ignore

const DOCKER_VERBS = verbs({
  ...list('ps images logs inspect stats top version info port diff history events'),
  container: (rest) => ['ls', 'list', 'ps', 'inspect', 'logs', 'top', 'port', 'stats', 'diff'].includes(rest[0]?.text ?? ''),
  image: (rest) => ['ls', 'list', 'inspect', 'history'].includes(rest[0]?.text ?? ''),
  network: (rest) => ['ls', 'list', 'inspect'].includes(rest[0]?.text ?? ''),
  volume: (rest) => ['ls', 'list', 'inspect'].includes(rest[0]?.text ?? ''),
  system: (rest) => ['df', 'info'].includes(rest[0]?.text ?? ''),
  compose: (rest) => {
    const verb = rest.find((a) => !a.text.startsWith('-'));
    if (!verb?.literal) return null;
    if (!['ps', 'logs', 'config', 'ls', 'images', 'top', 'version'].includes(verb.text)) return false;
    return refusing('-o', '--output')(rest);
  },
}); // prettier-ignore
const DOCKER: VerbProgram = { global: { mode: 'allow', long: ['--debug'] }, verbs: DOCKER_VERBS };

const SYSTEMCTL_OPTIONS: OptionSpec = {
  mode: 'allow',
  short: 'laqr',
  shortValued: 'tpon',
  long: ['--no-pager', '--full', '--all', '--user', '--system', '--quiet', '--no-legend', '--plain', '--value', '--failed', '--recursive', '--reverse', '--after', '--before', '--show-types', '--version'],
  longValued: ['--type', '--state', '--lines', '--output', '--property'],
}; // prettier-ignore
const SYSTEMCTL: VerbProgram = {
  global: SYSTEMCTL_OPTIONS,
  defaultVerb: 'list-units',
  verbs: verbs(list('status show cat list-units list-unit-files list-timers list-sockets list-dependencies list-jobs list-machines list-automounts list-paths is-active is-enabled is-failed is-system-running get-default show-environment', (rest) => scanOptions(rest, SYSTEMCTL_OPTIONS).ok)),
}; // prettier-ignore

const IP_GLOBAL: OptionSpec = {
  mode: 'allow',
  words: ['-s', '-stats', '-statistics', '-d', '-details', '-o', '-oneline', '-4', '-6', '-br', '-brief', '-c', '-color', '-color=auto', '-color=always', '-color=never', '-j', '-json', '-p', '-pretty', '-h', '-human', '-human-readable', '-N', '-numeric', '-r', '-resolve', '-a', '-all', '-t', '-timestamp', '-V', '-Version'],
  wordsValued: ['-f', '-family', '-n', '-netns'],
}; // prettier-ignore
const IP_SHOW = (rest: readonly ArgToken[]): Tri => {
  const verb = rest[0];
  if (!verb) return true;
  if (!verb.literal) return null;
  return ['show', 'list', 'lst', 'ls', 'get'].includes(verb.text);
};
const IP: VerbProgram = {
  global: IP_GLOBAL,
  verbs: verbs({
    ...list('address addr a link l route r ro neighbour neighbor neigh n rule ru maddress maddr m netconf ntable tunnel tuntap', IP_SHOW),
    netns: (rest) => rest.length === 0 || ['list', 'identify', 'list-id'].includes(rest[0]?.text ?? ''),
    monitor: anyRest,
  }),
}; // prettier-ignore

const KUBECTL: VerbProgram = {
  global: { mode: 'allow', shortValued: 'n', longValued: ['--namespace', '--context', '--cluster'], long: ['--all-namespaces'], short: 'A' },
  verbs: verbs({
    ...list('get describe logs top version explain api-resources api-versions cluster-info events', refusing('--kubeconfig', '--raw')),
    config: (rest) => ['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users'].includes(rest[0]?.text ?? ''),
    auth: (rest) => rest[0]?.text === 'can-i',
  }),
}; // prettier-ignore

const APT_REFUSED = refusing('-o', '--option', '-c', '--config-file');
const APT: VerbProgram = {
  global: {
    mode: 'allow',
    short: 'aq',
    long: ['--installed', '--upgradable', '--manual-installed', '--all-versions'],
  },
  verbs: verbs(list('list show search policy depends rdepends showsrc madison', APT_REFUSED)),
};
const APT_CACHE: VerbProgram = {
  global: { mode: 'allow', short: 'aqin', long: ['--all-versions', '--installed', '--names-only', '--full', '--recurse', '--no-all-versions'] },
  verbs: verbs(list('policy show showpkg showsrc search depends rdepends pkgnames stats dump dumpavail unmet madison', APT_REFUSED)),
}; // prettier-ignore

const VERB_ONLY = (names: string, global: OptionSpec = { mode: 'allow', long: ['--no-pager', '--all', '--full', '--value'], short: 'al', longValued: ['--property'], shortValued: 'p' }, defaultVerb?: string): VerbProgram => ({
  global,
  ...(defaultVerb !== undefined && { defaultVerb }),
  verbs: verbs(list(names, (rest) => scanOptions(rest, global).ok)),
}); // prettier-ignore

/** Programs with sub-verbs, by name. */
export const VERB_PROGRAMS: ReadonlyMap<string, ProgramRule> = new Map<string, ProgramRule>([
  ['git', (args) => judge(GIT, args)],
  ['docker', (args) => judge(DOCKER, args)],
  ['podman', (args) => judge(DOCKER, args)],
  ['systemctl', (args) => judge(SYSTEMCTL, args)],
  ['ip', (args) => judge(IP, args)],
  ['kubectl', (args) => judge(KUBECTL, args)],
  ['apt', (args) => judge(APT, args)],
  ['apt-cache', (args) => judge(APT_CACHE, args)],
  ['timedatectl', verbOnly(VERB_ONLY('status show list-timezones timesync-status show-timesync', undefined, 'status'))],
  ['hostnamectl', verbOnly(VERB_ONLY('status', undefined, 'status'))],
  ['loginctl', verbOnly(VERB_ONLY('list-sessions list-users list-seats session-status show-session user-status show-user seat-status show-seat', undefined, 'list-sessions'))],
  ['networkctl', verbOnly(VERB_ONLY('list status lldp', undefined, 'list'))],
  ['resolvectl', verbOnly(VERB_ONLY('status statistics', undefined, 'status'))],
  ['systemd-analyze', verbOnly(VERB_ONLY('time blame critical-chain cat-config dump security', { mode: 'allow', long: ['--no-pager', '--user', '--system'] }, 'time'))],
  ['service', serviceRule],
  ['dpkg', (args) => scanOptions(args, DPKG).ok === true && args.some((a) => a.text.startsWith('-'))],
  ['dpkg-query', 'any'],
  ['rpm', rpmRule],
  ['nft', (args) => args.find((a) => !a.text.startsWith('-'))?.text === 'list' && scanOptions(args, { mode: 'allow', short: 'anstjyN' }).ok === true],
]); // prettier-ignore

function verbOnly(program: VerbProgram): ProgramRule {
  return (args) => judge(program, args);
}

// `service NAME status` and `service --status-all`.
function serviceRule(args: readonly ArgToken[]): Tri {
  if (args.length === 1 && args[0]?.text === '--status-all') return true;
  return args.length === 2 && args[0]?.literal === true && args[1]?.text === 'status';
}

const DPKG: OptionSpec = {
  mode: 'allow',
  short: 'lLsSpCV',
  long: ['--list', '--listfiles', '--status', '--search', '--print-avail', '--get-selections', '--print-architecture', '--print-foreign-architectures', '--audit', '--verify', '--no-pager'],
}; // prettier-ignore

const RPM_QUERY =
  /^-q[aiflcdRsp]*$|^--(query|all|info|list|file|requires|provides|whatprovides|whatrequires|changelog|scripts|last|configfiles|docfiles|state)$|^-[aiflcdRsp]+$/;

// rpm is read-only in query mode only; --eval, --define, --pipe and friends run code.
function rpmRule(args: readonly ArgToken[]): Tri {
  const opts = args.filter((a) => a.text.startsWith('-'));
  if (!opts.some((a) => /^-q|^--query$/.test(a.text))) return false;
  if (args.some((a) => !a.literal)) return null;
  return opts.every((a) => RPM_QUERY.test(a.text) || /^--(qf|queryformat)(=|$)/.test(a.text));
}
