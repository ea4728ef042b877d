import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readExample, REPO_ROOT } from '../support/repo';

/** iam-policy-lint --fix: the safe fixes applied to files, atomically, keeping the file's own bytes. */
const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return result;
}

/** The CLI with its file size limit at 1 KiB or less (`ulimit -f 1`): root is held to it too. */
function runWithFileSizeLimit(...args: string[]) {
  const result = spawnSync('/bin/sh', ['-c', 'ulimit -f 1 && exec "$0" "$@"', process.execPath, CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return result;
}

const MERGED = readExample('wp-offload-ses-merged.json');
/** The merged example padded past 1 KiB with a long Id, so writing its fixed text can be made to fail. */
const LARGE_MERGED = MERGED.replace('"Version"', `"Id": "${'a'.repeat(1500)}",\n  "Version"`);
const AS_ROOT = process.getuid?.() === 0;

describe('iam-policy-lint --fix', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'iam-fix-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('splits the merged example, keeping BOM, CRLF and file mode, and reports what it changed', () => {
    const file = join(folder, 'merged-policy.json');
    const original = `\ufeff${readExample('wp-offload-ses-merged.json').replace(/\n/g, '\r\n')}`;
    writeFileSync(file, original);
    chmodSync(file, 0o640);
    const result = run('--fix', file);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /merged-policy\.json: fixed 1: /);
    assert.match(result.stdout, /0 errors, 0 warnings/);
    const fixed = readFileSync(file, 'utf8');
    assert.ok(fixed.startsWith('\ufeff'), 'BOM kept');
    assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF introduced');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    const statements = JSON.parse(fixed.slice(1)).Statement as { Action: string[]; Resource: string }[];
    assert.deepEqual(
      statements.map((s) => [[s.Action].flat().sort(), s.Resource]),
      [
        [['ses:CreateEmailIdentity', 'ses:DeleteEmailIdentity', 'ses:SendRawEmail'], 'arn:aws:ses:eu-west-2:123456789012:identity/example.com'],
        [['ses:GetAccount', 'ses:ListEmailIdentities'], '*'],
      ],
    );
    assert.deepEqual(readdirSync(folder), ['merged-policy.json'], 'no temporary file left behind');
  });

  it('leaves a file that does not parse exactly as it was', () => {
    const file = join(folder, 'broken-policy.json');
    const broken = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:GetAccount" "Resource":"arn:aws:ses:eu-west-2:123456789012:identity/x"}]}';
    writeFileSync(file, broken);
    const result = run('--fix', file);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /not fixed: it does not parse/);
    assert.equal(readFileSync(file, 'utf8'), broken);
  });

  it('removes trailing commas, the one syntax error it repairs, and exits 0', () => {
    const file = join(folder, 'comma-policy.json');
    const restricted = readExample('wp-offload-ses-restricted.json');
    writeFileSync(file, restricted.replace('"Resource": "*"', '"Resource": "*",').replace(/\}\n {4}\]/, '},\n    ]'));
    const before = run(file);
    assert.equal(before.status, 1);
    assert.equal(before.stdout.match(/\[trailing-comma\]/g)?.length, 2, before.stdout);
    const result = run('--fix', file);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stderr, /comma-policy\.json: fixed 2: Remove the trailing comma; Remove the trailing comma/);
    assert.equal(readFileSync(file, 'utf8'), restricted);
  });

  it('fixes the file a symlink points to and keeps the link', () => {
    const target = join(folder, 'real-policy.json');
    const link = join(folder, 'linked-policy.json');
    writeFileSync(target, readExample('wp-offload-ses-merged.json'));
    symlinkSync(target, link);
    const result = run('--fix', link);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(lstatSync(link).isSymbolicLink(), 'still a link');
    assert.match(readFileSync(target, 'utf8'), /"Sid": "AccountLevel"/);
    assert.deepEqual(readdirSync(folder).sort(), ['linked-policy.json', 'real-policy.json']);
  });

  it('does not touch a file with nothing to fix', () => {
    const file = join(folder, 'restricted-policy.json');
    writeFileSync(file, readExample('wp-offload-ses-restricted.json'));
    const before = statSync(file).mtimeMs;
    const result = run('--fix', file);
    assert.equal(result.status, 0);
    assert.equal(result.stderr, '');
    assert.equal(statSync(file).mtimeMs, before);
  });

  it('leaves a read-only file as it was, and says so', () => {
    const file = join(folder, 'readonly-policy.json');
    writeFileSync(file, MERGED);
    chmodSync(file, 0o444);
    const result = run('--fix', file);
    assert.match(result.stderr, /readonly-policy\.json: not fixed: it is read-only\n/);
    assert.doesNotMatch(result.stderr, /fixed 1/);
    assert.equal(readFileSync(file, 'utf8'), MERGED);
    assert.equal(statSync(file).mode & 0o777, 0o444);
    assert.match(result.stdout, /account-action-in-scoped-statement/, 'the warnings are still reported');
    assert.deepEqual(readdirSync(folder), ['readonly-policy.json']);
  });

  it('skips a file that is not UTF-8, byte for byte', () => {
    const file = join(folder, 'latin1-policy.json');
    // "café" in Latin-1: the é is the lone byte 0xE9, which UTF-8 never writes.
    const [head, tail] = MERGED.replace('"Version"', '"Id": "caf_",\n  "Version"').split('_') as [string, string];
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xe9]), Buffer.from(tail)]);
    writeFileSync(file, bytes);
    const result = run('--fix', file);
    assert.match(result.stderr, /latin1-policy\.json: not fixed: not UTF-8\n/);
    assert.deepEqual(readFileSync(file), bytes);
  });

  it('skips a file whose fixed text would not parse (a trailing comma whose rule is off)', () => {
    const file = join(folder, 'comma-off-policy.json');
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"SES:sendrawemail","Resource":"*",}]}';
    writeFileSync(file, text);
    const result = run('--fix', '--rule', 'trailing-comma=off', file);
    assert.match(result.stderr, /comma-off-policy\.json: not fixed: the fixed text would not parse\n/);
    assert.equal(readFileSync(file, 'utf8'), text);
  });

  it('leaves the file as it was and no temporary file when the write fails (a file size limit, which holds for root too)', () => {
    const file = join(folder, 'large-policy.json');
    writeFileSync(file, LARGE_MERGED);
    const result = runWithFileSizeLimit('--fix', file);
    assert.equal(result.status, 2, 'an I/O problem');
    assert.ok(result.stderr.startsWith(`iam-policy-lint: cannot write ${file}: EFBIG`), result.stderr);
    assert.equal(readFileSync(file, 'utf8'), LARGE_MERGED);
    assert.deepEqual(readdirSync(folder), ['large-policy.json'], 'no temporary file left behind');
    // The limit is all that stopped it.
    assert.equal(run('--fix', file).status, 0);
    assert.match(readFileSync(file, 'utf8'), /"Sid": "AccountLevel"/);
  });

  it('leaves the file as it was when its folder is read-only', function () {
    // Root writes into a read-only folder regardless, so this case needs an ordinary user; the file
    // size limit above covers a failed write for root.
    if (AS_ROOT) this.skip();
    const file = join(folder, 'locked-policy.json');
    writeFileSync(file, MERGED);
    chmodSync(folder, 0o555);
    try {
      const result = run('--fix', file);
      assert.equal(result.status, 2, 'an I/O problem');
      assert.ok(result.stderr.startsWith(`iam-policy-lint: cannot write ${file}: EACCES`), result.stderr);
      assert.equal(readFileSync(file, 'utf8'), MERGED);
      assert.deepEqual(readdirSync(folder), ['locked-policy.json']);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('skips a file with several hard links rather than splitting them', () => {
    const file = join(folder, 'linked-policy.json');
    const other = join(folder, 'other-name.json');
    writeFileSync(file, MERGED);
    linkSync(file, other);
    const result = run('--fix', file);
    assert.match(result.stderr, /linked-policy\.json: not fixed: it has 2 hard links, and replacing it would leave the others on the old text\n/);
    assert.equal(readFileSync(file, 'utf8'), MERGED);
    assert.equal(statSync(file).ino, statSync(other).ino, 'still one file under two names');
  });
});
