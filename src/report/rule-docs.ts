/**
 * The rule documentation pages: one Markdown file beside each rule (src/{validate,classify,checks}/rules/<id>.md),
 * published on the site under /rules/<id>/ and linked from SARIF (helpUri) and the text output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const srcRoot = fileURLToPath(new URL('..', import.meta.url));
export const ruleDocFolders = ['validate/rules', 'classify/rules', 'checks/rules'] as const;
export const ruleGroupLabels: Record<(typeof ruleDocFolders)[number], string> = {
  'validate/rules': '検証規則(pia validate)',
  'classify/rules': '変更の分類規則(pia diff・pia audit)',
  'checks/rules': '点検の規則(pia check)',
};

export interface RuleDoc {
  id: string;
  group: (typeof ruleDocFolders)[number];
  /** The first heading without the ID, e.g. 「設定が評価書の記載どおりである」 (or the ID when the heading is the ID alone). */
  title: string;
  /** The Markdown body, without the front matter and the first heading. */
  markdown: string;
}

let cache: Map<string, RuleDoc> | undefined;

/** A rule's .md → its page data (front matter and the first heading removed). */
export function parseRuleDoc(id: string, group: RuleDoc['group'], text: string): RuleDoc {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^\s+/, '');
  const heading = /^# (.+)\n/.exec(body);
  const title = heading ? heading[1]!.replace(new RegExp(`^${id.replace(/[-]/g, '\\-')}\\s*(—|-)?\\s*`), '').trim() || id : id;
  return { id, group, title, markdown: (heading ? body.slice(heading[0].length) : body).trim() + '\n' };
}

export function ruleDocs(): ReadonlyMap<string, RuleDoc> {
  if (cache) return cache;
  cache = new Map();
  for (const group of ruleDocFolders) {
    const folder = path.join(srcRoot, group);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.md')).sort()) {
      const id = name.slice(0, -3);
      cache.set(id, parseRuleDoc(id, group, readFileSync(path.join(folder, name), 'utf8')));
    }
  }
  return cache;
}

export function ruleDoc(id: string): RuleDoc | undefined {
  return ruleDocs().get(id);
}

/**
 * Where the published site is: PIA_SITE_URL (e.g. https://www.city.example.lg.jp/hyoka/), absolute http(s) only.
 * Undefined when not set: outputs then carry no link rather than a made-up one.
 */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.PIA_SITE_URL?.trim();
  if (!raw || !URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  url.search = '';
  url.hash = '';
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The rule's page on the site (/rules/<id>/), when the rule has a page and the site's address is known. */
export function ruleHelpUri(id: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const site = siteUrl(env);
  return site && ruleDoc(id) ? new URL(`rules/${encodeURIComponent(id)}/`, site).href : undefined;
}
