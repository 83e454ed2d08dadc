/**
 * The site configuration (pia-site.yaml beside the assessments folder, schema schemas/site.v1.schema.json): the
 * city's name, logo, header and footer links, contact, licence and base path. Web staff change the site here,
 * not in the Astro components. Read with the project's YAML loader and ajv, so errors read file:line:col.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { loadFile } from '../load/load-file.ts';
import { compileSchema } from '../schema/registry.ts';
import type { Diagnostic } from '../report/diagnostic.ts';

export const siteConfigFileName = 'pia-site.yaml';

export interface SiteLink {
  名称: string;
  URL: string;
}

export interface SiteConfig {
  サイト名: string;
  自治体名?: string;
  自治体のURL?: string;
  サイトのURL?: string;
  基本パス?: string;
  ロゴ?: { ファイル: string; 代替テキスト: string; 幅?: number; 高さ?: number };
  ヘッダーのリンク: SiteLink[];
  フッターのリンク: SiteLink[];
  問合せ先?: { 部署: string; 住所?: string; 電話?: string; メール?: string; 受付時間?: string };
  ライセンス?: { 名称: string; 識別子?: string; URL: string; 説明?: string };
}

export interface LoadedSiteConfig {
  config: SiteConfig;
  /** The file read, or undefined when there is none (the defaults apply). */
  file?: string;
  /** The logo's bytes and extension, read once here (the file must sit beside or below the configuration). */
  logo?: { bytes: Buffer; ext: string };
}

export const defaultSiteConfig: SiteConfig = { サイト名: '特定個人情報保護評価書', ヘッダーのリンク: [], フッターのリンク: [] };

/** The configuration is invalid; `diagnostics` are located in the file. */
export class SiteConfigError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}${d.hint ? `\n  ${d.hint}` : ''}`).join('\n'));
    this.diagnostics = diagnostics;
  }
}

let validator: ValidateFunction | undefined;
const maxLogoBytes = 512 * 1024;

/** Reads and validates the configuration file; no file gives the defaults. Throws SiteConfigError. */
export function loadSiteConfig(file: string | undefined): LoadedSiteConfig {
  if (!file || !existsSync(file)) return { config: { ...defaultSiteConfig } };
  const result = loadFile(file);
  if (!result.ok) throw new SiteConfigError(result.diagnostics);
  const { loaded } = result;
  validator ??= compileSchema('site.v1.schema.json');
  const at = (pointer: string, message: string, hint?: string, key = false): Diagnostic => ({ rule: 'site-config', severity: 'error', file, ...loaded.locate(pointer, { key }), path: pointer, message, hint });
  if (!validator(loaded.data)) {
    throw new SiteConfigError((validator.errors ?? []).map((e) => {
      const params = e.params as Record<string, unknown>;
      if (e.keyword === 'additionalProperties') return at(`${e.instancePath}/${String(params.additionalProperty)}`, `「${String(params.additionalProperty)}」はサイトの設定に書けない項目です。`, '使える項目は schemas/site.v1.schema.json にあります。', true);
      if (e.keyword === 'required') return at(e.instancePath, `「${String(params.missingProperty)}」がありません。`);
      if (e.keyword === 'pattern') return at(e.instancePath, `「${e.instancePath}」の書き方が正しくありません。`, 'URL は https:// で始めます(サイト内は / で始まるパス)。基本パスは / で始めて / で終えます。各項目の形は schemas/site.v1.schema.json の説明にあります。');
      return at(e.instancePath, `「${e.instancePath || '設定'}」: ${e.message ?? e.keyword}`);
    }));
  }
  const config = { ...defaultSiteConfig, ...(loaded.data as Partial<SiteConfig>) } as SiteConfig;
  let logo: LoadedSiteConfig['logo'];
  if (config.ロゴ) {
    const dir = path.dirname(path.resolve(file));
    const logoFile = path.resolve(dir, config.ロゴ.ファイル);
    const inside = logoFile.startsWith(dir + path.sep);
    const stat = inside && existsSync(logoFile) ? statSync(logoFile) : undefined;
    if (!stat?.isFile()) throw new SiteConfigError([at('/ロゴ/ファイル', `ロゴのファイル「${config.ロゴ.ファイル}」が見つかりません。`, 'この設定ファイルのあるフォルダの中のファイルを、相対パスで書いてください。')]);
    if (stat.size > maxLogoBytes) throw new SiteConfigError([at('/ロゴ/ファイル', `ロゴのファイルが大きすぎます(${stat.size} バイト、上限 ${maxLogoBytes} バイト)。`)]);
    logo = { bytes: readFileSync(logoFile), ext: path.extname(logoFile).slice(1).toLowerCase() };
  }
  return { config, file, logo };
}

/** The configuration file of a build: PIA_SITE_CONFIG, else pia-site.yaml in the working directory. */
export function siteConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.PIA_SITE_CONFIG || siteConfigFileName);
}

/**
 * The configuration for the pages of this build. buildSite reads and validates it before the build and hands it
 * over through a global: the pages run from Astro's bundle, in this process, where the schema files are not at
 * the paths the bundle's modules would compute.
 */
const handedOver = Symbol.for('pia.site.config');

export function handOverSiteConfig(loaded: LoadedSiteConfig | undefined): void {
  const g = globalThis as { [handedOver]?: LoadedSiteConfig };
  if (loaded) g[handedOver] = loaded;
  else delete g[handedOver];
}

export function siteConfig(): LoadedSiteConfig {
  return (globalThis as { [handedOver]?: LoadedSiteConfig })[handedOver] ?? { config: { ...defaultSiteConfig } };
}
