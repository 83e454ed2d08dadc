/**
 * `pia edit` timing on the reference 重点項目評価書, in the real browser (Debian's Chromium):
 * - start-up: `npx pia edit <file>` spawned until the page shows its first findings (target ≤ 2 s); floor: the same
 *   CLI spawned for `--version` (Node's own start-up), measured in this run;
 * - keystroke → findings: one character typed into 委託先名 until the page shows the findings for it (p50/p95,
 *   target ≤ 100 ms p95); floor: validateText on the same text alone, in-process;
 * - save: Session.save of an edited value (splice + atomic replace, p50/p95, target ≤ 200 ms); floor: the atomic
 *   replace (replaceFileIfUnchanged) of the same bytes alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/support/tools.ts';
import { referenceRel, repoRoot, scratchProject } from '../test/edit/helpers.ts';
import { validateText } from '../src/validate/validate.ts';
import { Session } from '../src/edit/session.ts';
import { replaceFileIfUnchanged, sha256 } from '../src/diff/write.ts';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const line = (name: string, xs: number[], floor: number[], target: string) =>
  console.log(`${name.padEnd(22)} p50 ${ms(pct(xs, 0.5))}  p95 ${ms(pct(xs, 0.95))}  (n=${xs.length}; floor p50 ${ms(pct(floor, 0.5))}, ratio ${(pct(xs, 0.5) / pct(floor, 0.5)).toFixed(2)}×; target ${target})`);

function startCli(dir: string): Promise<{ url: string; stop: () => void; startedAt: number }> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'src/cli/bin.js'), 'edit', referenceRel, '--today', '2026-12-02'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\S+/.exec(out)?.[0];
      if (url) resolve({ url, startedAt, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`pia edit exited with ${code}`)));
  });
}

export default async function (): Promise<void> {
  const project = scratchProject();
  const browser = await launchChromium();
  try {
    // Start-up: the command until the page has shown the reference's findings.
    const startup: number[] = [];
    const nodeFloor: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, [path.join(repoRoot, 'src/cli/bin.js'), '--version']);
      nodeFloor.push(performance.now() - t0);
      const cli = await startCli(project.dir);
      const page = await browser.newPage();
      await page.goto(cli.url);
      await page.waitForSelector('body[data-findings]');
      startup.push(performance.now() - cli.startedAt);
      await page.close();
      cli.stop();
    }
    line('start-up', startup, nodeFloor, '≤ 2000 ms');

    // Keystroke → findings, in the browser, against one long-running editor.
    const cli = await startCli(project.dir);
    const page = await browser.newPage();
    await page.goto(cli.url);
    await page.waitForSelector('body[data-checked]');
    const box = page.locator('[data-pointer="/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/0/委託先名"] textarea');
    await box.click();
    await page.keyboard.press('End');
    const rounds: number[] = [];
    for (let i = 0; i < 30; i++) {
      const before = await page.evaluate(() => Number(document.body.dataset.findings ?? 0));
      const t0 = performance.now();
      await page.keyboard.type(i % 2 ? 'ア' : 'イ');
      await page.waitForFunction((n) => Number(document.body.dataset.findings ?? 0) > n, before, { polling: 'raf' });
      rounds.push(performance.now() - t0);
      await page.waitForFunction(() => document.body.dataset.busy === undefined, undefined, { polling: 'raf' });
    }
    const text = readFileSync(project.file, 'utf8');
    const validateFloor: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      validateText(referenceRel, text.replace('株式会社アイネス', `株式会社アイネス${i}`), { today: '2026-12-02' });
      validateFloor.push(performance.now() - t0);
    }
    line('keystroke → findings', rounds, validateFloor, '≤ 100 ms p95');
    await page.close();
    cli.stop();

    // Save: in-process, an edited value spliced in and the file replaced atomically.
    const session = new Session(project.dir, { today: '2026-12-02' });
    const saves: number[] = [];
    const replaceFloor: number[] = [];
    for (let i = 0; i < 20; i++) {
      const opened = session.open(referenceRel);
      const data = structuredClone(opened.data) as Record<string, any>;
      data['特定個人情報ファイルの概要'][0]['特定個人情報ファイルの取扱いの委託']['委託事項'][0]['委託先名'] = `株式会社ベンチ${i}`;
      const t0 = performance.now();
      const result = session.save(opened.hash, data, undefined);
      saves.push(performance.now() - t0);
      if (!result.saved) throw new Error('bench save was refused');
      const bytes = readFileSync(project.file);
      const t1 = performance.now();
      replaceFileIfUnchanged(project.file, sha256(bytes), bytes);
      replaceFloor.push(performance.now() - t1);
    }
    line('save', saves, replaceFloor, '≤ 200 ms');
  } finally {
    await browser.close();
    project.cleanup();
  }
}

