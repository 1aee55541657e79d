/**
 * The read-only command set, command by command: flags and sub-verbs decide (a test per rule that
 * would let a writing or code-running form through if it were missing), and values known only at run
 * time in a place that could change the verdict make it unknown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initCommandAnalyzer, type CommandAnalyzer } from '../../electron/policy/command/analyzer';
import { interactiveExpansion } from '../../shared/policy/interactive-input';
import { normalisePath } from '../../shared/policy/paths';
import { readOnlyVerdict } from '../../shared/policy/read-only/read-only';
import { sedScriptIsReadOnly } from '../../shared/policy/read-only/sed-script';

let analyzer: CommandAnalyzer;
beforeAll(async () => {
  analyzer = await initCommandAnalyzer();
});

/** The verdict for the first simple command of `text`. */
const verdict = (text: string) => {
  const first = analyzer.analyze(text).commands[0];
  if (!first) throw new Error(`no command in ${text}`);
  return readOnlyVerdict(first);
};

describe('read-only verdicts', () => {
  it.each([
    ['sed -n 5p f', true],
    ['sed -i s/a/b/ f', false],
    ['sed -ni s/a/b/p f', false],
    ['sed --in-place=.bak s/a/b/ f', false],
    ['sed -e 1p -e "s/x/y/w /tmp/o" f', false],
    ['sed -f script.sed f', false],
    ['find . -name x', true],
    ['find . -name x -delete', false],
    ['find . -fprint /tmp/o', false],
    ['find . $EXPR', null],
    ['sort -o out in', false],
    ['sort -rn in', true],
    ['sort --out=x in', false],
    ['sort -to in', true],
    ['journalctl -u nginx -n 50', true],
    ['journalctl --vacuum-time=1d', false],
    ['journalctl --vac=1d', false],
    ['journalctl -b --rotate', false],
    ['systemctl status nginx', true],
    ['systemctl restart nginx', false],
    ['systemctl --user status x', true],
    ['systemctl -H host status x', false],
    ['systemctl $VERB nginx', null],
    ['git log --oneline', true],
    ['git -c core.pager=id log', false],
    ['git --git-dir=/tmp/x log', false],
    ['git diff --output=/tmp/o', false],
    ['git branch', true],
    ['git branch -a', true],
    ['git branch new', false],
    ['git branch -D old', false],
    ['git tag -l "v*"', true],
    ['git tag v2', false],
    ['git config --get user.name', true],
    ['git config user.name x', false],
    ['git stash list', true],
    ['git stash pop', false],
    ['docker ps', true],
    ['docker exec web id', false],
    ['docker -H tcp://x ps', false],
    ['docker container ls', true],
    ['docker container rm x', false],
    ['docker compose config -o /tmp/x', false],
    ['ip a', true],
    ['ip route get 1.1.1.1', true],
    ['ip link set eth0 up', false],
    ['ip -batch /tmp/x', false],
    ['ip netns exec x id', false],
    ['date +%s', true],
    ['date 0101', false],
    ['date -s now', false],
    ['hostname', true],
    ['hostname evil', false],
    ['dmesg -T', true],
    ['dmesg -C', false],
    ['ss -tlnp', true],
    ['ss -K dst x', false],
    ['printf "%s\\n" x', true],
    ['printf -v x %s y', false],
    ['env', true],
    ['env -S "rm x"', false],
    ['uniq -c f', true],
    ['uniq in out', false],
    ['xxd -r f', false],
    ['file -C -m x', false],
    ['tree -o /tmp/x', false],
    ['sysctl -a', true],
    ['sysctl -w x=1', false],
    ['sysctl x=1', false],
    ['crontab -l', true],
    ['crontab -r', false],
    ['mount', true],
    ['mount /dev/sdb /mnt', false],
    ['rpm -qa', true],
    ['rpm -q --eval x', false],
    ['iptables -L -n', true],
    ['iptables -F', false],
    ['/bin/ls', true],
    ['/tmp/ls', false],
    ['ls', true],
    ['rm x', false],
    ['tee x', false],
    ['sudo ls', false],
    ['awk -i inplace 1 f', false],
    ['awk -F: 1 f', true],
  ] as const)('%s → %s', (text, expected) => {
    expect(verdict(text)).toBe(expected);
  });
});

describe('sed scripts', () => {
  it.each([
    ['1,20p', true],
    ['/^Port/p', true],
    ['s/a/b/g', true],
    ['s|a|b|2', true],
    ['$!d', true],
    ['/x/{p;q}', true],
    ['y/abc/xyz/', true],
    ['s/a/b/e', false],
    ['s/a/b/w /tmp/x', false],
    ['w /tmp/x', false],
    ['1e id', false],
    ['s/[/]/x/e', false],
    ['W /tmp/x', false],
    ['v', false],
  ] as const)('%s → %s', (script, expected) => {
    expect(sedScriptIsReadOnly(script)).toBe(expected);
  });
});

describe('paths and keystrokes', () => {
  it('normalises paths lexically', () => {
    expect(normalisePath('/home/user/../../etc/shadow')).toBe('/etc/shadow');
    expect(normalisePath('~//.ssh/./authorized_keys')).toBe('~/.ssh/authorized_keys');
    expect(normalisePath('/tmp/../')).toBe('/');
    expect(normalisePath('a/../../b')).toBe('../b');
  });

  it('sees history expansion and completion in keystrokes', () => {
    expect(interactiveExpansion('ls -la\n')).toBeNull();
    expect(interactiveExpansion('[ ! -f x ]\n')).toBeNull();
    expect(interactiveExpansion('!!\n')).not.toBeNull();
    expect(interactiveExpansion('echo !-2\n')).not.toBeNull();
    expect(interactiveExpansion('^ls^rm\n')).not.toBeNull();
    expect(interactiveExpansion('rm -rf /ho\t')).not.toBeNull();
  });
});
