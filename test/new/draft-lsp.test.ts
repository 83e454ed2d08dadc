/**
 * The draft in the officer's editor, checked with the consumer's own tool: the real yaml-language-server, given the
 * draft as `pia new` writes it (its modeline names the editor schema), shows on every item key the item's number,
 * label and help, so the draft's keys sit where the form puts them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadForms } from '../../src/schema/registry.ts';
import { editorSchemaFile, projectRoot } from '../../src/editor/editor-schema.ts';
import { draftText } from '../../src/new/draft.ts';
import { YamlLanguageServer } from '../editor/lsp.ts';

let server: YamlLanguageServer;
before(async () => {
  server = new YamlLanguageServer();
  await server.start();
});
after(() => server.stop());

for (const form of loadForms().values()) {
  test(`${form.formName}: 下書きのすべての項目で、エディタのホバーが番号・項目名と説明を示す`, async () => {
    const dir = path.join(projectRoot, 'assessments', `lsp-new-${path.basename(form.file).split('.')[0]}`);
    const editorSchema = path.relative(dir, editorSchemaFile(form.file)).split(path.sep).join('/');
    const text = draftText(form.schema, { editorSchema });
    const uri = pathToFileURL(path.join(dir, 'assessment.yaml')).href;
    server.open(uri, text);
    const lines = text.split('\n');
    const wrong: string[] = [];
    let checked = 0;
    for (const [i, line] of lines.entries()) {
      const m = /^(\s*(?:- )?)([^#\s][^:#]*): ?.* # (.+)$/.exec(line);
      if (!m || m[2] === '様式' || m[2] === 'ID') continue;
      // The comment starts with the item's label as printed (「①入手元」); the hover must name it and explain it.
      const label = m[3]!.replace(/ ※.*$| <選択肢>.*$|\(令和8年.*$|\(様式には.*$/, '');
      const shown = await server.hover(uri, i, m[1]!.length + 1);
      if (!shown.includes(`**${label}**`)) wrong.push(`${i + 1}: «${label}» not in hover «${shown.split('\n')[0]}»`);
      else if (shown.split('\n\n').length < 2) wrong.push(`${i + 1}: no help for «${label}»`);
      checked++;
    }
    assert.deepEqual(wrong, []);
    assert.ok(checked > 50, `${checked} items checked`);
  });
}
