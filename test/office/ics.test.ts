/** The portfolio's calendar made in groups of 事務 is the very text of one calendar of all of them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { portfolioCalendar, portfolioCalendarPieces } from '../../src/office/ics.ts';
import type { Portfolio } from '../../src/office/portfolio.ts';

function portfolio(offices: number, eventsOf: (i: number) => number): Portfolio {
  return {
    today: '2026-12-02',
    overdue: 0,
    soon: 0,
    undated: 0,
    offices: Array.from({ length: offices }, (_, i) => ({
      id: `office-${i}`,
      name: `事務${i}`,
      due: Array.from({ length: eventsOf(i) }, (_, n) => ({ kind: n % 2 ? 'yearly-review' : 'pre-change', title: `見直し${n}`, due: `2027-0${1 + (n % 9)}-1${n % 10}`, state: 'later', file: `assessments/office-${i}/assessment.yaml`, from: '2026-03-30', detail: `第14条 ${'長い説明'.repeat(n)}`, key: `k${n}` })),
    })) as unknown as Portfolio['offices'],
  } as Portfolio;
}

test('事務のまとまりごとに作った予定表は、全部を1つで作った予定表と同じ文字列(予定のないまとまりがあっても)', () => {
  for (const p of [portfolio(7, (i) => i % 3), portfolio(5, (i) => (i < 3 ? 0 : 2)), portfolio(4, () => 0), portfolio(1, () => 3)]) {
    const whole = portfolioCalendar(p, { officesPerGroup: 1000 });
    assert.match(whole, /^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r?\n?$/);
    for (const size of [1, 2, 3]) assert.equal(portfolioCalendar(p, { officesPerGroup: size }), whole, `groups of ${size}`);
  }
  const events = portfolioCalendar(portfolio(7, (i) => i % 3), { officesPerGroup: 2 }).match(/BEGIN:VEVENT/g)?.length;
  assert.equal(events, [0, 1, 2, 0, 1, 2, 0].reduce((a, b) => a + b, 0));
});

test('サイトの予定表(事務をまとまりごとに読んで書く)も、全部を1つで作った予定表と同じ文字列', async () => {
  for (const p of [portfolio(7, (i) => i % 3), portfolio(5, (i) => (i < 3 ? 0 : 2)), portfolio(4, () => 0), portfolio(0, () => 0)]) {
    const whole = portfolioCalendar(p, { officesPerGroup: 1000 });
    for (const size of [1, 2, 3]) {
      async function* groups() {
        for (let i = 0; i < p.offices.length; i += size) yield p.offices.slice(i, i + size);
      }
      let text = '';
      for await (const piece of portfolioCalendarPieces(p.today, groups())) text += piece;
      assert.equal(text, whole, `groups of ${size}`);
    }
  }
});
