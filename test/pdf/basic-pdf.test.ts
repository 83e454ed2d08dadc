/** 基礎項目評価書 (様式2) through the schema-driven PDF renderer: cover [様式2], Ⅰ, Ⅱ with Ⅲ on its page, Ⅳ, 変更箇所. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFile } from '../../src/validate/validate.ts';
import { pageTexts, renderTo, tempDir } from './helpers.ts';

const basicFile = 'assessments/koshigaya-48-kodomo-iryohi/koshigaya-48-kodomo-iryohi-basic/assessment.yaml';

test('基礎項目評価書の PDF: 表紙は [様式2]、Ⅱ と Ⅲ は同じページ、様式外の実施日は印字しない', async () => {
  const result = validateFile(basicFile, { today: '2026-12-01' });
  assert.equal(result.renderable, true);
  const { file } = await renderTo(tempDir(), result);
  const pages = await pageTexts(file);
  assert.equal(pages.length, 7);
  assert.match(pages[0]!, /\[(?:[^\]]* )?様式2\]/);
  assert.match(pages[0]!, /特定個人情報保護評価書\(基礎項目評価書\)/);
  assert.match(pages[0]!, /この基礎項目評価書は、pia の説明のために作成した架空の例です。/);
  const threshold = pages.find((p) => p.startsWith('Ⅱ しきい値判断項目'))!;
  assert.match(threshold, /Ⅲ しきい値判断結果/);
  assert.match(threshold, /\[ 1万人以上10万人未満 \]/);
  assert.match(threshold.replace(/\n/g, ''), /<選択肢> 1\) 基礎項目評価の実施が義務付けられる 2\) 基礎項目評価及び重点項目評価の実施が義務付けられる 3\) 基礎項目評価及び全項目評価の実施が義務付けられる/);
  assert.ok(pages.some((p) => p.startsWith('Ⅳ リスク対策') && p.includes('11. 最も優先度が高いと考えられる対策')));
  assert.ok(pages.at(-1)!.startsWith('(別添) 変更箇所'));
  assert.equal(pages.join('\n').includes('基礎項目評価の実施日'), false);
  assert.equal(pages.join('\n').includes('令和6年2月5日'), false);
});
