/**
 * The editor server refuses what is not the page itself: no token or a wrong one (403, no file content), another
 * Host (DNS rebinding), a POST from another origin or not JSON (CSRF), paths outside assessments/ (symlinks
 * included), oversized bodies; the page loads nothing from elsewhere (CSP). Driven over HTTP, no browser.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { startEditorServer, type EditorServer } from '../../src/edit/server.ts';
import { referenceRel, scratchProject } from './helpers.ts';

let editor: EditorServer;
let project: ReturnType<typeof scratchProject>;

before(async () => {
  project = scratchProject();
  writeFileSync(path.join(project.dir, 'secret.yaml'), 'secret: outside-assessments\n');
  symlinkSync(path.join(project.dir, 'secret.yaml'), path.join(project.dir, 'assessments', 'link.yaml'));
  editor = await startEditorServer({ root: project.dir, today: '2026-12-02' });
});
after(async () => {
  await editor.close();
  project.cleanup();
});

interface Reply { status: number; body: string; headers: Record<string, string | string[] | undefined> }

function call(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: editor.port, path: pathname, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${editor.port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? resolve({ status: 413, body: '', headers: {} }) : reject(e)));
    if (options.body) req.write(options.body);
    req.end();
  });
}

const open = (token: string) => `/${token}/api/open?file=${encodeURIComponent(referenceRel)}`;
const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`/${editor.token}/${route}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${editor.port}`, ...headers } });

test('the token is long, random per server, and in the URL the command prints', async () => {
  assert.match(editor.token, /^[A-Za-z0-9_-]{43}$/);
  const other = await startEditorServer({ root: project.dir });
  try {
    assert.notEqual(other.token, editor.token);
  } finally {
    await other.close();
  }
  assert.equal(editor.url, `http://127.0.0.1:${editor.port}/${editor.token}/`);
  assert.equal((editor.server.address() as { address: string }).address, '127.0.0.1', 'bound to the loopback address only');
  assert.equal((await call(`/${editor.token}/`)).status, 200);
  assert.equal((await call(open(editor.token))).status, 200);
});

test('a request without the token, or with a wrong one, is refused with no content', async () => {
  const wrong = editor.token.slice(0, -1) + (editor.token.endsWith('A') ? 'B' : 'A');
  for (const p of ['/', '/editor.js', '/api/open?file=' + encodeURIComponent(referenceRel), open(wrong), open(editor.token.slice(0, 20)), `/${wrong}/`, `/x/${editor.token}/api/files`, `/?token=${editor.token}`]) {
    const reply = await call(p);
    assert.equal(reply.status, 403, p);
    assert.equal(reply.body, 'Forbidden\n', p);
  }
  const posted = await call(`/${wrong}/api/save`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${editor.port}` } });
  assert.equal(posted.status, 403);
});

test('another Host (DNS rebinding) or a cross-site fetch is refused, even with the token', async () => {
  assert.equal((await call(open(editor.token), { headers: { host: `attacker.example:${editor.port}` } })).status, 403);
  assert.equal((await call(open(editor.token), { headers: { host: '127.0.0.1' } })).status, 403);
  assert.equal((await call(open(editor.token), { headers: { 'sec-fetch-site': 'cross-site' } })).status, 403);
  assert.equal((await call(open(editor.token), { headers: { host: `localhost:${editor.port}` } })).status, 200);
});

test('a POST from another origin, without an origin, or not JSON is refused (CSRF)', async () => {
  const opened = JSON.parse((await call(open(editor.token))).body) as { hash: string; data: unknown };
  const body = { hash: opened.hash, data: opened.data };
  assert.equal((await post('api/save', body, { origin: 'http://attacker.example' })).status, 403);
  assert.equal((await call(`/${editor.token}/api/save`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).status, 403);
  assert.equal((await post('api/save', body, { 'content-type': 'text/plain' })).status, 415);
  assert.equal((await post('api/check', body)).status, 200);
  assert.equal(readFileSync(project.file, 'utf8'), readFileSync(new URL('../../' + referenceRel, import.meta.url), 'utf8'));
});

test('paths outside assessments/ are refused, a symlink out of it too, and nothing of them is sent', async () => {
  for (const file of ['../package.json', 'secret.yaml', '../secret.yaml', 'assessments/../secret.yaml', 'assessments/link.yaml', '/etc/passwd', 'assessments/koshigaya-48-kodomo-iryohi/../../secret.yaml', `${path.join(project.dir, 'secret.yaml')}`]) {
    const reply = await call(`/${editor.token}/api/open?file=${encodeURIComponent(file)}`);
    assert.ok(reply.status === 403 || reply.status === 404, `${file}: ${reply.status}`);
    assert.ok(!reply.body.includes('outside-assessments') && !reply.body.includes('root:'), file);
  }
});

test('bodies are bounded; a broken body is a located refusal, not a crash', async () => {
  const big = Buffer.alloc(17 * 1024 * 1024, 0x20);
  const reply = await call(`/${editor.token}/api/check`, { method: 'POST', body: big, headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${editor.port}` } });
  assert.equal(reply.status, 413);
  assert.equal((await post('api/check', { hash: 'nope', data: {} })).status, 409);
  const broken = await call(`/${editor.token}/api/check`, { method: 'POST', body: '{', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${editor.port}` } });
  assert.equal(broken.status, 400);
  assert.ok(!broken.body.includes('at '), 'no stack trace');
  assert.equal((await call(`/${editor.token}/`)).status, 200, 'the server still answers');
});

test('the page may load only its own files: CSP, no referrer, no caching', async () => {
  const page = await call(`/${editor.token}/`);
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
  assert.equal(page.headers['cache-control'], 'no-store');
  assert.ok(!/https?:\/\//.test(page.body), 'no remote URL in the page');
  for (const file of ['editor.js', 'form.js', 'panel.js', 'ui-text.js', 'editor.css', 'wareki.js']) {
    const asset = await call(`/${editor.token}/${file}`);
    assert.equal(asset.status, 200, file);
    assert.ok(!/(?:src|href|url)\s*[=(]\s*["']?https?:/.test(asset.body) && !/import\s[^;]*from\s*["']https?:/.test(asset.body), `${file} loads nothing remote`);
  }
});
