import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/repo';
import { examples, FUZZ_SEED, mutate, Random } from './support';

/** iam-policy-lint on hostile files: it reports, it never crashes, and --fix never breaks a file. */
const CLI = join(REPO_ROOT, 'dist', 'cli.js');

interface Report {
  readonly file: string;
  readonly diagnostics: readonly { code: string }[];
}

function lint(...args: string[]): { status: number | null; reports: Report[]; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  if (run.error) throw run.error;
  return { status: run.status, reports: run.status === 2 ? [] : (JSON.parse(run.stdout) as Report[]), stderr: run.stderr };
}

describe('robustness: the CLI', function () {
  this.timeout(180_000);
  let folder: string;
  before(() => (folder = mkdtempSync(join(tmpdir(), 'iam-cli-robust-'))));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reports hostile files (a million levels of nesting, a million actions, 10 MB, a 50 MB string, odd characters, prototype and duplicate keys, every type everywhere) and exits 1, without crashing', () => {
    const statement = '{"Effect":"Allow","Action":["ses:SendRawEmail","ses:GetAccount"],"Resource":"arn:aws:ses:eu-west-2:123456789012:identity/example.com"}';
    const files: Record<string, string> = {
      'deep-arrays-policy.json': `{"Statement":${'['.repeat(1_000_000)}`,
      'deep-arrays-closed-policy.json': `{"Statement":${'['.repeat(1_000_000)}1${']'.repeat(1_000_000)}}`,
      'deep-objects-policy.json': `{"Statement":${'{"a":'.repeat(1_000_000)}1`,
      'deep-objects-closed-policy.json': `{"Statement":${'{"a":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)}}`,
      'many-actions-policy.json': `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[${Array.from({ length: 1_000_000 }, (_, i) => `"ses:Nope${i}"`).join(',')}],"Resource":"*"}]}`,
      'ten-mb-policy.json': `{"Version":"2012-10-17","Statement":[${Array.from({ length: Math.ceil((10 << 20) / statement.length) }, () => statement).join(',\n')}]}`,
      'long-string-policy.json': `{"Version":"2012-10-17","Statement":[{"Sid":"${'a'.repeat(50 << 20)}","Effect":"Allow","Action":"*","Resource":"*"}]}`,
      'characters-policy.json': '{"Version":"2012-10-17","Statement":[{"Sid":"A\u0000\u2028\ud800","Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"}]}',
      'proto-policy.json': '{"__proto__":{"Statement":1},"Statement":[{"constructor":"x","hasOwnProperty":1,"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*","Condition":{"__proto__":{"toString":"1"}}}]}',
      'numbers-policy.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":1e999999}}}]}',
      'duplicate-keys-policy.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"ses:SendRawEmail","Resource":"*"}]}',
      'types-policy.json': `{"Version":"2012-10-17","Statement":[${[null, true, 1, '"s"', '[]', '{}', '[1,{}]']
        .map((value) => `{"Sid":${value},"Effect":${value},"Principal":${value},"Action":${value},"Resource":${value},"Condition":${value}}`)
        .join(',')}]}`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    const { status, reports, stderr } = lint(...Object.keys(files).map((name) => join(folder, name)));
    assert.equal(status, 1, stderr);
    assert.equal(stderr, '');
    const codes = (name: string) => reports.find((r) => r.file.endsWith(name))!.diagnostics.map((d) => d.code);
    for (const name of ['deep-arrays-policy.json', 'deep-arrays-closed-policy.json', 'deep-objects-policy.json', 'deep-objects-closed-policy.json']) {
      assert.deepEqual(codes(name), ['json-too-deep'], name);
    }
    for (const name of ['many-actions-policy.json', 'ten-mb-policy.json']) {
      assert.equal(codes(name).length, 1001, name);
      assert.equal(codes(name).at(-1), 'too-many-problems', name);
    }
    assert.deepEqual(codes('long-string-policy.json'), []);
    assert.ok(codes('characters-policy.json').includes('invalid-character'));
    assert.ok(codes('proto-policy.json').includes('unknown-element') && codes('proto-policy.json').includes('unknown-condition-operator'));
    assert.deepEqual(codes('numbers-policy.json'), []);
    assert.ok(codes('duplicate-keys-policy.json').includes('duplicate-key'));
    assert.ok(codes('types-policy.json').filter((code) => code === 'invalid-type').length >= 30);
  });

  it(`--fix on mutated examples writes only files that still parse (seed ${FUZZ_SEED})`, () => {
    const random = new Random(FUZZ_SEED + 2);
    const corpus = examples();
    const written: string[] = [];
    for (let i = 0; i < 60; i++) {
      let text = random.pick(corpus).text;
      for (let e = 0; e < 1 + random.below(2); e++) text = mutate(random, text);
      const path = join(folder, `mutated-${i}-policy.json`);
      writeFileSync(path, text);
      written.push(path);
    }
    const before = written.map((path) => readFileSync(path, 'utf8'));
    const run = spawnSync(process.execPath, [CLI, '--fix', '--format', 'json', ...written], { encoding: 'utf8', timeout: 120_000 });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    assert.ok(!/TypeError|RangeError|at .*\.js:\d+/.test(run.stderr), run.stderr);
    const check = lint(...written);
    written.forEach((path, i) => {
      const after = readFileSync(path, 'utf8');
      if (after === before[i]) return;
      const syntax = check.reports.find((r) => r.file === path)!.diagnostics.filter((d) => d.code === 'json-syntax' || d.code === 'json-too-deep');
      assert.deepEqual(syntax, [], `${path} was rewritten into broken JSON`);
    });
  });
});
