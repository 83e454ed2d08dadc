/**
 * `npm run bench`: runs every bench/*.bench.ts in order and prints its numbers. Each file exports
 * `default async function (): Promise<void>` that prints its own lines.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
for (const name of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  console.log(`\n## ${name.replace('.bench.ts', '')}`);
  const module = (await import(new URL(name, import.meta.url).href)) as { default: () => Promise<void> };
  await module.default();
}
