/**
 * Where `pia new` may write: assessments/<事務>/assessment.yaml, or one level deeper for the second 評価書 of a 事務
 * (assessments/<事務>/<評価書>/assessment.yaml, schemas/decisions/0005-office-folder.md). Folder names are slugs
 * (they become URLs and PDF names); nothing is written through a symlink, outside assessments/, or over a file.
 */
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fail } from '../report/errors.ts';
import { BadFolderName, FolderNotSafe, OfficeFolderMissing, SlugTaken, TargetExists } from './errors.ts';
import { OutputNotWritable } from '../report/errors.ts';

export const assessmentsDir = 'assessments';
export const assessmentFile = 'assessment.yaml';
/** Site URLs and PDF names are made of folder names: lower-case letters, digits and hyphens. */
const segmentPattern = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

export interface Target {
  /** The folder as given after normalising (koshigaya-48 or koshigaya-48/koshigaya-48-basic). */
  folder: string;
  segments: string[];
  /** Relative to the working directory: assessments/<folder>/assessment.yaml. */
  file: string;
  dir: string;
}

/** Checks the folder name alone (no disk access): a usage error names what is wrong with it. */
export function parseFolder(input: string): Target {
  let folder = input.trim().replace(/\/+$/, '');
  if (folder.startsWith(`${assessmentsDir}/`)) folder = folder.slice(assessmentsDir.length + 1);
  if (folder.endsWith(`/${assessmentFile}`)) folder = folder.slice(0, -assessmentFile.length - 1);
  const segments = folder.split('/');
  const bad =
    input.includes('\\') || input.includes('\0') || path.isAbsolute(input) ? 'path'
      : segments.some((s) => s === '..' || s === '.') ? 'path'
        : segments.length > 2 ? 'depth'
          : segments.some((s) => !segmentPattern.test(s)) ? 'name'
            : undefined;
  if (bad) fail(BadFolderName, { folder: input, problem: bad });
  const dir = path.join(assessmentsDir, ...segments);
  return { folder, segments, dir, file: path.join(dir, assessmentFile) };
}

function kind(p: string): 'missing' | 'dir' | 'symlink' | 'other' {
  try {
    const s = lstatSync(p);
    return s.isSymbolicLink() ? 'symlink' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Checks the place on disk: assessments/ and the folders on the way are real folders (not symlinks), a nested
 * 評価書 goes into an existing 事務 folder that has its 評価書, and no assessment.yaml / .yml is there yet.
 */
export function checkTarget(target: Target): void {
  const parts = [assessmentsDir, ...target.segments];
  for (let i = 1; i <= parts.length; i++) {
    const p = path.join(...parts.slice(0, i));
    const k = kind(p);
    if (k === 'symlink' || k === 'other') fail(FolderNotSafe, { path: p });
    if (k === 'missing' && i === 2 && target.segments.length === 2) fail(OfficeFolderMissing, { office: path.join(assessmentsDir, target.segments[0]!), folder: target.folder });
  }
  if (target.segments.length === 2 && kind(path.join(assessmentsDir, target.segments[0]!, assessmentFile)) === 'missing') {
    fail(OfficeFolderMissing, { office: path.join(assessmentsDir, target.segments[0]!), folder: target.folder });
  }
  for (const name of [assessmentFile, 'assessment.yml']) {
    const existing = path.join(target.dir, name);
    if (kind(existing) !== 'missing') fail(TargetExists, { path: existing });
  }
  // The folder name is the 評価書's slug (its site URL and PDF name): unique in the whole city.
  const slug = target.segments.at(-1)!;
  const other = assessmentFolders().find((dir) => path.basename(dir) === slug && dir !== target.dir);
  if (other) fail(SlugTaken, { slug, other });
}

/** The folders of assessments/ that hold an assessment, two levels deep (decision 0005). */
function assessmentFolders(): string[] {
  const out: string[] = [];
  const list = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
    } catch {
      return [];
    }
  };
  const holds = (dir: string) => kind(path.join(dir, assessmentFile)) !== 'missing' || kind(path.join(dir, 'assessment.yml')) !== 'missing';
  for (const office of list(assessmentsDir)) {
    if (holds(office)) out.push(office);
    for (const inner of list(office)) if (holds(inner)) out.push(inner);
  }
  return out;
}

/**
 * Writes the file in one step: the text goes to a temp file beside it, which is then hard-linked to the final name
 * (the link fails if a file appeared there meanwhile, so nothing is ever overwritten) and removed. Folders made
 * here are removed again when the write fails: nothing partial is left.
 */
export function writeNew(target: Target, text: string): void {
  const made: string[] = [];
  const parts = [assessmentsDir, ...target.segments];
  let temp: string | undefined;
  try {
    for (let i = 1; i <= parts.length; i++) {
      const p = path.join(...parts.slice(0, i));
      if (kind(p) === 'missing') {
        mkdirSync(p);
        made.push(p);
      } else if (kind(p) !== 'dir') fail(FolderNotSafe, { path: p });
    }
    temp = path.join(target.dir, `.${assessmentFile}.${process.pid}.tmp`);
    const fd = openSync(temp, 'wx', 0o644);
    try {
      const bytes = Buffer.from(text);
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, target.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') fail(TargetExists, { path: target.file });
      // A file system without hard links (some network shares): check, then rename (the file is still whole).
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      if (kind(target.file) !== 'missing') fail(TargetExists, { path: target.file });
      renameSync(temp, target.file);
    }
    made.length = 0;
  } catch (error) {
    if (temp) rmSync(temp, { force: true });
    temp = undefined;
    for (const dir of made.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty any more: something else wrote there; leave it
      }
    }
    if ((error as { spec?: string }).spec) throw error;
    fail(OutputNotWritable, { path: target.file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  } finally {
    if (temp) rmSync(temp, { force: true });
  }
}
