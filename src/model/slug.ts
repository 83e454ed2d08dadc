/** An assessment's slug: the name of its folder under assessments/ (assessments/<slug>/assessment.yaml). */
import path from 'node:path';

export function slugOf(file: string): string {
  const base = path.basename(file).replace(/\.ya?ml$/, '');
  return base === 'assessment' ? path.basename(path.dirname(path.resolve(file))) : base;
}
