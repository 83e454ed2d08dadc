/**
 * The consumers' own tools on the built site: the Nu HTML checker (npm vnu-jar, run with the system's Java) and
 * Lighthouse (npm lighthouse, driving Debian's Chromium). Used by test/site/html-valid.test.ts and bench/site.bench.ts.
 */
import { execFile } from 'node:child_process';
import { globSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { chromiumArgs, chromiumPath as toolsChromium, javaPath } from '../support/tools.ts';

/** The tests' Chromium (npm's, or PIA_CHROMIUM; test/support/tools.ts). */
export const chromiumPath = toolsChromium();
export const launchArgs = [...chromiumArgs];

/** Every built HTML page of a site folder (pagefind's folder holds none). */
export function htmlPages(site: string): string[] {
  return globSync('**/*.html', { cwd: site, exclude: ['pagefind/**'] }).sort().map((f) => path.join(site, f));
}

export interface NuMessage {
  file: string;
  type: string;
  subType?: string;
  message: string;
  line?: number;
}

/** Java for the Nu HTML checker: PIA_JAVA, the system's java, or the JRE the preflight unpacked (test/support/tools.ts). */
let java: string | undefined;
function javaFile(): string {
  if (!java) {
    java = javaPath();
    console.log(`テストの道具(Nu HTML checker): ${java}`);
  }
  return java;
}

export function javaAvailable(): Promise<boolean> {
  let file: string;
  try {
    file = javaFile();
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => execFile(file, ['-version'], (error) => resolve(!error)));
}

/** Runs the Nu HTML checker on the files; returns its errors and warnings (vnu's JSON output). */
export async function nuCheck(files: readonly string[]): Promise<NuMessage[]> {
  const jar = createRequire(import.meta.url)('vnu-jar') as string;
  const stderr = await new Promise<string>((resolve, reject) => {
    // --exit-zero-always: findings are read from the JSON, not from the exit code.
    execFile(javaFile(), ['-Xss8m', '-jar', jar, '--format', 'json', '--exit-zero-always', ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, err) => {
      if (error) reject(new Error(`vnu: ${err || error.message}`));
      else resolve(err);
    });
  });
  const report = JSON.parse(stderr) as { messages: { url: string; type: string; subType?: string; message: string; lastLine?: number }[] };
  return report.messages.map((m) => ({ file: decodeURIComponent(new URL(m.url).pathname), type: m.type, subType: m.subType, message: m.message, line: m.lastLine }));
}

export interface LighthouseFigures {
  url: string;
  performance: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Bytes transferred for the page (all requests). */
  bytes: number;
  fontBytes: number;
  fontRequests: number;
}

/** Lighthouse's default (mobile, simulated throttling) performance run of each URL, in one Chromium. */
export async function lighthouseMobile(urls: readonly string[]): Promise<LighthouseFigures[]> {
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({ chromePath: chromiumPath, chromeFlags: launchArgs });
  try {
    const out: LighthouseFigures[] = [];
    for (const url of urls) {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
      const lhr = result!.lhr;
      const items = ((lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] })?.items) ?? [];
      const fonts = items.filter((i) => i.resourceType === 'Font');
      const numeric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      out.push({
        url,
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        fcp: numeric('first-contentful-paint'),
        lcp: numeric('largest-contentful-paint'),
        tbt: numeric('total-blocking-time'),
        cls: numeric('cumulative-layout-shift'),
        bytes: items.reduce((s, i) => s + (i.transferSize ?? 0), 0),
        fontBytes: fonts.reduce((s, i) => s + (i.transferSize ?? 0), 0),
        fontRequests: fonts.length,
      });
    }
    return out;
  } finally {
    chrome.kill();
  }
}

export function formatFigures(f: LighthouseFigures): string {
  return `performance ${f.performance}  FCP ${(f.fcp / 1000).toFixed(2)} s  LCP ${(f.lcp / 1000).toFixed(2)} s  TBT ${f.tbt.toFixed(0)} ms  CLS ${f.cls.toFixed(3)}  ${(f.bytes / 1024).toFixed(0)} KB (fonts ${(f.fontBytes / 1024).toFixed(0)} KB in ${f.fontRequests} files)`;
}
