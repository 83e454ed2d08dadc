/**
 * `pia diff` and `pia audit` timing: one diff of two 30 KB versions (load + validate both sides + diff + classify;
 * target ≤ 50 ms), and `pia audit` over a generated git history of 200 commits in a temporary repository
 * (target ≤ 10 s).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareVersions } from '../src/diff/compare.ts';
import { diffAssessments } from '../src/diff/diff.ts';
import { classifyChanges } from '../src/classify/classify.ts';
import { formatDiff } from '../src/diff/report.ts';
import { auditAssessment } from '../src/diff/audit.ts';
import { fileHistory, readVersions } from '../src/git/git.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const referenceText = readFileSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml'), 'utf8');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** A new version with a handful of realistic edits: rename, typo fix, a ※ text, a band, a reorder. */
function edited(text: string, n = 0): string {
  return text
    .replaceAll('子ども家庭部子ども福祉課', 'こども家庭部こども福祉課')
    .replace('ITリテラシの', 'ITリテラシーの')
    .replace('入退室管理を行っている部屋に設置したサーバー内に保管する。', `ガバメントクラウド上のサーバー内に保管する(${n})。`)
    .replace('使用者数: 100人以上500人未満', 'usage-placeholder')
    .replace('usage-placeholder', n % 2 ? '使用者数: 50人以上100人未満' : '使用者数: 100人以上500人未満')
    .replace('所属長の役職名: 子ども福祉課長', `所属長の役職名: こども福祉課長${n > 0 ? `(第${n}版)` : ''}`);
}

function fastImport(dir: string, versions: string[]): void {
  const chunks: Buffer[] = [];
  const data = (s: string) => {
    const bytes = Buffer.from(s, 'utf8');
    chunks.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
  };
  versions.forEach((text, i) => {
    chunks.push(Buffer.from(`commit refs/heads/main\ncommitter Bench <bench@example.com> ${1_767_225_600 + i * 86_400} +0900\n`));
    data(`版 ${i + 1}`);
    chunks.push(Buffer.from(`M 100644 inline assessments/ref/assessment.yaml\n`));
    data(text);
  });
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: Buffer.concat(chunks) });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
}

export default async function (): Promise<void> {
  const oldVersion = { file: 'old.yaml', text: referenceText };
  const newVersion = { file: 'new.yaml', text: edited(referenceText, 1) };
  console.log(`version sizes: ${(Buffer.byteLength(oldVersion.text) / 1024).toFixed(1)} KB → ${(Buffer.byteLength(newVersion.text) / 1024).toFixed(1)} KB`);
  compareVersions(oldVersion, newVersion); // warm up (schema compilation, Intl.Segmenter)
  const runs = 30;
  const full: number[] = [];
  const core: number[] = [];
  let changes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = compareVersions(oldVersion, newVersion, { today: '2026-11-25' });
    if (!result.ok) throw new Error('bench input does not load');
    formatDiff('text', [{ oldFile: 'old.yaml', newFile: 'new.yaml', comparison: result.comparison }]);
    full.push(performance.now() - start);
    const { form, oldData, newData } = result.comparison;
    const t = performance.now();
    const list = diffAssessments(form.schema, oldData, newData);
    classifyChanges(list, { root: form.schema, oldData, newData, renames: [] });
    core.push(performance.now() - t);
    changes = list.length;
  }
  console.log(`diff of two 30 KB versions, load + validate both + diff + classify + text report (median of ${runs}, ${changes} changes): ${ms(median(full))}  (target ≤ 50 ms)`);
  console.log(`  of which diff + classify only: ${ms(median(core))}`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-bench-audit-'));
  try {
    spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    const versions = Array.from({ length: 200 }, (_, i) => (i === 0 ? referenceText : edited(referenceText, i)));
    let t = performance.now();
    fastImport(dir, versions);
    console.log(`generated history: 200 commits (${ms(performance.now() - t)})`);
    const file = 'assessments/ref/assessment.yaml';
    t = performance.now();
    const commits = fileHistory(file, dir);
    const texts = readVersions(commits, file, dir);
    const read = performance.now() - t;
    const result = auditAssessment({ file, text: readFileSync(path.join(dir, file), 'utf8'), history: { commits, texts }, today: '2026-11-25' });
    const total = performance.now() - t;
    console.log(`pia audit over 200 commits (git log + cat-file --batch ${ms(read)}, ${result.diagnostics.length} findings): ${ms(total)}  (target ≤ 10000 ms)`);
    t = performance.now();
    const cli = spawnSync(process.execPath, [path.join(root, 'src/cli/bin.js'), 'audit', file, '--today', '2026-11-25'], { cwd: dir, encoding: 'utf8' });
    console.log(`npx pia audit (new process, exit ${cli.status}): ${ms(performance.now() - t)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
