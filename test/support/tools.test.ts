/** The support module's own readers, on files whose content is known: a tagged PDF printed by Chromium, a PNG round trip. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeGreyPng } from '../pdf/png.ts';
import { encodeGreyPng, launchChromium, parsePdfDate, pdfFonts, pdfInfo, pdfStructTree, pdfText, renderPage, type PdfStructNode } from './tools.ts';

test('PDF の日付 D:… を時差つきで読む', () => {
  assert.equal(parsePdfDate('D:20260329150000Z')?.toISOString(), '2026-03-29T15:00:00.000Z');
  assert.equal(parsePdfDate("D:20260330000000+09'00'")?.toISOString(), '2026-03-29T15:00:00.000Z');
  assert.equal(parsePdfDate('2026-03-30'), undefined);
});

test('グレーの PNG は書いた画素のまま読み戻せる', () => {
  const pixels = Uint8Array.from({ length: 7 * 3 }, (_, i) => (i * 37) % 256);
  assert.deepEqual(decodeGreyPng(encodeGreyPng({ width: 7, height: 3, pixels })), { width: 7, height: 3, pixels });
});

test('Chromium が印刷したタグ付き PDF: 構造(H1・P)、言語、テキスト、フォント、ページの画像が読める', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-tools-test-'));
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.setContent('<html lang="ja"><body><h1 style="font-size:60px">Heading</h1><p>Body text</p></body></html>');
    const file = path.join(dir, 'tagged.pdf');
    writeFileSync(file, await page.pdf({ tagged: true, format: 'A4' }));
    const info = await pdfInfo(file);
    assert.equal(info.tagged, true);
    assert.equal(info.pageSizes.length, 1);
    const [size] = info.pageSizes;
    assert.ok(Math.abs(size!.width - 595.28) < 1.5 && Math.abs(size!.height - 841.89) < 1.5, `A4: ${JSON.stringify(size)}`);
    const roles: string[] = [];
    const walk = (node: PdfStructNode | null) => {
      if (!node) return;
      if (node.role) roles.push(node.role);
      node.children?.forEach(walk);
    };
    (await pdfStructTree(file)).forEach(walk);
    assert.ok(roles.includes('H1') && roles.includes('P'), `roles: ${roles.join(' ')}`);
    assert.match((await pdfText(file))[0]!, /Heading\s*\nBody text/);
    assert.ok((await pdfFonts(file)).every((f) => f.embedded), 'Chromium embeds its fonts');
    const image = await renderPage(file, 1, 36);
    assert.equal(image.width, Math.ceil((size!.width * 36) / 72));
    // The heading is black ink on white: some pixels are dark, most are white.
    const dark = image.pixels.filter((p) => p < 100).length;
    assert.ok(dark > 50 && dark < image.pixels.length / 10, `dark pixels: ${dark}`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
