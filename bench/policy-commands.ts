/**
 * Command texts for the policy benchmark: everyday diagnostics an agent sends over SSH (≤ 200
 * characters) and ~1 KB scripts, each distinct per index so the analysis cache never hides the parse.
 */

/** Services, paths and words the templates draw from. */
const SERVICES = ['nginx', 'postgresql', 'redis', 'docker', 'sshd', 'cron', 'app', 'kubelet', 'haproxy'];
const WORDS = ['error', 'timeout', 'refused', 'denied', 'panic', 'OOM', 'failed', 'warn'];
const PATHS = ['/var', '/srv', '/home', '/tmp', '/opt', '/var/lib/docker', '/'];

/**
 * Everyday diagnostics (`journalctl … | grep … | tail`, `ps aux --sort=-%mem | head`, `df -h /var` …).
 * Template `i % n`, literals from `i / n`, so every index gives a different text (checked by the bench).
 */
export function typicalCommand(i: number): string {
  const n = TYPICAL.length;
  const t = TYPICAL[i % n];
  const k = Math.floor(i / n);
  if (!t) throw new Error('no templates');
  return t(k, SERVICES[k % SERVICES.length] ?? 'nginx', WORDS[(k >> 2) % WORDS.length] ?? 'error');
}

type Template = (k: number, svc: string, word: string) => string;

const TYPICAL: readonly Template[] = [
  (k, svc, word) => `journalctl -u ${svc} --since "${1 + k} hour ago" | grep -i ${word} | tail -n 50`,
  (k) => `ps aux --sort=-%mem | head -${10 + k}`,
  (k) => `df -h ${PATHS[k % PATHS.length] ?? '/var'} ${k > 0 ? `/mnt/data${k}` : ''}`.trim(),
  (k, svc) => `systemctl status ${svc}${k > 0 ? `@${k}` : ''} --no-pager -l`,
  (k, svc) => `tail -n ${100 + k} /var/log/${svc}/error.log`,
  (k) => `du -sh /var/log/* 2>/dev/null | sort -rh | head -n ${5 + k}`,
  (k) => `ss -tlnp | grep :${8000 + k}`,
  (k, svc, word) => `grep -c "${word}" /var/log/syslog.${k}`,
  (k) => `uptime && cat /proc/loadavg && free -m | head -n ${2 + (k % 3)} && nproc # ${k}`,
  (k, svc) => `ls -la /etc/${svc}/ /etc/${svc}/conf.d.${k}/`,
  (k, svc) => `docker ps --format "{{.Names}}\\t{{.Status}}" | grep ${svc}-${k}`,
  (k) => `find /var/log -name "*.log" -mtime -${1 + (k % 7)} -size +${10 + k}M -printf '%s %p\\n'`,
  (k) => `netstat -an | grep ESTABLISHED | grep -c ":${443 + k} "`,
  (k) => `top -b -n 1 | head -n ${15 + k}`,
  (k) => `lsof -i :${3000 + k} -sTCP:LISTEN`,
  (k) => `dmesg --ctime | tail -n ${30 + k}`,
  (k) => `curl -s -o /dev/null -w "%{http_code}\\n" http://localhost:${8080 + k}/health`,
  (k) =>
    `awk '{print $1}' /var/log/nginx/access.log.${k} | sort | uniq -c | sort -rn | head -${10 + (k % 20)}`,
  (k, svc) => `kubectl get pods -n ${svc}-${k} -o wide | grep -v Running`,
  (k, svc) => `cat /var/log/${svc}.log.${k} | grep "$(date +%Y-%m-%d)" | grep -c ' ${500 + (k % 100)} '`,
  (k, svc) => `for f in /etc/${svc}/*.conf; do echo "== $f"; head -n ${5 + k} "$f"; done`,
  (k, svc) => `stat -c '%s %y' /var/lib/${svc}/data-${k}.db`,
  (k) => `ip -br addr show eth${k % 4} && ip route | head -n ${3 + k}`,
  (k, svc) => `sudo -n tail -n ${200 + k} /var/log/${svc}/${svc}.log | grep -iE 'error|fatal'`,
];

/** ~1 KB of realistic shell: a pipeline, a list, a substitution, quoting. Distinct per index. */
export function kilobyteCommand(i: number): string {
  const parts: string[] = [];
  let k = 0;
  while (parts.join(' && ').length < 1000) {
    parts.push(
      `grep -E "err(or)?_${i}_${k}" /var/log/app/service-${k}.log | sort | uniq -c | sort -rn | head -n ${5 + k} > /tmp/report-${i}-${k}.txt`,
      `echo "done $(date +%s) ${k}" >> /tmp/bench-${i}.log`,
    );
    k++;
  }
  return parts
    .join(' && ')
    .slice(0, 1024)
    .replace(/[&|>\s]+$/, '');
}

/** Distinct realistic shell of about `size` characters (the same shape as {@link kilobyteCommand}). */
export function sizedCommand(i: number, size: number): string {
  const parts: string[] = [];
  for (let k = 0; parts.join(' && ').length < size; k++) {
    parts.push(
      `grep -E "err_${i}_${k}" /var/log/app/s-${k}.log | sort | uniq -c | head -n ${5 + k} > /tmp/r-${i}-${k}`,
      `echo "done $(date +%s) ${k}" >> /tmp/b-${i}.log`,
    );
  }
  return parts
    .join(' && ')
    .slice(0, size)
    .replace(/[&|>\s]+$/, '');
}
