/**
 * The language of user-facing text: Japanese (the default, as the forms are) or English with `--lang en` (or
 * PIA_LANG=en). Messages live in one catalogue (src/report/messages.ts), each with both languages; rule messages
 * that quote the forms stay Japanese in both, because they quote the official item names.
 */
import { messages, type MessageKey } from './messages.ts';
import { fillTemplate } from './diagnostic.ts';

export const langs = ['ja', 'en'] as const;
export type Lang = (typeof langs)[number];

let current: Lang = langFromEnv();

function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  return env.PIA_LANG === 'en' ? 'en' : 'ja';
}

export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return current;
}

/** The message in the current language, {placeholders} filled. */
export function t(key: MessageKey, data?: Readonly<Record<string, string | number>>): string {
  return fillTemplate(messages[key][current], data);
}

/** Takes `--lang <ja|en>` / `--lang=<ja|en>` out of argv, wherever it stands; undefined lang when absent. */
export function extractLang(argv: readonly string[]): { argv: string[]; lang?: string } {
  const out: string[] = [];
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { out.push(...argv.slice(i)); break; }
    if (a === '--lang') { found = argv[i + 1] ?? ''; i++; continue; }
    if (a.startsWith('--lang=')) { found = a.slice('--lang='.length); continue; }
    out.push(a);
  }
  return { argv: out, lang: found };
}
