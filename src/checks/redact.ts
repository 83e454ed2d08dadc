/**
 * Secrets out of everything `pia check` prints or writes. The secrets are the values pia was given through the
 * environment: every PIA_* variable but pia's own public settings (the only names a checks.yaml may refer to) and the CI tokens a command could
 * print, plus the parts of those values that carry credentials (a URL's password, `password=` in a libpq string).
 *
 * Redaction happens twice: observed data is scrubbed as soon as a probe returns it (so no expression can pick a
 * substring of a secret out of an echoed header or a file), and the final text of every output is scrubbed
 * again in every encoding the formats use (JSON, XML, GitHub workflow commands, percent-encoding).
 */

/** What replaces a secret, as GitHub Actions masks its own secrets. */
export const mask = '***';

/** Shorter values are not treated as secrets: masking two letters everywhere would make every report unreadable. */
const minSecretLength = 4;

/** Tokens CI systems put in the environment that a `command` source could print. */
const ciTokenNames = ['GITHUB_TOKEN', 'GH_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'CI_JOB_TOKEN'];

const credentialKey = /pass|secret|token|key|auth|credential|signature/i;

/**
 * pia's own settings: public configuration (the site's URL and name, a base path, a date, tool paths), printed on
 * purpose (the SARIF helpUri is the site's rule page). Their credential parts are still masked (a URL's password).
 */
const settingNames = new Set(['PIA_SITE_URL', 'PIA_SITE_NAME', 'PIA_BASE', 'PIA_TODAY', 'PIA_LANG', 'PIA_NO_PROGRESS', 'PIA_EDITION', 'PIA_ASSESSMENTS', 'PIA_PDF_DIR', 'PIA_CHROMIUM', 'PIA_POSTGRES_BIN', 'PIA_NO_APT', 'PIA_SCREENSHOTS', 'PIA_INVALID_ASSESSMENTS']);

/** The parts of one value that carry credentials: URL userinfo and credential-like query parameters, libpq `password=`. */
function credentialParts(value: string): string[] {
  const parts: string[] = [];
  if (URL.canParse(value)) {
    const url = new URL(value);
    if (url.password) parts.push(url.password, safeDecode(url.password), `${url.username}:${url.password}`);
    for (const [key, v] of url.searchParams) if (credentialKey.test(key)) parts.push(v);
  }
  for (const m of value.matchAll(/(?:^|\s)(?:password|sslpassword)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/gi)) {
    const raw = m[1]!;
    parts.push(raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  return parts;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}


/** Raw secret values from an environment, longest first. */
export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || !(name.startsWith('PIA_') || ciTokenNames.includes(name))) continue;
    const parts = settingNames.has(name) ? credentialParts(value) : [value, ...credentialParts(value)];
    for (const s of parts) if (s.length >= minSecretLength) found.add(s);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** Each secret as it would appear once escaped by one of the output formats. */
function encodings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const github = secret.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const githubProperty = github.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return [secret, json, xml, github, githubProperty, encodeURIComponent(secret), JSON.stringify(json).slice(1, -1)];
}

export type Redact = (text: string) => string;

/** A function that masks every secret of `env` (in any output encoding) in a text. */
export function redactor(env: NodeJS.ProcessEnv): Redact {
  const variants = [...new Set(secretsOf(env).flatMap(encodings))].filter((v) => v.length >= minSecretLength).sort((a, b) => b.length - a.length);
  if (variants.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const v of variants) if (out.includes(v)) out = out.replaceAll(v, mask);
    return out;
  };
}

/**
 * Masks secrets inside parsed data, in place (strings and object keys at any depth). Iterative: the data may be
 * deeply nested; the depth limit is checked separately.
 */
export function scrubData<T>(data: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return data;
  const clean = (s: string) => {
    let out = s;
    for (const secret of secrets) if (out.includes(secret)) out = out.replaceAll(secret, mask);
    return out;
  };
  if (typeof data === 'string') return clean(data) as T;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v = node[i];
        if (typeof v === 'string') node[i] = clean(v);
        else if (typeof v === 'object' && v !== null) stack.push(v);
      }
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const v = record[key];
        const cleanKey = clean(key);
        if (cleanKey !== key) {
          delete record[key];
          record[cleanKey] = v;
        }
        if (typeof v === 'string') record[cleanKey] = clean(v);
        else if (typeof v === 'object' && v !== null) stack.push(v);
      }
    }
  }
  return data;
}
