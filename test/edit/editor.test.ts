/**
 * `pia edit` in the real browser (Debian's Chromium through Playwright): the reference 重点項目評価書 opened in a
 * scratch git repository, edited as an officer would, classified in the panel, saved, and the file's git diff
 * read back; findings beside their items; two tabs on one file; axe (WCAG 2.2 AA); screenshots at 1280 and 390 px.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/tools.ts';
import { startEditorServer, type EditorServer } from '../../src/edit/server.ts';
import { git, referenceRel, scratchProject } from './helpers.ts';

const shots = '/tmp/shots-editor';
let browser: Browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const entrust = '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/0/委託先名';
const storage = '/特定個人情報ファイルの概要/0/特定個人情報の保管・消去/保管場所';
const published = '/表紙/公表日';
const item = (page: Page, pointer: string) => page.locator(`[data-pointer="${pointer}"]`);

async function openEditor(width = 1280): Promise<{ page: Page; editor: EditorServer; project: ReturnType<typeof scratchProject>; close: () => Promise<void> }> {
  const project = scratchProject();
  const editor = await startEditorServer({ root: project.dir, today: '2026-12-02' });
  const page = await openPage(editor, width);
  return { page, editor, project, close: async () => { await page.context().close(); await editor.close(); project.cleanup(); } };
}

async function openPage(editor: EditorServer, width = 1280, file = referenceRel): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ja-JP' });
  const page = await context.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  await page.goto(`${editor.url}?file=${encodeURIComponent(file)}`);
  await page.waitForSelector('body[data-checked]');
  return page;
}

/** Waits until the page has checked the latest edit (findings and panel both updated). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.checked !== undefined && document.body.dataset.busy === undefined);
}

test('change 委託先名 → 事後, change 保管場所 → 事前, draft the rows, save: the git diff is exactly those lines', async () => {
  const { page, project, close } = await openEditor();
  try {
    const original = readFileSync(project.file, 'utf8');
    await item(page, entrust).locator('textarea').fill('株式会社サンプル情報');
    await page.locator('.change.timing-after', { hasText: '委託先名' }).waitFor();
    assert.equal(await page.locator('.change').count(), 1);
    assert.match(await page.locator('.change.timing-after').innerText(), /事後/);

    const storageBox = item(page, storage).locator('textarea');
    const before = await storageBox.inputValue();
    await storageBox.fill(before.replace('入退室管理を行っている部屋に設置したサーバー内に保管する。', 'ガバメントクラウド上のサーバー内に保管する。'));
    await page.locator('.change.timing-before', { hasText: '保管場所' }).waitFor();
    assert.match(await page.locator('.change.timing-before').innerText(), /事前/);
    // Each change says why (the classification rule's message and basis).
    assert.match(await page.locator('.change.timing-before .reasons').innerText(), /根拠/);
    await page.screenshot({ path: `${shots}/panel-1280.png` });

    await page.locator('#draft').click();
    await page.locator('.drafted-row').nth(1).waitFor();
    assert.equal(await page.locator('.drafted-row').count(), 2);
    // The drafted rows are editable before they are saved.
    const explanation = page.locator('.drafted-row').first().locator('textarea').last();
    await explanation.fill('委託先の変更(確認済み)');
    await page.screenshot({ path: `${shots}/rows-1280.png`, fullPage: false });
    await page.locator('#panel').screenshot({ path: `${shots}/panel-rows-1280.png` });

    await page.locator('#save').click();
    await page.locator('#status', { hasText: '保存しました' }).waitFor();
    assert.match(await page.locator('#status').innerText(), /2 行/);

    const saved = readFileSync(project.file, 'utf8');
    const diff = git(project.dir, 'diff', '-U0', '--', referenceRel);
    const removed = diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'));
    const added = diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    assert.deepEqual(removed, [
      '-          委託先名: 株式会社アイネス',
      '-        <越谷市における措置> 入退室管理を行っている部屋に設置したサーバー内に保管する。 サーバーへのアクセスはIDと生体認証(又はパスワード)による認証が必要となる。 紙媒体については越谷市文書管理規程により施錠できるファイリングキャビネットに保管する。 電子記録媒体については、施錠できる場所に保管する。',
    ]);
    assert.ok(added.includes('+          委託先名: 株式会社サンプル情報'));
    assert.ok(added.includes('+        <越谷市における措置> ガバメントクラウド上のサーバー内に保管する。 サーバーへのアクセスはIDと生体認証(又はパスワード)による認証が必要となる。 紙媒体については越谷市文書管理規程により施錠できるファイリングキャビネットに保管する。 電子記録媒体については、施錠できる場所に保管する。'));
    // The rest of the added lines are the two 変更箇所 rows, as `pia diff --write` writes them.
    const rowLines = added.filter((l) => l !== '+          委託先名: 株式会社サンプル情報' && !l.startsWith('+        <越谷市における措置> ガバメントクラウド'));
    assert.equal(rowLines.length, added.length - 2);
    assert.equal(rowLines.filter((l) => /^\+\s+- ID: 2026-12-02-[0-9a-f]{8}$/.test(l)).length, 2);
    assert.ok(rowLines.every((l) => /^\+ {2,}\S/.test(l)), rowLines.join('\n'));
    assert.ok(rowLines.some((l) => l.includes('委託先の変更(確認済み)')));
    assert.ok(rowLines.some((l) => l.includes('提出時期: 事前')) && rowLines.some((l) => l.includes('提出時期: 事後')), rowLines.join('\n'));
    // Every comment line of the original is still there, unchanged.
    const comments = (text: string) => text.split('\n').filter((l) => /(^|\s)#/.test(l));
    assert.deepEqual(comments(saved).filter((l) => comments(original).includes(l)), comments(original));
    // After the save, the page works on the saved file: the rows are recorded, so drafting again adds none.
    await settled(page);
    await page.locator('#draft').click();
    await page.locator('#rows', { hasText: '加える行はありません' }).waitFor();
  } finally {
    await close();
  }
});

test('an invalid value shows its finding beside the item, with the hint; fixing it removes it', async () => {
  const { page, close } = await openEditor();
  try {
    const box = item(page, published).locator('input.date');
    await box.fill('令和8年13月1日');
    const finding = item(page, published).locator('.finding');
    await finding.first().waitFor();
    assert.match(await finding.first().innerText(), /エラー/);
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    // The western date reads back as not a date; a 平成 date is accepted and shown in the western calendar.
    assert.match(await item(page, published).locator('.western').innerText(), /日付として読めません/);
    await item(page, published).locator('.finding').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/finding-1280.png` });
    await box.fill('平成31年4月30日');
    await page.waitForFunction((p) => document.querySelector(`[data-pointer="${p}"] .finding`) === null, published);
    assert.match(await item(page, published).locator('.western').innerText(), /2019年4月30日/);
    // The picker writes 和暦: 令和, year 1 → 元年.
    await item(page, published).locator('.date-picker select').first().selectOption('令和');
    await item(page, published).locator('.date-picker input').fill('1');
    assert.match(await box.inputValue(), /^令和元年/);
  } finally {
    await close();
  }
});

test('two tabs on one file: the second save is refused, then carries its change onto the first; both are kept', async () => {
  const { page: first, editor, project, close } = await openEditor();
  const second = await openPage(editor);
  try {
    await item(first, entrust).locator('textarea').fill('株式会社タブ一');
    await settled(first);
    await first.locator('#save').click();
    await first.locator('#status', { hasText: '保存しました' }).waitFor();

    await item(second, '/基本情報/評価実施機関における担当部署/部署').locator('textarea').fill('こども家庭部こども福祉課');
    await settled(second);
    await second.locator('#save').click();
    await second.locator('dialog#conflict[open]').waitFor();
    // Both changes are shown: the one saved elsewhere and this tab's own.
    const shown = await second.locator('#conflict').innerText();
    assert.match(shown, /株式会社アイネス → 株式会社タブ一/);
    assert.match(shown, /子ども家庭部子ども福祉課 → こども家庭部こども福祉課/);
    // Nothing was overwritten: the first tab's change is on disk, the second's is not yet.
    let disk = readFileSync(project.file, 'utf8');
    assert.ok(disk.includes('委託先名: 株式会社タブ一'));
    assert.ok(!disk.includes('部署: こども家庭部こども福祉課'));
    await second.screenshot({ path: `${shots}/conflict-1280.png` });
    const axe = await new AxeBuilder({ page: second }).include('#conflict').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), [], 'the conflict dialog passes axe');
    await second.locator('#merge').click();
    assert.equal(await item(second, entrust).locator('textarea').inputValue(), '株式会社タブ一');
    await settled(second);
    await second.locator('#save').click();
    await second.locator('#status', { hasText: '保存しました' }).waitFor();
    disk = readFileSync(project.file, 'utf8');
    assert.ok(disk.includes('委託先名: 株式会社タブ一'));
    assert.ok(disk.includes('部署: こども家庭部こども福祉課'));
  } finally {
    await second.context().close();
    await close();
  }
});

test('repeated blocks by keyboard: add an entry (a new ID is made), move it, remove it', async () => {
  const { page, close } = await openEditor();
  try {
    const list = '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項';
    const add = item(page, list).locator(':scope > button.add');
    await add.focus();
    await page.keyboard.press('Enter');
    const added = item(page, `${list}/1`);
    await added.waitFor();
    assert.match((await added.getAttribute('data-id')) ?? '', /^entry-[0-9a-f]{6}$/);
    // Focus moved into the new entry; typing fills its first field.
    await page.keyboard.type('新しい委託');
    await page.locator('.change', { hasText: '委託事項2' }).first().waitFor();
    const id = await added.getAttribute('data-id');
    await item(page, `${list}/1`).locator('.entry-tools button').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await item(page, `${list}/0`).getAttribute('data-id'), id);
    page.once('dialog', (d) => void d.accept());
    await item(page, `${list}/0`).locator('.entry-tools button.danger').click();
    await page.waitForFunction((p) => document.querySelectorAll(`[data-pointer="${p}"] > .entry`).length === 1, list);
    assert.equal(await item(page, `${list}/0`).getAttribute('data-id'), 'fukushi-sogo-system-hoshu');
    // A choice by keyboard: arrow keys move through the radio buttons.
    const subcontract = item(page, `${list}/0/再委託の有無`);
    await subcontract.locator('input[type=radio]:checked').focus();
    await page.keyboard.press('ArrowUp');
    await page.locator('.change', { hasText: '再委託の有無' }).first().waitFor();
  } finally {
    await close();
  }
});

test('axe (WCAG 2.2 AA) at 1280 and 390 px: no violations on the form with a finding shown, the panel and the drafted rows; screenshots', async () => {
  for (const width of [1280, 390]) {
    const { page, close } = await openEditor(width);
    try {
      await item(page, entrust).locator('textarea').fill('株式会社サンプル情報');
      await item(page, published).locator('input.date').fill('令和8年13月1日');
      await page.locator('.change.timing-after').waitFor();
      await item(page, published).locator('.finding').first().waitFor();
      await page.locator('#draft').click();
      await page.locator('.drafted-row').first().waitFor();
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
      if (width === 390) {
        await page.screenshot({ path: `${shots}/form-390.png` });
        await item(page, published).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${shots}/finding-390.png` });
        await page.locator('#panel').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${shots}/panel-390.png` });
      } else {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${shots}/form-1280.png` });
      }
    } finally {
      await close();
    }
  }
});

test('every form on main is served from its schema: 様式2 and 様式4 open, and a one-value edit saves as one line', async () => {
  const project = scratchProject();
  const editor = await startEditorServer({ root: project.dir, today: '2026-12-02' });
  try {
    for (const [file, form] of [['assessments/aobagawa-juki-full/assessment.yaml', '全項目評価書'], ['assessments/example-901-yobo-sesshu/assessment.yaml', '基礎項目評価書']] as const) {
      const page = await openPage(editor, 1280, file);
      assert.match(await page.locator('#file').innerText(), new RegExp(form));
      assert.ok((await page.locator('[data-pointer]').count()) > 40, `${file}: the form's items are shown`);
      const boxes = page.locator('.item > textarea');
      let target: string | undefined;
      for (let i = 0; i < (await boxes.count()) && !target; i++) {
        const value = await boxes.nth(i).inputValue();
        if (value.length > 0 && !value.includes('\n') && !/^\d+$/.test(value)) target = (await boxes.nth(i).locator('xpath=..').getAttribute('data-pointer')) ?? undefined;
      }
      assert.ok(target, file);
      const box = item(page, target).locator('textarea');
      const value = await box.inputValue();
      await box.fill(`${value}(改)`);
      await settled(page);
      assert.ok((await page.locator('.change').count()) >= 1, `${file}: the change is classified`);
      await page.locator('#save').click();
      await page.locator('#status', { hasText: '保存しました' }).waitFor();
      const diff = git(project.dir, 'diff', '-U0', '--', file).split('\n');
      assert.equal(diff.filter((l) => l.startsWith('-') && !l.startsWith('---')).length, 1, `${file}: ${diff.join('\n')}`);
      assert.equal(diff.filter((l) => l.startsWith('+') && !l.startsWith('+++')).length, 1, `${file}: ${diff.join('\n')}`);
      await page.context().close();
    }
  } finally {
    await editor.close();
    project.cleanup();
  }
});

test('--lang en: the page in English (item labels and findings stay as the forms print them); no path: the list of assessments', async () => {
  const project = scratchProject();
  const editor = await startEditorServer({ root: project.dir, today: '2026-12-02', lang: 'en' });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(editor.url);
    await page.locator('ul.files a').first().waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('h1').innerText(), 'Edit an assessment');
    const links = await page.locator('ul.files a').allInnerTexts();
    assert.ok(links.includes(referenceRel) && links.includes('assessments/aobagawa-juki-full/assessment.yaml'), links.join(', '));
    await page.locator('ul.files a', { hasText: referenceRel }).click();
    await page.waitForSelector('body[data-checked]');
    assert.equal(await page.locator('#save').innerText(), 'Save');
    assert.ok((await page.locator('legend, label').allInnerTexts()).some((l) => l.includes('委託先名')));
    await context.close();
  } finally {
    await editor.close();
    project.cleanup();
  }
});

test('a 不明 box changed, then the form drawn again (a line added elsewhere): the box still offers 不明に戻す, and it works', async () => {
  const { page, close } = await openEditor();
  try {
    const first = page.locator('input[type=checkbox]:indeterminate').first();
    const pointer = await first.evaluate((e) => e.closest('[data-pointer]')!.getAttribute('data-pointer')!);
    const at = await first.evaluate((e) => Array.from(e.closest('[data-pointer]')!.querySelectorAll('.box')).indexOf(e.closest('.box')!));
    const row = () => page.locator(`[data-pointer="${pointer}"]`).first().locator('.box').nth(at);
    await row().locator('input').check();
    await row().locator('button.reset-unknown').waitFor({ state: 'visible' });
    // A structural change: the whole form is rendered again from the data.
    const add = page.locator('button[data-add]').first();
    const list = page.locator(`[data-pointer="${await add.getAttribute('data-add')}"] li`);
    const lines = await list.count();
    await add.click();
    await page.waitForFunction(([p, n]) => document.querySelectorAll(`[data-pointer="${p}"] li`).length === n, [await add.getAttribute('data-add'), lines + 1] as const);
    assert.equal(await row().locator('input').isChecked(), true, 'the box keeps its new state');
    assert.equal(await row().locator('button.reset-unknown').isVisible(), true, 'and its button back to 不明');
    await row().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/reset-unknown-redrawn-1280.png` });
    assert.doesNotMatch(await row().innerText(), /(不明$|不明:)/);
    await row().locator('button.reset-unknown').click();
    assert.equal(await row().locator('input').evaluate((e) => (e as HTMLInputElement).indeterminate), true);
    assert.equal(await row().locator('button.reset-unknown').isVisible(), false);
    assert.match(await row().innerText(), /不明/);
    // A box that was never 不明 offers no such button, before or after.
    assert.equal(await page.locator('.box:not(:has(.unknown)) button.reset-unknown').count(), 0);
  } finally {
    await close();
  }
});

test('a 不明 box: checked by mistake, put back to 不明 (by keyboard), saved: the file is unchanged; checked and saved: one line', async () => {
  const { page, project, close } = await openEditor();
  try {
    const original = readFileSync(project.file, 'utf8');
    const id = await page.locator('input[type=checkbox]:indeterminate').first().getAttribute('id');
    const box = page.locator(`[id="${id}"]`);
    const row = page.locator('.box', { has: page.locator(`[id="${id}"]`) });
    const reset = row.locator('button.reset-unknown');
    assert.equal(await reset.isVisible(), false, 'no reset before the box is changed');
    assert.match(await row.innerText(), /不明/);
    await box.focus();
    await page.keyboard.press('Space');
    assert.equal(await box.isChecked(), true);
    assert.equal(await box.evaluate((e) => (e as HTMLInputElement).indeterminate), false);
    assert.doesNotMatch(await row.innerText(), /(不明$|不明:)/);
    await reset.waitFor({ state: 'visible' });
    assert.match((await reset.getAttribute('aria-label')) ?? '', /を不明に戻す$/);
    await page.screenshot({ path: `${shots}/reset-unknown-1280.png` });
    const axe = await new AxeBuilder({ page }).include('.box-group').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), [], 'the boxes with the reset button pass axe');
    await reset.focus();
    await page.keyboard.press('Enter');
    assert.equal(await box.evaluate((e) => (e as HTMLInputElement).indeterminate), true);
    assert.equal(await reset.isVisible(), false);
    assert.match(await row.innerText(), /不明/);
    await settled(page);
    await page.locator('#save').click();
    await page.locator('#status', { hasText: /保存しました|変更はありません/ }).waitFor();
    assert.equal(readFileSync(project.file, 'utf8'), original, 'back to 不明: the file as it was');

    await box.check();
    await settled(page);
    await page.locator('#save').click();
    await page.locator('#status', { hasText: '保存しました' }).waitFor();
    const diff = git(project.dir, 'diff', '-U0', '--', referenceRel).split('\n');
    const removed = diff.filter((l) => l.startsWith('-') && !l.startsWith('---'));
    const added = diff.filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    assert.equal(removed.length, 1, diff.join('\n'));
    assert.match(removed[0]!, /: 不明$/);
    assert.deepEqual(added, [removed[0]!.replace(/^-/, '+').replace(/不明$/, 'true')]);
  } finally {
    await close();
  }
});
