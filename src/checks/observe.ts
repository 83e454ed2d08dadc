/**
 * Reads every source a checks.yaml names, once each and concurrently; the probes do the I/O. Whatever a probe
 * returns is bounded in depth and has every secret masked before any expression sees it.
 */
import { maxDataDepth, nestsDeeperThan } from './limits.ts';
import { readCommandSource } from './probes/command.ts';
import { readFileSource, type FileScope } from './probes/file.ts';
import { readHttpSource } from './probes/http.ts';
import { readPostgresSource } from './probes/postgres.ts';
import { scrubData } from './redact.ts';
import type { Observation, SourceSpec } from './types.ts';

export interface ObserveOptions {
  /** The folder of checks.yaml and the folder file sources must stay inside. */
  files: FileScope;
  allowCommands: boolean;
  env: NodeJS.ProcessEnv;
  /** Raw secret values (src/checks/redact.ts) to mask in observed data. */
  secrets: readonly string[];
}

function read(spec: SourceSpec, options: ObserveOptions): Promise<Observation> {
  switch (spec.種類) {
    case 'file':
      return readFileSource(spec, options.files);
    case 'http':
      return readHttpSource(spec, options.env);
    case 'postgres':
      return readPostgresSource(spec, options.env);
    case 'command':
      return readCommandSource(spec, options.files.baseDir, options.allowCommands, options.env);
  }
}

export async function observe(spec: SourceSpec, options: ObserveOptions): Promise<Observation> {
  const observation = await read(spec, options);
  if (!observation.ok) return { ...observation, detail: scrubData(observation.detail, options.secrets) };
  if (nestsDeeperThan(observation.data, maxDataDepth)) {
    return { ok: false, label: observation.label, kind: 'malformed', detail: `内容の入れ子が ${maxDataDepth} 段を超えています` };
  }
  return { ...observation, data: scrubData(observation.data, options.secrets) };
}

export async function observeAll(sources: Record<string, SourceSpec>, names: ReadonlySet<string>, options: ObserveOptions): Promise<Map<string, Observation>> {
  const entries = await Promise.all([...names].map(async (name) => [name, await observe(sources[name]!, options)] as const));
  return new Map(entries);
}
