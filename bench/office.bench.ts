/**
 * A generated city of 60 事務 (bench for the 事務 as a unit): 40 基礎-only, 15 with a 重点項目評価書 beside their
 * 基礎, and 5 with a 全項目評価書 beside theirs (generated from the sample 全項目 事務, assessments/aobagawa-juki-full).
 * Measures, by the CLI in the city's folder: `pia validate` (with the 事務 rules), `pia status --format json` and
 * `pia build` (PDFs and site). In-process, the 事務 rules' share of validation: validateMany vs the office layer.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validateMany } from '../src/validate/validate-many.ts';
import { officeDiagnosticsFor } from '../src/office/office.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const basicOnly = read('assessments/example-902-tokubetsu-jido-fuyo/assessment.yaml');
const pairBasic = read('assessments/koshigaya-48-kodomo-iryohi/koshigaya-48-kodomo-iryohi-basic/assessment.yaml');
const pairFocused = read('assessments/koshigaya-48-kodomo-iryohi/assessment.yaml');
const fullMain = read('assessments/aobagawa-juki-full/assessment.yaml');
const fullBasic = read('assessments/aobagawa-juki-full/aobagawa-juki-basic/assessment.yaml');

function put(dir: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text.replace(/^# yaml-language-server: \$schema=.*$/m, ''));
}

/** Writes the city; returns the number of files. */
export function writeCity(dir: string): { offices: number; files: number; withFocused: number; withFull: number } {
  let files = 0;
  for (let i = 1; i <= 40; i++) {
    const n = 2000 + i;
    put(dir, `assessments/city-${n}/assessment.yaml`, basicOnly.replace('評価書番号: 902', `評価書番号: ${n}`).replaceAll('特別児童扶養手当に関する事務', `試験用の事務${n}`));
    files++;
  }
  for (let i = 1; i <= 15; i++) {
    const n = 3000 + i;
    const name = `試験用の事務${n}`;
    put(dir, `assessments/city-${n}/assessment.yaml`, pairFocused.replace('評価書番号: 48', `評価書番号: ${n}`).replace('評価書名: こども医療費の支給に関する事務 重点項目評価書', `評価書名: ${name} 重点項目評価書`));
    put(dir, `assessments/city-${n}/city-${n}-basic/assessment.yaml`, pairBasic.replace('評価書番号: 48', `評価書番号: ${n}`).replace('評価書名: こども医療費の支給に関する事務 基礎項目評価書', `評価書名: ${name} 基礎項目評価書`));
    files += 2;
  }
  for (let i = 1; i <= 5; i++) {
    const n = 4000 + i;
    const name = `試験用の事務${n}`;
    put(dir, `assessments/city-${n}/assessment.yaml`, fullMain.replace(/^  評価書番号: 1$/m, `  評価書番号: ${n}`).replace('評価書名: 住民基本台帳に関する事務 全項目評価書', `評価書名: ${name} 全項目評価書`));
    put(dir, `assessments/city-${n}/city-${n}-basic/assessment.yaml`, fullBasic.replace(/^  評価書番号: 1$/m, `  評価書番号: ${n}`).replace('評価書名: 住民基本台帳に関する事務 基礎項目評価書', `評価書名: ${name} 基礎項目評価書`));
    files += 2;
  }
  return { offices: 60, files, withFocused: 15, withFull: 5 };
}

function cli(cwd: string, ...args: string[]): { ms: number; code: number | null; stdout: string } {
  const start = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'src/cli/bin.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-12-01' }, maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - start, code: r.status, stdout: r.stdout };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-city-'));
  try {
    cpSync(path.join(root, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
    const city = writeCity(dir);
    console.log(`office.city                  ${city.offices} 事務, ${city.files} 評価書 (40 基礎のみ, ${city.withFocused} 基礎+重点, ${city.withFull} 基礎+全項目)`);
    const version = cli(dir, '--help');
    const startup = median([version.ms, cli(dir, '--help').ms, cli(dir, '--help').ms]);
    const validate = [cli(dir, 'validate'), cli(dir, 'validate'), cli(dir, 'validate')];
    const status = [cli(dir, 'status', '--format', 'json'), cli(dir, 'status', '--format', 'json'), cli(dir, 'status', '--format', 'json')];
    console.log(`office.cli-startup-ms        ${startup.toFixed(0)} (npx pia --help: the floor)`);
    console.log(`office.validate-cli-ms       ${median(validate.map((r) => r.ms)).toFixed(0)} (exit ${validate[0]!.code})`);
    console.log(`office.status-cli-ms         ${median(status.map((r) => r.ms)).toFixed(0)} (exit ${status[0]!.code}; ${JSON.parse(status[0]!.stdout).offices.length} 事務 listed)`);
    console.log(`office.status/validate       ${(median(status.map((r) => r.ms)) / median(validate.map((r) => r.ms))).toFixed(2)}`);
    // In-process: the 事務 layer (grouping, companions, six rules, locating findings) against validation itself.
    const files = (await import('node:fs')).globSync('assessments/**/assessment.yaml', { cwd: dir }).map((f) => path.join(dir, f));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const runs: { validate: number; office: number }[] = [];
      let missing = -1;
      let officeErrors = -1;
      for (let k = 0; k < 3; k++) {
        const a = performance.now();
        const results = await validateMany(files, { today: '2026-12-01' });
        const b = performance.now();
        const found = await officeDiagnosticsFor(results);
        runs.push({ validate: b - a, office: performance.now() - b });
        missing = found.filter((d) => d.rule === 'office-required-document').length;
        officeErrors = found.filter((d) => d.severity === 'error').length;
      }
      console.log(`office.required-missing      ${missing} (expected 0: every 事務 holds what its 基礎 requires); 事務 rule errors ${officeErrors}`);
      const v = median(runs.map((r) => r.validate));
      const o = median(runs.map((r) => r.office));
      console.log(`office.inproc-validate-ms    ${v.toFixed(0)}`);
      console.log(`office.inproc-office-ms      ${o.toFixed(0)} (ratio to validation ${(o / v).toFixed(3)})`);
    } finally {
      process.chdir(cwd);
    }
    const build = cli(dir, 'build');
    console.log(`office.build-cli-ms          ${build.ms.toFixed(0)} (exit ${build.code}; ${build.stdout.split('\n').filter((l) => /^(PDF|公開用サイト)/.test(l)).join(' ')})`);
    const rebuild = cli(dir, 'build');
    console.log(`office.rebuild-cli-ms        ${rebuild.ms.toFixed(0)} (unchanged city: PDFs and entries reused)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
