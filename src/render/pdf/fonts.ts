/**
 * Fonts embedded in the PDF (TTF from npm font packages, OFL): BIZ UDPゴシック, the UD font many 自治体 use,
 * then Noto Sans JP (𠮷 and rare kanji) and Noto Sans Symbols 2 (☑☐, missing from both Japanese fonts).
 * pdfmake has no automatic fallback, so text is split into runs by glyph coverage (fontkit).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

/** pdfmake family name → font files. The first family is the body font; the others are fallbacks in order. */
export const fontFiles = {
  BIZUDPGothic: {
    normal: require.resolve('@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf'),
    bold: require.resolve('@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf'),
  },
  NotoSansJP: {
    normal: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
    bold: require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
  },
  NotoSansSymbols2: {
    normal: require.resolve('@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf'),
    bold: require.resolve('@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf'),
  },
} as const;

export type FontFamily = keyof typeof fontFiles;
export const bodyFont: FontFamily = 'BIZUDPGothic';
const order = Object.keys(fontFiles) as FontFamily[];

let coverage: { family: FontFamily; font: fontkit.Font }[] | undefined;
/** Code point → the font that draws it, or null when no embedded font has a glyph for it. */
const chosen = new Map<number, FontFamily | null>();

function lookup(codePoint: number): FontFamily | null {
  const known = chosen.get(codePoint);
  if (known !== undefined) return known;
  coverage ??= order.map((family) => ({ family, font: fontkit.create(readFileSync(fontFiles[family].normal)) }));
  // Line breaks and variation selectors are not drawn; keep them in the surrounding run.
  const family = codePoint < 0x20 || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
    ? bodyFont
    : (coverage.find((c) => c.font.hasGlyphForCodePoint(codePoint))?.family ?? null);
  chosen.set(codePoint, family);
  return family;
}

/** The first font (body font, then fallbacks) that has a glyph for the code point; the body font if none has. */
export function fontFor(codePoint: number): FontFamily {
  return lookup(codePoint) ?? bodyFont;
}

/** Characters of the text that no embedded font can draw (they would print as empty boxes), each once. */
export function uncoveredCharacters(text: string): string[] {
  return [...new Set([...text].filter((char) => lookup(char.codePointAt(0)!) === null))];
}

export interface TextRun {
  text: string;
  font?: FontFamily;
}

/** Splits text into runs of one font each; a run in the body font carries no font property. */
export function fontRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const char of text) {
    const family = fontFor(char.codePointAt(0)!);
    const font = family === bodyFont ? undefined : family;
    const last = runs.at(-1);
    if (last && last.font === font) last.text += char;
    else runs.push(font ? { text: char, font } : { text: char });
  }
  return runs;
}

let boldBody: fontkit.Font | undefined;

/**
 * Width in points of a text in the bold body font (bold is the wider weight, so the estimate is an upper
 * bound for both), without kerning; a character the body font lacks counts as one em.
 */
export function textWidth(text: string, size: number): number {
  boldBody ??= fontkit.create(readFileSync(fontFiles[bodyFont].bold));
  let units = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    units += boldBody.hasGlyphForCodePoint(codePoint) ? boldBody.glyphForCodePoint(codePoint).advanceWidth : boldBody.unitsPerEm;
  }
  return (units / boldBody.unitsPerEm) * size;
}
