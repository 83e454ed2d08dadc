// fontkit 2 ships no types; we use glyph coverage and advance widths.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): { advanceWidth: number };
    unitsPerEm: number;
  }
  export function create(buffer: Uint8Array): Font;
}
