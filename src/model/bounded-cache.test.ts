import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from './bounded-cache.ts';

test('BoundedCache: a value (undefined too) is computed once, and the cache forgets everything when full', () => {
  const cache = new BoundedCache<string, string | undefined>(2);
  let computed = 0;
  const compute = (key: string) => (computed++, key === 'none' ? undefined : key.toUpperCase());
  assert.equal(cache.get('a', compute), 'A');
  assert.equal(cache.get('a', compute), 'A');
  assert.equal(cache.get('none', compute), undefined);
  assert.equal(cache.get('none', compute), undefined);
  assert.equal(computed, 2);
  assert.equal(cache.get('b', compute), 'B'); // full: cleared, then b kept
  assert.equal(computed, 3);
  assert.equal(cache.get('a', compute), 'A');
  assert.equal(computed, 4);
});
