/** Which assessment files a command works on: the paths given, or every assessments/**\/assessment.yaml. */
import { statSync } from 'node:fs';
import { assessmentsUnder } from '../load/assessment-files.ts';
import { fail, NoAssessments, PathNotFound } from '../report/errors.ts';

export const assessmentsDir = 'assessments';

export function assessmentFiles(paths: readonly string[]): string[] {
  const inputs = paths.length > 0 ? paths : [assessmentsDir];
  const files: string[] = [];
  for (const input of inputs) {
    let isDirectory = false;
    try {
      isDirectory = statSync(input).isDirectory();
    } catch {
      fail(PathNotFound, { path: input });
    }
    if (!isDirectory) {
      files.push(input);
      continue;
    }
    // Only assessment.yaml: checks.yaml, decisions.yaml … may sit beside it.
    const found = assessmentsUnder(input);
    if (found.length === 0) fail(NoAssessments, { path: input });
    files.push(...found);
  }
  return files;
}
