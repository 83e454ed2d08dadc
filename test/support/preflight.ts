/**
 * Run by `npm test` before the tests (npm's pretest): checks that each outside tool the tests use runs here
 * (test/support/tools.ts: Chromium and PostgreSQL from npm, PDF reading and rendering from npm, Java unpacked from
 * Debian's package for this user when the system has none) and says which one each test group will use.
 * When the npm Chromium or PostgreSQL does not run, and this is root on Debian, it installs the Debian package that
 * provides it; otherwise it stops with one message saying what is missing and the command that installs it. Tests are
 * never skipped. PIA_NO_SYSTEM_TOOLS=1 uses no system tool (the route of a user without root).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath, javaPath, jrePackage, noSystemTools, postgresVersion, ToolMissingError, unpackJre } from './tools.ts';

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
    // The Nu HTML checker (npm vnu-jar) is a Java program; no well-kept npm package ships a Java runtime, so a JRE is
    // unpacked from Debian's package for this user when the system has none (tools.ts: javaPath, unpackJre).
    name: 'Java (Nu HTML checker)',
    run: async () => {
      let java: string;
      try {
        java = javaPath();
      } catch (error) {
        if (!(error instanceof ToolMissingError)) throw error;
        console.log(`テストの道具: Java (Nu HTML checker): ${error.detail}。${jrePackage} を apt-get download で取得し、node_modules/.cache/pia-tools/jre/ に展開します(root は不要)`);
        const started = Date.now();
        unpackJre((line) => console.log(line));
        java = javaPath();
        console.log(`テストの道具: Java を展開しました(${((Date.now() - started) / 1000).toFixed(1)} 秒)`);
      }
      const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
      return `${(result.stderr || result.stdout).split('\n')[0]!.trim()} (${java})`;
    },
  },
  {
    // The PDF tests read the structure tree, text, fonts, XMP and syntax with the consumers' own tools (poppler-utils,
    // qpdf, xmllint) when installed, and otherwise with the npm route (test/pdf/helpers.ts): nothing to install.
    name: 'PDF の構造の確認',
    run: async () => {
      const has = (tool: string, flag: string) => !noSystemTools && spawnSync(tool, [flag], { stdio: 'ignore' }).error === undefined;
      const poppler = ['pdfinfo', 'pdftotext', 'pdffonts', 'pdfdetach', 'pdftoppm'].every((t) => has(t, '-v'));
      return [
        poppler ? 'poppler-utils' : 'npm の pdfjs-dist・pdf-lib(poppler-utils の代わり)',
        has('qpdf', '--version') ? 'qpdf' : 'npm の pdf-lib + zlib(qpdf --check の代わり)',
        has('xmllint', '--version') ? 'xmllint' : 'npm の xmllint-wasm(xmllint の代わり)',
      ].join('、') + (noSystemTools ? '(PIA_NO_SYSTEM_TOOLS=1: システムの道具を使いません)' : '');
    },
  },
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
const installable = [...new Set(failed.flatMap((f) => f.check.debian?.split(' ') ?? []))];
if (installable.length > 0 && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && process.env.PIA_NO_APT !== '1' && !noSystemTools) {
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
