/**
 * Browser-mode access control against a real `startWebConsole` over a real in-process core: token exchange, Host and Origin checks,
 * CSP, no listing, no traversal, and the contract over the WebSocket.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { airlockConsoleServices } from '../../electron/console/adapters/airlock-services';
import type { ConsoleBackend } from '../../electron/console/backend';
import { createConsoleHandlers } from '../../electron/console/create-console-handlers';
import { startWebConsole, type WebConsole } from '../../electron/web/start-web-console';
import { holdRequest } from '../approvals/support';
import { startTestAirlock, type TestAirlock } from '../support/in-process-airlock';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function cookieOf(reply: Reply): string {
  const set = reply.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (first === undefined) throw new Error('no cookie');
  return first.split(';')[0] ?? '';
}

function openSocket(
  url: string,
  headers: Record<string, string>,
): Promise<{ ws: WebSocket; frames: unknown[] } | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    const frames: unknown[] = [];
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8'))));
    ws.on('open', () => resolve({ ws, frames }));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
}

describe('web console access', () => {
  let dir: string;
  let web: WebConsole;
  let airlock: TestAirlock;
  let backend: ConsoleBackend;

  beforeAll(async () => {
    airlock = await startTestAirlock();
    backend = createConsoleHandlers(airlockConsoleServices(airlock.airlock));
    dir = mkdtempSync(join(tmpdir(), 'airlock-web-'));
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Airlock</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    web = await startWebConsole({ ...backend, rendererDir: root });
  });
  afterAll(async () => {
    await web.close();
    backend.dispose();
    await airlock.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 and refuses everything without a session', async () => {
    expect(web.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const reply = await get(`${web.origin}/`);
    expect(reply.status).toBe(401);
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('exchanges the one-time token for an HttpOnly SameSite=Strict cookie, once', async () => {
    const url = web.createLoginUrl();
    const first = await get(url);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const page = await get(`${web.origin}/`, { cookie: cookieOf(first) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Airlock</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const again = await get(url);
    expect(again.status).toBe(403);
  });

  it('checks the Host header (DNS rebinding) and refuses traversal and listings', async () => {
    const cookie = cookieOf(await get(web.createLoginUrl()));
    const port = new URL(web.origin).port;
    expect((await get(`${web.origin}/`, { cookie, host: `evil.example:${port}` })).status).toBe(421);
    expect((await get(`${web.origin}/`, { cookie, host: `localhost:${port}` })).status).toBe(200);
    expect((await get(`${web.origin}/assets/app.js`, { cookie })).status).toBe(200);
    expect((await get(`${web.origin}/assets/`, { cookie })).status).toBe(404);
    expect((await get(`${web.origin}/%2e%2e/secret.txt`, { cookie })).status).toBe(404);
    expect((await get(`${web.origin}/assets/..%2f..%2fsecret.txt`, { cookie })).status).toBe(404);
    expect((await get(`${web.origin}/`, { cookie }, 'POST')).status).toBe(405);
  });

  it('accepts the WebSocket only from its own origin with a session, and serves the contract', async () => {
    const cookie = cookieOf(await get(web.createLoginUrl()));
    const wsUrl = `${web.origin.replace('http', 'ws')}/api/ws`;
    expect(await openSocket(wsUrl, { cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await openSocket(wsUrl, { origin: web.origin })).toBe(401);
    const opened = await openSocket(wsUrl, { cookie, origin: web.origin });
    if (typeof opened === 'number') throw new Error(`refused: ${opened}`);
    const { ws, frames } = opened;
    const next = (predicate: (frame: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const check = () => {
          const found = frames.find((f) => predicate(f as Record<string, unknown>));
          if (found !== undefined) resolve(found as Record<string, unknown>);
          else ws.once('message', () => setImmediate(check));
        };
        check();
      });
    const snapshot = await next((f) => f.kind === 'push' && f.channel === 'queue:changed');
    expect(snapshot.data).toEqual({ items: [] });

    const { broker } = airlock.airlock;
    const held = broker.hold(holdRequest());
    const one = held.item.id;
    const pushed = await next(
      (f) => f.kind === 'push' && f.channel === 'queue:changed' && JSON.stringify(f.data).includes(one),
    );
    expect((pushed.data as { items: unknown[] }).items).toHaveLength(1);

    ws.send(
      JSON.stringify({
        kind: 'invoke',
        id: 7,
        channel: 'queue:decide',
        payload: { id: one, digest: 'nothex', decision: { kind: 'approve', scope: 'once' } },
      }),
    );
    const refused = await next((f) => f.kind === 'result' && f.id === 7);
    expect(refused.result).toMatchObject({ ok: false });
    expect(broker.get(one)?.state.kind).toBe('pending');

    ws.send(
      JSON.stringify({
        kind: 'invoke',
        id: 8,
        channel: 'queue:decide',
        payload: {
          id: one,
          digest: held.item.digest,
          decision: { kind: 'approve', scope: 'once' },
          by: 'agent',
        },
      }),
    );
    const accepted = await next((f) => f.kind === 'result' && f.id === 8);
    expect(accepted.result).toMatchObject({ ok: true });
    // The approver is the console operator, never a name the caller chose.
    expect(broker.get(one)?.state).toMatchObject({ kind: 'approved', by: 'console' });
    await held.settled;
    ws.close();
  });
});
