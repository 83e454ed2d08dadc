/**
 * The form definitions (様式) are JSON Schema files in schemas/. This module loads them once, compiles them
 * with ajv in strict mode, and gives every feature the same schema and validator.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';

export const schemaDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

/**
 * Our annotation keywords. Declared so that strict ajv rejects a misspelt one instead of ignoring it.
 * x-form: the form's code, name and edition. x-item: the official item number as printed (Ⅱ, 3., ①).
 * x-significant-change: marked ※ on this form edition (a change is 重要な変更). x-render: how the item is shown.
 * x-repeat: label of a repeated block, {n} = 1-based index. x-group: printed row group of flat items.
 * x-unverified: the item is not confirmed against the official form (kept as data, see PPC-RULES.md [V]).
 * x-risk-order: for choice items, the choices from lowest to highest risk (used by the change classifier);
 * on a checkbox or checkbox group, the states ([false, true]: checking raises risk); on a list, ["fewer", "more"].
 * x-role: what the item is (a role of schemas/roles.v1.json); rules, classification and checks find items by role.
 * x-role-values: printed choice → canonical value of its role (委託する → yes). x-bands: printed band → [min, max].
 * x-links (form root): pairs of roles that state one fact twice (Ⅱ4 委託の有無 ↔ Ⅲ4 委託しない), with the agreeing values.
 * x-no-risk-order: on a ※ choice item whose choices have no order of risk, the reason (every change stays 事前).
 */
export const annotationKeywords = [
  'x-form',
  'x-item',
  'x-significant-change',
  'x-render',
  'x-repeat',
  'x-group',
  'x-unverified',
  'x-risk-order',
  'x-role',
  'x-role-values',
  'x-bands',
  'x-links',
  'x-no-risk-order',
  'x-record-terms',
] as const;

export type JsonSchema = {
  $ref?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  $defs?: Record<string, JsonSchema>;
  /** level: the しきい値判断 result this form is the assessment for (重点 → basic+focused), schemas/threshold.v1.json. */
  'x-form'?: { code: string; name: string; edition: string; verified?: string; level?: string };
  'x-item'?: string;
  'x-significant-change'?: boolean;
  'x-render'?: string;
  'x-repeat'?: string;
  'x-group'?: string;
  'x-unverified'?: boolean;
  'x-risk-order'?: unknown[];
  'x-role'?: string;
  'x-role-values'?: Record<string, string>;
  'x-bands'?: Record<string, [number, number | null]>;
  'x-links'?: FormLink[];
  'x-no-risk-order'?: string;
  /** A checkbox of a `covers` link's left side: a record item whose name contains a term is of this kind. */
  'x-record-terms'?: RecordTerms;
  [key: string]: unknown;
};

/** The words by which a record item's name shows it is of a checkbox's kind (x-record-terms). */
export interface RecordTerms {
  terms: string[];
  /** A name that also contains one of these is not counted (「医療機関住所」 is not a person's 住所). */
  except?: string[];
}

/** Two items that state one fact (x-links): the value pairs of left and right roles that agree. */
export interface StateLink {
  kind?: 'states';
  id: string;
  title: string;
  left: string;
  right: string;
  /** file: the Ⅱ entry and the Ⅲ entry with the same ID; document: one left value for every right value. */
  scope: 'file' | 'document';
  agree: [unknown, unknown][];
}

/**
 * A summary and the list it summarises (主な記録項目 and 別添1): when a record item of the right role names a kind
 * (x-record-terms of a checkbox under the left role), that checkbox must be checked. Always per file.
 */
export interface CoverLink {
  kind: 'covers';
  id: string;
  title: string;
  left: string;
  right: string;
  scope: 'file';
}

export type FormLink = StateLink | CoverLink;

export interface FormDefinition {
  /** Value of the 様式 key that selects this form, e.g. 重点項目評価書. */
  formName: string;
  file: string;
  schema: JsonSchema;
  validate: ValidateFunction;
}

let cache: Map<string, FormDefinition> | undefined;

const ajvOptions = { strict: true, allErrors: true, allowUnionTypes: true } as const;

function createAjv(source = false): Ajv2020 {
  const ajv = new Ajv2020({ ...ajvOptions, ...(source ? { code: { source: true } } : {}) });
  ajv.addVocabulary([...annotationKeywords]);
  return ajv;
}

const require = createRequire(import.meta.url);
const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: (ajv: Ajv2020, validate: ValidateFunction) => string }).default;
/** Compiled validators of the form schemas, as ajv's standalone code (node_modules/.cache/pia-ajv/<key>.cjs; tests: PIA_AJV_CACHE_DIR). */
export const compiledDir = process.env.PIA_AJV_CACHE_DIR ?? fileURLToPath(new URL('../../node_modules/.cache/pia-ajv/', import.meta.url));

const fromCache = new WeakSet<JsonSchema>();
/** Whether this form's validator was loaded from the cache in this process (for tests). */
export const validatorFromCache = (form: FormDefinition): boolean => (form.validate, fromCache.has(form.schema));

/**
 * ajv's compile of a form schema costs ~0.3 s, in every process and every validation worker. The code it generates
 * is kept under the SHA-256 of everything that shapes it (the schema text, ajv's version and options, our
 * keywords), written atomically, and loaded in ~10 ms by later processes. Any failure to read or write the cache
 * compiles as before; the cache lives in this installation's node_modules, beside the code it stands for.
 */
function compileForm(schema: JsonSchema, text: string): ValidateFunction {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const key = createHash('sha256').update(JSON.stringify([ajvVersion, require.resolve('ajv'), ajvOptions, annotationKeywords, text])).digest('hex');
  const file = path.join(compiledDir, `${key}.cjs`);
  try {
    const cached = require(file) as ValidateFunction;
    if (typeof cached === 'function') {
      fromCache.add(schema);
      return cached;
    }
  } catch {
    // Not there yet (or unreadable): compiled below.
  }
  const ajv = createAjv(true);
  const validate = ajv.compile(schema);
  try {
    mkdirSync(compiledDir, { recursive: true });
    const partial = `${file}.${process.pid}-${threadId}.partial`;
    // The code requires ajv's runtime helpers: by their resolved paths, so that it loads from any cache folder.
    const code = standaloneCode(ajv, validate).replace(/require\("(ajv\/dist\/runtime\/[a-z0-9_/]+)"\)/gi, (_, id: string) => `require(${JSON.stringify(require.resolve(id))})`);
    writeFileSync(partial, code);
    renameSync(partial, file);
  } catch {
    rmSync(`${file}.${process.pid}-${threadId}.partial`, { force: true });
  }
  return validate;
}

/** All forms in schemas/, keyed by the const value of their 様式 property. */
export function loadForms(): Map<string, FormDefinition> {
  if (cache) return cache;
  const forms = new Map<string, FormDefinition>();
  for (const name of readdirSync(schemaDir).sort()) {
    if (!name.endsWith('.schema.json')) continue;
    const file = path.join(schemaDir, name);
    const text = readFileSync(file, 'utf8');
    const schema = JSON.parse(text) as JsonSchema;
    if (!schema['x-form']) continue; // not a form (e.g. the checks or report schema)
    const formName = schema.properties?.['様式']?.const;
    if (typeof formName !== 'string') throw new Error(`${name}: a form schema needs properties.様式.const`);
    // Compiled on first use: a process that validates only one form (or none, as the main thread of
    // validateMany, which needs the schemas alone) does not compile the others.
    let compiled: ValidateFunction | undefined;
    const definition = { formName, file, schema } as FormDefinition;
    Object.defineProperty(definition, 'validate', { enumerable: true, get: () => (compiled ??= compileForm(schema, text)) });
    forms.set(formName, definition);
  }
  cache = forms;
  return forms;
}

/** Compiles a non-form schema (checks, report …) with the same strict settings. */
export function compileSchema(file: string): ValidateFunction {
  const ajv = createAjv();
  return ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')));
}
