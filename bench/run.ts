/**
 * `npm run bench`: runs every bench/*.bench.ts in order and prints its numbers (`npm run bench <part>…` only those
 * whose names contain a part). Each file exports `default async function (): Promise<void>` that prints its own lines.
 *
 * Each bench runs in a process of its own, as each command runs: a bench measured in the process an earlier one
 * left (the site bench's builds leave ~2 GB of heap and filled module caches) measures that process, not the code
 * (validate: 3.09× js-yaml's parse after the site bench in one process, 2.4–2.6× on its own). The ratios a bench
 * prints are measured within its one run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const child = process.env.PIA_BENCH_ONE;
if (child) {
  const module = (await import(new URL(child, import.meta.url).href)) as { default: () => Promise<void> };
  await module.default();
  process.exit(0); // a bench owns its process; a library may keep handles open
}
const only = process.argv.slice(2);
const failed: string[] = [];
for (const name of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  console.log(`\n## ${name.replace('.bench.ts', '')}`);
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, PIA_BENCH_ONE: name } });
  if (run.status !== 0) failed.push(`${name} (exit ${run.status ?? run.signal})`);
}
if (failed.length > 0) {
  console.error(`\nbench failed: ${failed.join(', ')}`);
  process.exit(1);
}
