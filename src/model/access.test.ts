import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringLeaves } from './access.ts';

test('stringLeaves: every string with its JSON Pointer (escaped), last key and first key, in document order', () => {
  const data = { $schema: 's', 'a/b': { 'c~d': 'x', list: ['y', { e: 'z' }, 3, null] }, 検証の例外: [{ 規則: 'r' }] };
  const leaves = stringLeaves(data).map((l) => ({ path: l.path, text: l.text, key: l.key, top: l.top }));
  assert.deepEqual(leaves, [
    { path: '/$schema', text: 's', key: '$schema', top: '$schema' },
    { path: '/a~1b/c~0d', text: 'x', key: 'c~d', top: 'a/b' },
    { path: '/a~1b/list/0', text: 'y', key: '', top: 'a/b' },
    { path: '/a~1b/list/1/e', text: 'z', key: 'e', top: 'a/b' },
    { path: '/検証の例外/0/規則', text: 'r', key: '規則', top: '検証の例外' },
  ]);
  const [schema, nested] = stringLeaves(data);
  assert.equal(schema!.isTop('$schema'), true);
  assert.equal(nested!.isTop('c~d'), false);
  assert.deepEqual(stringLeaves('root').map((l) => l.path), ['']);
  assert.deepEqual(stringLeaves(['a']).map((l) => l.path), ['/0']);
});
