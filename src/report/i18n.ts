/**
 * The language of user-facing text: Japanese (the default, as the forms are) or English with `--lang en` (or
 * PIA_LANG=en). The command frame's messages live in one catalogue (src/report/messages.ts); each rule keeps its
 * own messages and hints beside its logic, in both languages (bilingual()). The forms' item names are the official
 * Japanese names and stay Japanese in English text, quoted 「…」.
 */
import { messages, type MessageKey } from './messages.ts';
import { fillTemplate } from './diagnostic.ts';

export const langs = ['ja', 'en'] as const;
export type Lang = (typeof langs)[number];

let current: Lang = langFromEnv();

function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  return env.PIA_LANG === 'en' ? 'en' : 'ja';
}

/** Sets the language for this process; worker threads started afterwards inherit it (through PIA_LANG). */
export function setLang(lang: Lang): void {
  current = lang;
  process.env.PIA_LANG = lang;
}

export function lang(): Lang {
  return current;
}

/** The message in the current language, {placeholders} filled. */
export function t(key: MessageKey, data?: Readonly<Record<string, string | number>>): string {
  return fillTemplate(messages[key][current], data);
}

/**
 * A rule's messages or hints in both languages: the object has the Japanese keys, and reading a key gives the text
 * in the current language, so code that reads `meta.messages[id]` follows --lang without knowing about it. The
 * English table must have exactly the same keys (checked by the type).
 */
export function bilingual<const J extends Readonly<Record<string, string>>>(ja: J, en: { readonly [K in keyof J]: string }): { readonly [K in keyof J]: string } {
  const out = {} as { [K in keyof J]: string };
  for (const key of Object.keys(ja) as (keyof J & string)[]) {
    Object.defineProperty(out, key, { enumerable: true, get: () => (current === 'en' ? en[key] : ja[key]) });
  }
  return out;
}

/** One short word or phrase of our own inside a message's data (e.g. '(なし)'), in the current language. */
export function tr(ja: string, en: string): string {
  return current === 'en' ? en : ja;
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
