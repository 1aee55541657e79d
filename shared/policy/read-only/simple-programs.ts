/**
 * The read-only programs that need no sub-verb: listing, reading, searching, disk, memory, processes,
 * sockets and identity. `any` means the program has no option that writes, deletes or runs code;
 * otherwise an option spec says which options are accepted (or which are refused), and an operand
 * check may follow. Programs that can run commands (pagers, editors, `xargs`, `ldd`), change state or
 * contact other hosts (`ping`, `curl`, `dig`) are deliberately absent.
 */
import { everyTri } from '../kleene';
import type { Tri } from '../predicate';
import type { ArgToken } from '../fields';
import { canBeOption, scanOptions, type OptionSpec } from './options';
import { sedScriptIsReadOnly } from './sed-script';

/** A judgement over a command's arguments. */
export type ArgsRule = (args: readonly ArgToken[]) => Tri;

/** How one program is judged: every invocation is read-only, or a function decides. */
export type ProgramRule = 'any' | ArgsRule;

/** Judges options with `spec`, then the operands with `operands` when given. */
export function options(spec: OptionSpec, operands?: (ops: readonly ArgToken[]) => Tri): ArgsRule {
  return (args) => {
    const scan = scanOptions(args, spec);
    if (scan.ok === false || !operands) return scan.ok;
    const v = operands(scan.operands);
    return v === false ? false : scan.ok === null || v === null ? null : true;
  };
}

const deny = (short: string, long: string[], shortValued = '', longValued: string[] = []): OptionSpec => ({
  mode: 'deny',
  short,
  long,
  shortValued,
  longValued,
});
const atMost =
  (n: number) =>
  (ops: readonly ArgToken[]): Tri =>
    ops.length <= n;
const none = atMost(0);

/** Programs without sub-verbs, by name. */
export const SIMPLE_PROGRAMS: ReadonlyMap<string, ProgramRule> = new Map<string, ProgramRule>([
  // Reading and searching files.
  ...anyOf('cat tac head tail wc nl cut paste tr rev fold expand unexpand column od hexdump strings'),
  ...anyOf('grep egrep fgrep zgrep zegrep zfgrep zcat bzcat xzcat lzcat zstdcat comm cmp diff jq'),
  ...anyOf('md5sum sha1sum sha224sum sha256sum sha384sum sha512sum b2sum cksum sum base32'),
  ...anyOf('ls dir vdir pwd stat readlink realpath basename dirname du df namei lsattr getfacl'),
  ['base64', options(deny('', ['--output'], 'w', ['--wrap']))],
  ['file', options(deny('C', ['--compile'], 'mfFeP', ['--magic-file', '--files-from', '--separator', '--exclude', '--parameter']))],
  ['tree', options(deny('o', ['--output'], 'LPIHT', ['--charset', '--filelimit', '--timefmt', '--sort', '--fromfile']))],
  ['sort', options(deny('o', ['--output', '--compress-program'], 'ktST', ['--key', '--field-separator', '--buffer-size', '--temporary-directory', '--parallel', '--sort', '--random-source', '--files0-from']))],
  ['uniq', options(deny('', [], 'fsw', ['--skip-fields', '--skip-chars', '--check-chars', '--group', '--all-repeated']), atMost(1))],
  ['xxd', options(deny('r', ['-revert', '-r'], 'cglosnC', []), atMost(1))],
  ['rg', options(deny('', ['--pre', '--pre-glob', '--hostname-bin']))],
  ['sed', sedRule],
  ['awk', awkRule],
  ['gawk', awkRule],
  ['mawk', awkRule],
  ['nawk', awkRule],
  ['find', findRule],
  // Processes, memory, hardware, identity.
  ...anyOf('ps pgrep pidof pstree top uptime free vmstat iostat mpstat pidstat nproc lscpu lsmem'),
  ...anyOf('lspci lsusb lsmod lsblk findmnt lsof netstat lsns lslocks lsipc ipcs uname arch'),
  ['blkid', options(deny('c', ['--cache-file']))],
  ...anyOf('whoami id groups who w users last lastb logname tty locale getconf getent printenv'),
  ...anyOf('which whereis type true false : echo test [ [[ sleep seq expr cal ncal lsb_release'),
  ...anyOf('cd timeout nice stdbuf command builtin'),
  // GNU time writes its report with -o; the bash keyword takes only -p.
  ['time', options(deny('oa', ['--output', '--append'], 'f'))],
  ['env', options(deny('S', ['--split-string'], 'uC', ['--unset', '--chdir']))],
  ['printf', printfRule],
  ['ss', options(deny('KD', ['--kill', '--diag'], 'fAFN', ['--family', '--query', '--filter', '--net']))],
  ['lshw', options(deny('', ['-dump'], '', []))],
  ['dmidecode', options(deny('', ['--dump-bin', '--from-dump'], 'tsH', ['--type', '--string', '--handle']))],
  ['sensors', options(deny('s', ['--set'], 'c', ['--config-file']))],
  ['date', dateRule],
  ['hostname', options({ mode: 'allow', short: 'aAdfiIsyVh', long: ['--alias', '--all-fqdns', '--domain', '--fqdn', '--long', '--ip-address', '--all-ip-addresses', '--short', '--yp', '--nis', '--version', '--help'] }, none)],
  ['dmesg', options(deny('cCDE', ['--clear', '--read-clear', '--console-level', '--console-off', '--console-on'], 'flnsFS', ['--facility', '--level', '--buffer-size', '--file', '--since', '--until', '--time-format', '--color'] ))],
  ['journalctl', options(deny('', ['--vacuum-size', '--vacuum-time', '--vacuum-files', '--rotate', '--flush', '--sync', '--relinquish-var', '--smart-relinquish-var', '--setup-keys', '--update-catalog', '--cursor-file', '--new-id128'], 'uptSUoDMFgic'))],
  ['history', (args) => args.length === 0 || (args.length === 1 && args[0]?.literal === true && /^[0-9]+$/.test(args[0].text))],
  ['ulimit', (args) => args.every((a) => a.literal && /^-[a-zA-Z]+$/.test(a.text))],
  ['umask', (args) => args.every((a) => a.literal && (a.text === '-S' || a.text === '-p'))],
  ['alias', (args) => args.every((a) => a.literal && a.text === '-p')],
  ['set', (args) => args.length === 0],
  ['shopt', (args) => args.every((a) => a.literal && a.text === '-p')],
  ['declare', (args) => args.length > 0 && args.every((a) => a.literal && /^-[pfF]+$/.test(a.text))],
  ['hash', (args) => args.every((a) => a.literal && /^-[lt]$/.test(a.text))],
  ['jobs', 'any'],
  ['dirs', 'any'],
  ['crontab', options({ mode: 'allow', short: 'l', shortValued: 'u' }, none)],
  ['sysctl', options({ mode: 'allow', short: 'aAXneNqbox', shortValued: 'r', long: ['--all', '--values', '--ignore', '--names', '--quiet', '--binary', '--deprecated', '--version', '--help'], longValued: ['--pattern'] }, (ops) => ops.every((o) => o.literal && !o.text.includes('=')))],
  ['mount', options({ mode: 'allow', short: 'lhV', shortValued: 't', long: ['--show-labels', '--help', '--version'], longValued: ['--types'] }, none)],
  ['swapon', options({ mode: 'allow', short: 's', long: ['--summary', '--noheadings', '--raw', '--bytes', '--show'], longValued: [] }, none)],
  ['ifconfig', options({ mode: 'allow', short: 'asv' }, atMost(1))],
  ['route', options({ mode: 'allow', short: 'neFCv', shortValued: 'A' }, none)],
  ['arp', options({ mode: 'allow', short: 'naev', shortValued: 'iHA', long: ['--numeric', '--all', '--verbose'], longValued: ['--device', '--hw-type'] }, atMost(1))],
  ['iptables', iptablesRule],
  ['ip6tables', iptablesRule],
  ['iptables-save', options({ mode: 'allow', short: 'cV', shortValued: 't', longValued: ['--table'], long: ['--counters'] }, none)],
]); // prettier-ignore

function anyOf(names: string): [string, ProgramRule][] {
  return names.split(' ').map((n) => [n, 'any']);
}

const SED: OptionSpec = {
  mode: 'allow',
  short: 'nErszub',
  shortValued: 'el',
  long: ['--quiet', '--silent', '--regexp-extended', '--separate', '--null-data', '--zero-terminated', '--unbuffered', '--posix', '--debug', '--sandbox', '--binary', '--follow-symlinks'],
  longValued: ['--expression', '--line-length'],
}; // prettier-ignore

function sedRule(args: readonly ArgToken[]): Tri {
  const scan = scanOptions(args, SED);
  if (scan.ok === false) return false;
  // Scripts come from -e/--expression, else the first operand.
  const scripts: ArgToken[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]?.text ?? '';
    if (t === '-e' || t === '--expression') {
      const next = args[++i];
      if (next) scripts.push(next);
    } else if (t.startsWith('--expression=')) scripts.push({ text: t.slice(13), literal: true });
    else if (/^-[nErszub]*e./.test(t)) scripts.push({ text: t.slice(t.indexOf('e') + 1), literal: true });
  }
  if (scripts.length === 0 && scan.operands[0]) scripts.push(scan.operands[0]);
  if (scripts.length === 0) return false;
  for (const s of scripts) {
    if (!s.literal) return null;
    if (!sedScriptIsReadOnly(s.text)) return false;
  }
  return scan.ok;
}

const AWK: OptionSpec = {
  mode: 'allow',
  short: 'bcCgMNOPrsStV',
  shortValued: 'Fv',
  long: ['--characters-as-bytes', '--traditional', '--copyright', '--gen-pot', '--bignum', '--use-lc-numeric', '--non-decimal-data', '--optimize', '--posix', '--re-interval', '--no-optimize', '--sandbox', '--lint-old', '--version'],
  longValued: ['--field-separator', '--assign'],
}; // prettier-ignore

// The awk program itself is judged by the analyser (system, pipes, getline, print > file).
function awkRule(args: readonly ArgToken[]): Tri {
  return scanOptions(args, AWK).ok;
}

// printf's only option is -v, which assigns a variable instead of printing.
function printfRule(args: readonly ArgToken[]): Tri {
  const first = args[0];
  if (!first) return true;
  if (first.literal) return first.text !== '-v';
  return canBeOption(first) ? null : true;
}

const FIND_DENIED = [
  '-exec',
  '-execdir',
  '-ok',
  '-okdir',
  '-delete',
  '-fprint',
  '-fprint0',
  '-fprintf',
  '-fls',
];

function findRule(args: readonly ArgToken[]): Tri {
  // A non-literal token that could be an option might be `-delete`; one that cannot is harmless.
  return everyTri(
    args,
    (a) => (a.literal ? !FIND_DENIED.includes(a.text) : canBeOption(a) ? null : true),
    undefined,
  );
}

const DATE: OptionSpec = {
  mode: 'allow',
  short: 'uR',
  shortValued: 'drfI',
  long: ['--utc', '--universal', '--rfc-email', '--debug', '--iso-8601', '--help', '--version'],
  longValued: ['--date', '--reference', '--file', '--rfc-3339', '--iso-8601'],
}; // prettier-ignore

// `date MMDDhhmm` and `date -s` set the clock; only a `+FORMAT` operand is read-only.
function dateRule(args: readonly ArgToken[]): Tri {
  const fixed = args.map((a) => (a.literal && /^-I[a-z]*$/.test(a.text) ? { ...a, text: '-u' } : a));
  return options(DATE, (ops) => ops.every((o) => (o.literal ? o.text.startsWith('+') : null)))(fixed);
}

const IPTABLES: OptionSpec = {
  mode: 'allow',
  short: 'LSnvxw',
  shortValued: 't',
  long: ['--list', '--list-rules', '--numeric', '--verbose', '--exact', '--line-numbers', '--wait'],
  longValued: ['--table'],
}; // prettier-ignore

function iptablesRule(args: readonly ArgToken[]): Tri {
  const lists = args.some((a) => a.literal && /^(-[a-zA-Z]*[LS]|--list|--list-rules)$/.test(a.text));
  return lists ? options(IPTABLES, atMost(1))(args) : false;
}
