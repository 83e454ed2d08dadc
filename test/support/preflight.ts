/**
 * Run by `npm test` before the tests (npm's pretest): checks that each outside tool the tests use runs here
 * (test/support/tools.ts: Chromium and PostgreSQL from npm, PDF reading and rendering from npm).
 * When one does not, and this is root on Debian, it installs the Debian package that provides it; otherwise it
 * stops with one message saying what is missing and the command that installs it. Tests are never skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath, postgresVersion, ToolMissingError } from './tools.ts';

interface Check {
  name: string;
  /** The Debian package that provides the tool when the npm one cannot run here. */
  debian?: string;
  run(): Promise<string>;
}

const checks: Check[] = [
  {
    name: 'Chromium',
    debian: 'chromium',
    run: async () => {
      const file = chromiumPath();
      return `${spawnSync(file, ['--headless', '--no-sandbox', '--version'], { encoding: 'utf8' }).stdout.trim()} (${file})`;
    },
  },
  { name: 'PostgreSQL', debian: 'postgresql', run: async () => postgresVersion() },
  {
    name: 'PDF の読取り・画像化 (pdfjs-dist, @napi-rs/canvas)',
    run: async () => {
      const { version } = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const { createCanvas } = await import('@napi-rs/canvas');
      createCanvas(1, 1).getContext('2d');
      return `pdfjs-dist ${version}`;
    },
  },
];

async function failures(): Promise<{ check: Check; reason: string }[]> {
  const failed: { check: Check; reason: string }[] = [];
  for (const check of checks) {
    try {
      console.log(`テストの道具: ${check.name}: ${await check.run()}`);
    } catch (error) {
      failed.push({ check, reason: error instanceof ToolMissingError ? error.detail : (error as Error).message });
    }
  }
  return failed;
}

let failed = await failures();
const installable = [...new Set(failed.map((f) => f.check.debian).filter((p): p is string => p !== undefined))];
if (installable.length > 0 && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && process.env.PIA_NO_APT !== '1') {
  for (const f of failed) console.log(`テストの道具: ${f.check.name}: ${f.reason}`);
  console.log(`テストの道具: ${failed.filter((f) => f.check.debian).map((f) => f.check.name).join('・')} が npm のものでは動かないため、Debian のパッケージを入れます: apt-get install -y ${installable.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...installable]]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) break;
  }
  failed = await failures();
}
if (failed.length > 0) {
  const packages = [...new Set(failed.map((f) => f.check.debian).filter((p): p is string => p !== undefined))];
  const steps = [...(failed.some((f) => !f.check.debian) ? ['npm ci をやり直し'] : []), ...(packages.length > 0 ? [`root で apt-get install -y ${packages.join(' ')} を実行し`] : [])];
  const note = packages.length > 0 ? '(PIA_CHROMIUM・PIA_POSTGRES_BIN で手元のものを指定することもできます)' : '';
  console.error(`テストを始められません。次のものがこの環境で動きません:\n${failed.map((f) => `- ${f.check.name}: ${f.reason}`).join('\n')}\n${steps.join('、')}てから、もう一度 npm test を実行してください${note}。`);
  process.exit(1);
}
