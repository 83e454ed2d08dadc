/**
 * Fatal errors: the command cannot go on. Each has a permanent name, a title, and a message that says
 * what happened, why, and what to do. Thrown as PiaError, printed once by src/cli/main.ts, exit code 2.
 */
import { lang } from './i18n.ts';

export interface FatalErrorSpec<A> {
  name: string;
  title: string;
  message: (args: A) => string;
  hint?: string;
  /** The same in English, for `--lang en`. */
  en: { title: string; message: (args: A) => string; hint?: string };
}

export class PiaError extends Error {
  readonly spec: string;
  readonly hint?: string;
  readonly exitCode: number;
  constructor(spec: FatalErrorSpec<never>, message: string, exitCode = 2) {
    super(message);
    this.spec = spec.name;
    this.hint = lang() === 'en' ? spec.en.hint : spec.hint;
    this.exitCode = exitCode;
  }
}

export function fail<A>(spec: FatalErrorSpec<A>, args: A): never {
  throw new PiaError(spec as FatalErrorSpec<never>, lang() === 'en' ? spec.en.message(args) : spec.message(args));
}

export const UsageError: FatalErrorSpec<{ detail: string; command?: string }> = {
  name: 'UsageError',
  title: 'コマンドの指定が正しくありません',
  message: ({ detail, command }) => `${detail} \`npx pia ${command ?? ''} --help\` で使い方を確認してください。`.replace('  ', ' '),
  en: { title: 'Invalid command line', message: ({ detail, command }) => `${detail} See \`npx pia ${command ?? ''} --help\`.`.replace('  ', ' ') },
};

export const PathNotFound: FatalErrorSpec<{ path: string }> = {
  name: 'PathNotFound',
  title: 'ファイルが見つかりません',
  message: ({ path }) => `${path} が見つかりません。パスの綴りを確認してください。`,
  en: { title: 'File not found', message: ({ path }) => `${path} was not found. Check the spelling of the path.` },
};

export const NoAssessments: FatalErrorSpec<{ path: string }> = {
  name: 'NoAssessments',
  title: '評価書がありません',
  message: ({ path }) => `${path} に評価書(assessment.yaml)が見つかりません。評価書は assessments/<名前>/assessment.yaml に置きます。`,
  en: { title: 'No assessments', message: ({ path }) => `No assessment (assessment.yaml) was found in ${path}. Assessments live in assessments/<name>/assessment.yaml.` },
};

export const OutputNotWritable: FatalErrorSpec<{ path: string; reason: string }> = {
  name: 'OutputNotWritable',
  title: '出力先に書き込めません',
  message: ({ path, reason }) => `${path} に書き込めませんでした(${reason})。出力先のフォルダが存在し、書き込み権限があるか確認してください。ファイルは作成していません。`,
  en: { title: 'Cannot write the output', message: ({ path, reason }) => `Could not write ${path} (${reason}). Check that the folder exists and is writable. No file was created.` },
};

export const SchemaMissing: FatalErrorSpec<{ form: string; known: string }> = {
  name: 'SchemaMissing',
  title: '様式の定義がありません',
  message: ({ form, known }) => `様式「${form}」の定義が schemas/ にありません。使える様式: ${known}。`,
  en: { title: 'Unknown form', message: ({ form, known }) => `The form "${form}" has no definition in schemas/. Known forms: ${known}.` },
};

export const GitReadFailed: FatalErrorSpec<{ spec: string; detail: string }> = {
  name: 'GitReadFailed',
  title: 'git から版を読めません',
  message: ({ spec, detail }) => `${spec} を git から読めませんでした(${detail})。リビジョン名(main、HEAD~1 など)とファイルのパスを確認してください。書式は <リビジョン>:<パス> です。`,
  hint: 'git のリポジトリの中で実行しているか、リビジョンを取得済み(git fetch)か確認してください。',
  en: { title: 'Cannot read the version from git', message: ({ spec, detail }) => `Could not read ${spec} from git (${detail}). Check the revision (main, HEAD~1 …) and the path; the form is <revision>:<path>.`, hint: 'Run inside the git repository, and fetch the revision first (git fetch).' },
};

export const FileChangedMeanwhile: FatalErrorSpec<{ path: string }> = {
  name: 'FileChangedMeanwhile',
  title: '書き込み中にファイルが変更されました',
  message: ({ path }) => `${path} は読み込んだ後に別の操作で変更されました。変更を上書きしないよう、変更箇所の行は書き込んでいません。ファイルは元のままです。`,
  hint: 'もう一度 npx pia diff … --write を実行してください。',
  en: { title: 'The file changed while writing', message: ({ path }) => `${path} was changed by something else after it was read. To avoid overwriting that change, no 変更箇所 row was written; the file is as it was.`, hint: 'Run npx pia diff … --write again.' },
};

export const WriteNeedsFile: FatalErrorSpec<{ spec: string }> = {
  name: 'WriteNeedsFile',
  title: '書き込み先がファイルではありません',
  message: ({ spec }) => `--write は新しい版が作業ツリーのファイルのときだけ使えます(指定: ${spec})。git のリビジョンには書き込めません。`,
  en: { title: 'The target is not a file', message: ({ spec }) => `--write works only when the new version is a file in the working tree (given: ${spec}); a git revision cannot be written.` },
};

export const PdfSourceMissing: FatalErrorSpec<{ path: string }> = {
  name: 'PdfSourceMissing',
  title: 'PDF に原本が添付されていません',
  message: ({ path }) => `${path} には評価書の原本(正規形 JSON)が添付されていません。pia pdf で作った PDF だけを確かめられます。`,
  hint: 'ほかの方法で作った PDF は、作成元の評価書(YAML)から npx pia pdf で作り直してください。',
  en: { title: 'The PDF has no attached source', message: ({ path }) => `${path} has no attached source (canonical JSON) of the assessment. Only PDFs made by pia pdf can be verified.`, hint: 'Make the PDF again from its YAML with npx pia pdf.' },
};

export const WriteWouldBreak: FatalErrorSpec<{ path: string; detail: string }> = {
  name: 'WriteWouldBreak',
  title: '書き加えた評価書が読み込めなくなります',
  message: ({ path, detail }) => `${path} に変更箇所の行を書き加えると、評価書として読み込めなくなるため、書き込みませんでした(${detail})。ファイルは元のままです。`,
  hint: '変更箇所の書き方(字下げ・記号)を確認してください。直らないときは不具合として報告してください。',
  en: { title: 'The assessment would no longer load', message: ({ path, detail }) => `Adding the 変更箇所 row to ${path} would make it unreadable as an assessment, so nothing was written (${detail}). The file is as it was.`, hint: 'Check how the 変更箇所 is written (indentation, symbols); if it persists, please report it as a bug.' },
};
