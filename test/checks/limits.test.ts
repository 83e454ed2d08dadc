/** The helpers that bound and mask what pia check prints: quoting, depth, redaction, the first SQL keyword. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nestsDeeperThan, quoteValue } from '../../src/checks/limits.ts';
import { redactor, scrubData, secretsOf } from '../../src/checks/redact.ts';
import { firstKeyword } from '../../src/checks/probes/postgres.ts';

test('引用する値は JSON.stringify と同じ文字列で、200 文字で切る', () => {
  for (const value of [{ required: false, factors: ['password'], biometric: { method: '静脈認証' } }, [1, null, 'a"b', true], 520, null, { a: undefined, b: [undefined, () => 1] }, ['\u2028', 1.5e-7]]) {
    assert.equal(quoteValue(value), JSON.stringify(value));
  }
  assert.equal(quoteValue('そのまま'), 'そのまま');
  assert.equal(quoteValue(undefined), '(該当なし)');
  assert.equal(quoteValue('x'.repeat(300)), 'x'.repeat(200) + '…');
});

test('引用する値は入れ子 8 段までで、巨大な値でも先頭だけを作る', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 5000; i++) deep = [deep];
  assert.equal(quoteValue(deep), '[[[[[[[[[…]]]]]]]]]');
  const huge = Array.from({ length: 2_000_000 }, (_, i) => ({ i }));
  const start = performance.now();
  assert.equal(quoteValue(huge).length, 201);
  assert.ok(performance.now() - start < 1000, 'stops at the budget');
  assert.equal(nestsDeeperThan(deep, 100), true);
  assert.equal(nestsDeeperThan({ a: [{ b: 1 }] }, 3), false);
  assert.equal(nestsDeeperThan({ a: [{ b: {} }] }, 3), true);
});

test('秘密は PIA_* と CI のトークン、URL のパスワード、password= の値で、出力形式ごとのエスケープ後も *** になる', () => {
  const env = { PIA_DB_URL: 'postgresql://reader:p%40ss%22w0rd@db:5432/x?sslpassword=keypass1', PIA_KV: "host=db password='kv secret'", GITHUB_TOKEN: 'ghs_abcdef', HOME: '/root', PIA_SHORT: 'ab' };
  const secrets = secretsOf(env);
  for (const s of ['p%40ss%22w0rd', 'p@ss"w0rd', 'keypass1', 'kv secret', 'ghs_abcdef', env.PIA_DB_URL]) assert.ok(secrets.includes(s), s);
  assert.ok(!secrets.includes('/root') && !secrets.includes('ab'));
  const redact = redactor(env);
  const text = ['p@ss"w0rd', JSON.stringify('p@ss"w0rd'), 'p@ss&quot;w0rd', encodeURIComponent('kv secret'), 'kv%20secret', 'ghs_abcdef'].join(' | ');
  assert.equal(redact(text), '*** | "***" | *** | *** | *** | ***');
});

test('取得元の内容の秘密は、式が見る前に(キーも含めて)*** になる', () => {
  const data = { headers: { authorization: 'Bearer tok-123456' }, ['tok-123456']: ['x tok-123456 y'] };
  assert.deepEqual(scrubData(data, ['tok-123456']), { headers: { authorization: 'Bearer ***' }, '***': ['x *** y'] });
});

test('問合せの最初の語は、空白・コメント(入れ子のブロックコメントを含む)・括弧の後の語', () => {
  assert.equal(firstKeyword('SELECT 1'), 'SELECT');
  assert.equal(firstKeyword('  -- note\n (with x as (select 1) select * from x)'), 'WITH');
  assert.equal(firstKeyword('/* a /* b */ SELECT */ delete from t'), 'DELETE');
  assert.equal(firstKeyword('/* never closed SELECT'), '');
  assert.equal(firstKeyword('commit; select 1'), 'COMMIT');
});
