/** The fatal errors of `pia new` (exit code 2): what happened, why, what to do; nothing has been written. */
import type { FatalErrorSpec } from '../report/errors.ts';

const problemJa = {
  path: 'assessments/ の中のフォルダ名だけを書いてください(絶対パス、「..」、「\\」は使えません)',
  depth: 'フォルダは2段まで(事務のフォルダと、その中の評価書のフォルダ)です',
  name: 'フォルダ名は半角英小文字・数字・ハイフンで、英数字で始まり英数字で終わる80文字までです(公開サイトの URL と PDF の名前になります)',
} as const;
const problemEn = {
  path: 'give only a folder name inside assessments/ (no absolute path, "..", or "\\")',
  depth: 'at most two levels: the 事務 folder and, inside it, the folder of a second 評価書',
  name: 'folder names use lower-case letters, digits and hyphens, start and end with a letter or digit, up to 80 characters (they become site URLs and PDF names)',
} as const;

export const BadFolderName: FatalErrorSpec<{ folder: string; problem: keyof typeof problemJa }> = {
  name: 'BadFolderName',
  title: 'フォルダ名が使えません',
  message: ({ folder, problem }) => `フォルダ名「${folder}」は使えません: ${problemJa[problem]}。何も作成していません。`,
  hint: '例: npx pia new koshigaya-49-jido-teate --form 基礎項目評価書',
  en: { title: 'Unusable folder name', message: ({ folder, problem }) => `The folder name "${folder}" cannot be used: ${problemEn[problem]}. Nothing was created.`, hint: 'Example: npx pia new koshigaya-49-jido-teate --form 基礎項目評価書' },
};

export const TargetExists: FatalErrorSpec<{ path: string }> = {
  name: 'TargetExists',
  title: '評価書が既にあります',
  message: ({ path }) => `${path} が既にあります。上書きしないため、何も書き込んでいません。`,
  hint: '別のフォルダ名を指定するか、既にある評価書を編集してください(npx pia edit)。',
  en: { title: 'The assessment exists', message: ({ path }) => `${path} already exists. It was not overwritten; nothing was written.`, hint: 'Choose another folder name, or edit the existing assessment (npx pia edit).' },
};

export const FolderNotSafe: FatalErrorSpec<{ path: string }> = {
  name: 'FolderNotSafe',
  title: '書き込み先がフォルダではありません',
  message: ({ path }) => `${path} がフォルダではない(シンボリックリンクまたはファイル)ため、その中には作成しません。何も書き込んでいません。`,
  hint: 'assessments/ とその中のフォルダは、リンクではない普通のフォルダにしてください。',
  en: { title: 'Not a folder', message: ({ path }) => `${path} is not a plain folder (a symlink or a file), so nothing is created in it. Nothing was written.`, hint: 'Keep assessments/ and its folders as plain folders, not links.' },
};

export const OfficeFolderMissing: FatalErrorSpec<{ office: string; folder: string }> = {
  name: 'OfficeFolderMissing',
  title: '事務のフォルダに評価書がありません',
  message: ({ office, folder }) => `「${folder}」は事務のフォルダ ${office} の中の評価書ですが、${office}/assessment.yaml がありません。何も作成していません。`,
  hint: '先に事務のフォルダに評価書を作ってください(新しい事務は基礎項目評価書を上に置くことを勧めます: npx pia new <事務> --form 基礎項目評価書)。',
  en: { title: 'The 事務 folder has no assessment', message: ({ office, folder }) => `"${folder}" is an assessment inside the 事務 folder ${office}, but ${office}/assessment.yaml does not exist. Nothing was created.`, hint: 'Create the 事務 folder\'s assessment first (for a new 事務, the 基礎項目評価書 on top is recommended: npx pia new <事務> --form 基礎項目評価書).' },
};

export const SourceNotUsable: FatalErrorSpec<{ path: string; detail: string }> = {
  name: 'SourceNotUsable',
  title: '元にする評価書を読み込めません',
  message: ({ path, detail }) => `--from の ${path} を元にできません: ${detail}。何も作成していません。`,
  hint: 'npx pia validate でその評価書を確かめてください。--from には assessments/ の中の評価書を指定します。',
  en: { title: 'Cannot use the source assessment', message: ({ path, detail }) => `The --from assessment ${path} cannot be used: ${detail}. Nothing was created.`, hint: 'Check it with npx pia validate. --from takes an assessment inside assessments/.' },
};

export const SlugTaken: FatalErrorSpec<{ slug: string; other: string }> = {
  name: 'SlugTaken',
  title: 'フォルダ名が既に使われています',
  message: ({ slug, other }) => `フォルダ名「${slug}」は ${other} で既に使われています。フォルダ名は公開サイトの URL と PDF の名前になるため、市全体で重複できません。何も作成していません。`,
  hint: '事務と評価書の種類が分かる別の名前にしてください(例: <事務の名前>-basic、<事務の名前>-juten)。',
  en: { title: 'The folder name is taken', message: ({ slug, other }) => `The folder name "${slug}" is already used by ${other}. Folder names become site URLs and PDF names, so they must be unique city-wide. Nothing was created.`, hint: 'Choose a name that tells the 事務 and the kind of 評価書 (e.g. <事務>-basic, <事務>-juten).' },
};
