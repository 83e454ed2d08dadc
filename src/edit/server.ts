/**
 * The editor's local HTTP server. Bound to 127.0.0.1 only; every URL starts with an unguessable token (32 random
 * bytes, compared in constant time) and any request without it gets 403 and no content. The Host header must name
 * this server (DNS rebinding), a POST must come from the page's own origin with a JSON body (CSRF), bodies are
 * bounded, and the page may load nothing but its own files (Content-Security-Policy): it works offline.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { EditError, Session } from './session.ts';
import { loadForms } from '../schema/registry.ts';
import { validateText } from '../validate/validate.ts';

export const maxBodyBytes = 16 * 1024 * 1024;

const clientDir = new URL('./client/', import.meta.url);

/**
 * The page's files, read once: a fixed list, so no request path ever reaches the file system. The project's 和暦
 * code (src/model/wareki.ts) is served with its types stripped by esbuild, whose service runs beside the forms'
 * compilation at start-up.
 */
type Files = Map<string, { type: string; body: Buffer }>;

async function clientFiles(): Promise<{ files: Files; wareki: Promise<unknown> }> {
  const source = readFileSync(fileURLToPath(new URL('../model/wareki.ts', import.meta.url)), 'utf8');
  let wareki: Promise<{ code: string }>;
  try {
    // esbuild comes with astro (vite); without it, Node's own type stripping does the same for this file.
    const { transform } = await import('esbuild');
    wareki = transform(source, { loader: 'ts', format: 'esm', target: 'es2022' });
  } catch {
    const { stripTypeScriptTypes } = (await import('node:module')) as unknown as { stripTypeScriptTypes: (code: string) => string };
    wareki = Promise.resolve({ code: stripTypeScriptTypes(source) });
  }
  const files: Files = new Map();
  const js = 'text/javascript; charset=utf-8';
  files.set('', { type: 'text/html; charset=utf-8', body: readFileSync(new URL('index.html', clientDir)) });
  for (const name of ['editor.js', 'form.js', 'panel.js', 'ui-text.js']) files.set(name, { type: js, body: readFileSync(new URL(name, clientDir)) });
  files.set('editor.css', { type: 'text/css; charset=utf-8', body: readFileSync(new URL('editor.css', clientDir)) });
  return { files, wareki: wareki.then((r) => files.set('wareki.js', { type: js, body: Buffer.from(r.code) })) };
}

const require = createRequire(import.meta.url);
/** BIZ UDPゴシック from its npm package (OFL), for machines without a Japanese font; read when first asked. */
const fonts: Record<string, string> = {
  'font-400.ttf': '@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf',
  'font-700.ttf': '@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf',
};
const fontCache = new Map<string, Buffer>();
function readFont(specifier: string): Buffer {
  let body = fontCache.get(specifier);
  if (!body) fontCache.set(specifier, (body = readFileSync(require.resolve(specifier))));
  return body;
}

const securityHeaders = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; font-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The token is in the URL: never sent on to anyone.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export interface EditorServer {
  url: string;
  port: number;
  token: string;
  session: Session;
  server: Server;
  close(): Promise<void>;
}

export interface ServerOptions {
  root: string;
  port?: number;
  lang?: 'ja' | 'en';
  today?: string;
  /** For tests: a fixed token. */
  token?: string;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
const refuse = (res: ServerResponse, status = 403) => send(res, status, 'text/plain; charset=utf-8', status === 403 ? 'Forbidden\n' : 'Error\n');

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return reject(new EditError(413, '送られた内容が大きすぎます。'));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new EditError(413, '送られた内容が大きすぎます。'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new EditError(400, '送られた内容が JSON ではありません。'));
      }
    });
    req.on('error', reject);
  });
}

export async function startEditorServer(options: ServerOptions): Promise<EditorServer> {
  const session = new Session(options.root, { today: options.today });
  const { files, wareki } = await clientFiles();
  // The forms' validators are compiled before the first page asks (ajv's compile is most of a cold validate).
  for (const form of loadForms().values()) validateText('warm-up.yaml', `様式: ${form.formName}\n`, { today: session.today });
  await wareki;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const lang = options.lang ?? 'ja';
  let port = 0;

  const tokenOk = (segment: string): boolean => {
    const given = Buffer.from(segment);
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // DNS rebinding: a page of another site that resolves its name to 127.0.0.1 still sends its own Host.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return refuse(res);
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return refuse(res);
    if ((req.url ?? '').length > 4096) return refuse(res, 414);
    const url = new URL(req.url ?? '/', `http://${host}`);
    const [, first = '', ...rest] = url.pathname.split('/');
    if (!tokenOk(decodeURIComponent(first))) return refuse(res);
    const route = rest.join('/');

    if (req.method === 'GET' || req.method === 'HEAD') {
      if (rest.length === 0) {
        // The page lives at /<token>/ so that its files resolve relative to it.
        res.writeHead(308, { ...securityHeaders, Location: `/${token}/${url.search}` });
        return void res.end();
      }
      const file = files.get(route);
      if (file) return send(res, 200, file.type, file.body);
      const font = fonts[route];
      if (font) return send(res, 200, 'font/ttf', readFont(font));
      if (route === 'api/files') return json(res, 200, { files: session.list(), lang });
      if (route === 'api/open') return json(res, 200, { ...session.open(url.searchParams.get('file')), lang });
      return refuse(res, 404);
    }
    if (req.method !== 'POST') return refuse(res, 405);
    // CSRF: only the page itself posts, with a JSON body (a form of another site cannot send either).
    if (req.headers.origin !== `http://${host}`) return refuse(res);
    if (!/^application\/json(?:;|$)/.test(req.headers['content-type'] ?? '')) return refuse(res, 415);
    const body = (await readBody(req)) as Record<string, unknown>;
    if (typeof body !== 'object' || body === null) throw new EditError(400, '送られた内容が正しくありません。');
    if (route === 'api/check') return json(res, 200, { findings: session.check(body.hash, body.data, body.strict === true) });
    if (route === 'api/changes') return json(res, 200, session.changes(body.hash, body.data));
    if (route === 'api/draft-rows') return json(res, 200, { rows: session.draftRows(body.hash, body.data, typeof body.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.date) ? body.date : undefined) });
    if (route === 'api/save') {
      const result = session.save(body.hash, body.data, body.rows);
      return json(res, result.saved ? 200 : 409, result);
    }
    return refuse(res, 404);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof EditError) return json(res, error.status, { error: error.message, ...error.detail });
      // No stack trace to the page: the terminal gets the detail.
      process.stderr.write(`pia edit: ${(error as Error)?.stack ?? String(error)}\n`);
      json(res, 500, { error: '内部エラーが起きました。ファイルは変更していません。' });
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.maxHeadersCount = 64;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/${token}/`,
    port,
    token,
    session,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
