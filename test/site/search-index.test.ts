/**
 * What the search index holds for a 評価書 (pagefind's fragments, read back from the built site): what the 評価書
 * asserts, not the form's wording. A checked box's label is found; an unchecked or unknown box's label is not,
 * nor the 状態不明 note; text written beside a box is found whatever its state; the 変更後 text of the 変更箇所 is
 * found, the 変更前 text is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/site/build-site.ts';
import { referenceFile } from './generate.ts';
import { indexedContent } from './search-fragments.ts';

test('検索の索引には評価書が述べることだけが入る: 選択した欄の名前は入り、選択していない欄・状態不明の欄は入らない', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-search-index-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const file = path.join(tmp, 'assessments', 'checked', 'assessment.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  const text = readFileSync(referenceFile, 'utf8');
  const changed = text.replace('          国税関係情報: 不明', '          国税関係情報: true').replace('          地方税関係情報: 不明', '          地方税関係情報: false');
  assert.notEqual(changed, text);
  writeFileSync(file, changed);

  const site = await buildSite({ assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache') });
  const content = indexedContent(site.outDir).get('/checked/');
  assert.ok(content, 'the page is in the index');
  assert.match(content, /国税関係情報/);
  assert.doesNotMatch(content, /地方税関係情報/);
  assert.doesNotMatch(content, /児童福祉・子育て関係情報/, 'an unknown box is not asserted');
  assert.doesNotMatch(content, /状態不明/);
  assert.match(content, /福祉部生活福祉課 保健医療部国保年金課/, 'text beside an unknown box is the 評価書’s own');
  assert.match(content, /アイネス/);
  // 別添2 変更箇所: the 変更後 text is the 評価書's text now and is found; the 変更前 text is superseded and is not.
  assert.match(content, /越谷市保有個人情報の適切な管理に関する指針/);
  assert.doesNotMatch(content, /個人情報取扱事務の委託に関する指針/);
  // The site's own marks (missing items, ※ notes) are not the 評価書's text either.
  assert.doesNotMatch(content, /未記載|重要な変更の対象項目/);
});
