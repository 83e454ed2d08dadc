import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { validateFile } from '../../validate/validate.ts';
import { recordsCsv } from './records-csv.ts';

const reference = validateFile(fileURLToPath(new URL('../../../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url)));

test('別添1 の CSV は BOM 付き UTF-8・CRLF で、記録項目を1行ずつ番号つきで並べる', () => {
  const csv = recordsCsv(reference.form!.schema, reference.data!);
  assert.ok(csv.startsWith('\uFEFF特定個人情報ファイル名,記録項目グループ,番号,項目\r\n'));
  const lines = csv.slice(1).split('\r\n');
  assert.equal(lines.at(-1), '');
  assert.equal(lines.length - 2, 12 + 8 + 5 + 11 + 30 + 36 + 7 + 6 + 12 + 12 + 3 + 1);
  assert.equal(lines[1], 'こども医療費受給資格管理ファイル,資格履歴,1,児童生年月日');
  assert.equal(lines.at(-2), 'こども医療費受給資格管理ファイル,中間サーバー,1,情報照会等の記録等');
});

test('カンマ・引用符・改行を含む値は RFC 4180 のとおり引用符で囲む', () => {
  const data = structuredClone(reference.data!) as { 特定個人情報ファイル記録項目: { 記録項目: { 名称: string; 項目: string[] }[] }[] };
  data.特定個人情報ファイル記録項目[0]!.記録項目 = [{ 名称: '口座, "情報"', 項目: ['行1\n行2'] }];
  const lines = recordsCsv(reference.form!.schema, data as unknown as Record<string, unknown>).slice(1).split('\r\n');
  assert.equal(lines[1], 'こども医療費受給資格管理ファイル,"口座, ""情報""",1,"行1\n行2"');
});

test('数式として実行される値(= + - @ タブ、全角の＝など)は先頭に \' を付け、表計算ソフトで式にならない', () => {
  const data = structuredClone(reference.data!) as { 特定個人情報ファイル記録項目: { 記録項目: { 名称: string; 項目: string[] }[] }[] };
  data.特定個人情報ファイル記録項目[0]!.記録項目 = [{ 名称: '=HYPERLINK("http://x.invalid","y")', 項目: ['+1+2', '-3', '@SUM(A1)', '\tタブ', '＝１＋１', '普通の項目'] }];
  const lines = recordsCsv(reference.form!.schema, data as unknown as Record<string, unknown>).slice(1).split('\r\n');
  assert.deepEqual(lines.slice(1, 7), [
    `こども医療費受給資格管理ファイル,"'=HYPERLINK(""http://x.invalid"",""y"")",1,'+1+2`,
    `こども医療費受給資格管理ファイル,"'=HYPERLINK(""http://x.invalid"",""y"")",2,'-3`,
    `こども医療費受給資格管理ファイル,"'=HYPERLINK(""http://x.invalid"",""y"")",3,'@SUM(A1)`,
    `こども医療費受給資格管理ファイル,"'=HYPERLINK(""http://x.invalid"",""y"")",4,'\tタブ`,
    `こども医療費受給資格管理ファイル,"'=HYPERLINK(""http://x.invalid"",""y"")",5,'＝１＋１`,
    `こども医療費受給資格管理ファイル,"'=HYPERLINK(""http://x.invalid"",""y"")",6,普通の項目`,
  ]);
});
