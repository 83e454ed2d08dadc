import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleGraph } from './source-hash.ts';

const src = fileURLToPath(new URL('../', import.meta.url));

test('PDF の作成部分が使う共通の部品(項目名・和暦・正規形)も、PDF の作り直しの判定に入る', () => {
  const files = moduleGraph([path.join(src, 'render/pdf/doc-definition.ts')]).map((f) => path.relative(src, f));
  for (const helper of ['schema/walk.ts', 'model/wareki.ts', 'render/pdf/doc-definition.ts']) assert.ok(files.includes(helper), `${helper} in ${files.join(', ')}`);
  assert.ok(files.every((f) => !f.endsWith('.test.ts')));
});
