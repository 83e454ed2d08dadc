/** Live configuration from a file: a JSON, YAML or CSV export of a system's settings. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatOf, parseData } from '../parse-data.ts';
import type { DataFormat, Observation } from '../types.ts';

export async function readFileSource(spec: { パス: string; 形式?: DataFormat }, baseDir: string): Promise<Observation> {
  const file = path.resolve(baseDir, spec.パス);
  const label = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, label, kind: 'unreachable', detail: code === 'ENOENT' ? 'ファイルがありません' : `ファイルを読めません(${code ?? 'unknown'})` };
  }
  const parsed = parseData(text, formatOf(file, spec.形式));
  if (!parsed.ok) return { ok: false, label, kind: 'malformed', detail: parsed.detail };
  return { ok: true, data: parsed.data, label, file, locate: parsed.locate };
}
