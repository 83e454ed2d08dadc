/**
 * The two constants the pages need about the versions of an assessment, in a module without imports: the web
 * renderer imports it into the page bundle, which must not pull in the form definitions (read from schemas/).
 */

/** What the public version prints in place of withheld text (非公表, 規則第13条). */
export const withheldMark = '（非公表）';

/** The banner every page of the submission version carries (site and PDF). */
export const submissionBanner = '提出用(非公表の部分を含む全文)。個人情報保護委員会への提出用です。公表しないでください。';

/** Whether this build is the submission version (PIA_EDITION=submission, set by pia build --submission). */
export function isSubmissionBuild(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PIA_EDITION === 'submission';
}
