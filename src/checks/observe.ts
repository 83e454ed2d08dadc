/** Reads every source a checks.yaml names, once each and concurrently; the probes do the I/O. */
import { readCommandSource } from './probes/command.ts';
import { readFileSource } from './probes/file.ts';
import { readHttpSource } from './probes/http.ts';
import { readPostgresSource } from './probes/postgres.ts';
import type { Observation, SourceSpec } from './types.ts';

export interface ObserveOptions {
  baseDir: string;
  allowCommands: boolean;
  env: NodeJS.ProcessEnv;
}

export function observe(spec: SourceSpec, options: ObserveOptions): Promise<Observation> {
  switch (spec.種類) {
    case 'file':
      return readFileSource(spec, options.baseDir);
    case 'http':
      return readHttpSource(spec, options.env);
    case 'postgres':
      return readPostgresSource(spec, options.env);
    case 'command':
      return readCommandSource(spec, options.baseDir, options.allowCommands);
  }
}

export async function observeAll(sources: Record<string, SourceSpec>, names: ReadonlySet<string>, options: ObserveOptions): Promise<Map<string, Observation>> {
  const entries = await Promise.all([...names].map(async (name) => [name, await observe(sources[name]!, options)] as const));
  return new Map(entries);
}
