/**
 * Variables whose value changes what later commands run or where they read code and configuration:
 * the search path, the dynamic loader, shell start-up files and prompts, interpreters' start-up
 * options, pagers and editors that programs launch, and the home and configuration folders that
 * programs such as git read their hooks and pagers from. Assigning one in any form is a guard.
 */

const NAMES: ReadonlySet<string> = new Set([
  'PATH', 'ENV', 'IFS', 'CDPATH', 'GLOBIGNORE', 'EXECIGNORE', 'FIGNORE', 'FUNCNEST', 'SHELLOPTS',
  'BASHOPTS', 'POSIXLY_CORRECT', 'HOME', 'SHELL', 'TMOUT', 'MAIL', 'MAILPATH', 'MAILCHECK', 'TERMINFO',
  'TERMINFO_DIRS', 'PAGER', 'MANPAGER', 'MANOPT', 'EDITOR', 'VISUAL', 'BROWSER', 'SSH_ASKPASS',
  'SUDO_ASKPASS', 'SUDO_EDITOR', 'GCONV_PATH', 'LOCPATH', 'NLSPATH', 'HOSTALIASES', 'RESOLV_HOST_CONF',
  'OPENSSL_CONF', 'OPENSSL_ENGINES', 'CLASSPATH', 'TAR_OPTIONS', 'KUBECONFIG', 'TZDIR', 'INPUTRC',
  'ZDOTDIR', 'OLDPWD', 'PWD', 'TMPDIR', 'PYTHONSTARTUP', 'NODE_OPTIONS', 'RUBYOPT', 'RUBYLIB',
  'PERL5OPT', 'PERL5LIB', 'PERLLIB', 'BASH_ENV',
]); // prettier-ignore

const PREFIXES =
  /^(LD_|DYLD_|BASH_|GIT_|PYTHON|PERL|RUBY|NODE_|NPM_CONFIG_|LESS|JAVA_|_JAVA_|SYSTEMD_|XDG_|HIST|PS[0-9]|PROMPT_|LUA_|DOCKER_|COMP_|READLINE|GNUPG|GPG_|SSH_)/;

/** True when assigning `name` can change what later commands run (see the module comment). */
export function isDangerousVariable(name: string): boolean {
  return NAMES.has(name) || PREFIXES.test(name);
}
