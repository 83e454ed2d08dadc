import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generatedFiles } from './generate-types.ts';

test('様式から生成した型は最新(npm run gen で作り直すと差分が出ない)', () => {
  for (const { file, text } of generatedFiles()) assert.equal(readFileSync(file, 'utf8'), text, `${file} is out of date: run npm run gen`);
});
