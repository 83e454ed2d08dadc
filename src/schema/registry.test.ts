import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { annotationKeywords, loadForms } from './registry.ts';

test('様式の定義は strict な ajv でコンパイルでき、様式名で選べる', () => {
  const forms = loadForms();
  assert.ok(forms.has('重点項目評価書') && forms.has('全項目評価書') && forms.has('基礎項目評価書'), [...forms.keys()].join());
  assert.equal(forms.get('重点項目評価書')!.schema['x-form']?.code, '様式3');
  assert.equal(forms.get('全項目評価書')!.schema['x-form']?.code, '様式4');
  assert.equal(forms.get('基礎項目評価書')!.schema['x-form']?.code, '様式2');
  // Each form is compiled on first use of its validate function: every one compiles.
  for (const form of forms.values()) assert.equal(typeof form.validate, 'function', form.formName);
});

test('綴りを誤った注釈(x-itme)はコンパイル時に誤りになる', () => {
  const ajv = new Ajv2020({ strict: true });
  ajv.addVocabulary([...annotationKeywords]);
  assert.doesNotThrow(() => ajv.compile({ type: 'object', properties: { a: { type: 'string', 'x-item': '①' } } }));
  assert.throws(() => ajv.compile({ type: 'object', properties: { a: { type: 'string', 'x-itme': '①' } } }), /unknown keyword/);
});
