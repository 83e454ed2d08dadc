import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eras, formatWareki, parseDate } from './wareki.ts';

test('令和元年と元号の境目を正しく読む', () => {
  assert.deepEqual(parseDate('令和元年5月1日'), { ok: true, iso: '2019-05-01' });
  assert.deepEqual(parseDate('令和1年5月1日'), { ok: true, iso: '2019-05-01' });
  assert.deepEqual(parseDate('平成31年4月30日'), { ok: true, iso: '2019-04-30' });
  assert.deepEqual(parseDate('令和8年3月30日'), { ok: true, iso: '2026-03-30' });
  assert.deepEqual(parseDate('昭和64年1月7日'), { ok: true, iso: '1989-01-07' });
});

test('元号の期間外の日付は誤り', () => {
  assert.equal(parseDate('平成31年5月1日').ok, false);
  assert.equal(parseDate('令和元年4月30日').ok, false);
  assert.equal(parseDate('昭和64年1月8日').ok, false);
  assert.equal(parseDate('平成元年1月7日').ok, false);
});

test('存在しない日は誤り', () => {
  assert.deepEqual(parseDate('令和6年2月30日'), { ok: false, reason: 'no-such-day' });
  assert.equal(parseDate('令和6年2月29日').ok, true);
  assert.equal(parseDate('2026-13-01').ok, false);
  assert.deepEqual(parseDate('R8.3.30'), { ok: false, reason: 'format' });
});

test('西暦から和暦に戻すと様式の表記になる', () => {
  assert.equal(formatWareki('2026-03-30'), '令和8年3月30日');
  assert.equal(formatWareki('2019-05-01'), '令和元年5月1日');
  assert.equal(formatWareki('2019-04-30'), '平成31年4月30日');
  assert.equal(formatWareki('2016-01-01'), '平成28年1月1日');
});

/** The former hand-written formatter (era table + arithmetic), kept here as an independent oracle. */
function formatByTable(iso: string): string {
  const era = [...eras].reverse().find((e) => iso >= e.start)!;
  const year = Number(iso.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${year === 1 ? '元' : year}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

test('和暦の表記は Intl.DateTimeFormat(ja-JP-u-ca-japanese)によるもので、1912〜2040年の毎日で元号の表と一致し、parseDate で元に戻る', () => {
  let days = 0;
  for (let t = Date.UTC(1912, 0, 1); t <= Date.UTC(2040, 11, 31); t += 86_400_000) {
    const iso = new Date(t).toISOString().slice(0, 10);
    const text = formatWareki(iso);
    if (text !== formatByTable(iso)) assert.fail(`${iso}: ${text} ≠ ${formatByTable(iso)}`);
    const back = parseDate(text);
    if (!back.ok || back.iso !== iso) assert.fail(`${iso}: ${text} → ${JSON.stringify(back)}`);
    days++;
  }
  assert.equal(days, 47_118); // 129 years, 32 leap days
  assert.equal(formatWareki('1872-12-31'), '1872-12-31', 'before the Gregorian calendar in Japan: left as ISO');
  assert.equal(formatWareki('not-a-date'), 'not-a-date');
});

test('parseDate: 存在する日かの判定は、Date.UTC の暦と同じ(うるう年・月末・100年未満)', () => {
  const exists = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  };
  for (const y of [1, 99, 100, 1600, 1900, 2000, 2023, 2024, 2100, 9999]) {
    for (let m = 0; m <= 13; m++) {
      for (let d = 0; d <= 32; d++) {
        const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        assert.equal(parseDate(iso).ok, exists(y, m, d), iso);
      }
    }
  }
});
