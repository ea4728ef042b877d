import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readExample, readFixture, REPO_ROOT } from '../support/repo';

/** iam-policy-lint as CI runs it: dist/cli.js in a child process, from the repository root. */
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const MERGED_FILE = join('examples', 'wp-offload-ses-merged.json');
const ACCOUNT_ACTION = 'account-action-in-scoped-statement';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function lint(...args: string[]): Run {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** 0-based line and character of the first `needle` in `text`, counted here rather than by the CLI's library. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} not found`);
  return { line, character: lines[line]!.indexOf(needle) };
}

interface JsonReport {
  readonly file: string;
  readonly diagnostics: readonly {
    code: string;
    severity: string;
    message: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
}

function parseJsonReport(stdout: string): JsonReport[] {
  const reports = JSON.parse(stdout) as JsonReport[];
  assert.ok(Array.isArray(reports));
  for (const report of reports) {
    assert.deepEqual(Object.keys(report), ['file', 'diagnostics']);
    for (const d of report.diagnostics) {
      assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
      assert.deepEqual(Object.keys(d.range), ['start', 'end']);
      for (const position of [d.range.start, d.range.end]) {
        assert.deepEqual(Object.keys(position), ['line', 'character']);
        assert.ok(Number.isInteger(position.line) && position.line >= 0 && Number.isInteger(position.character) && position.character >= 0);
      }
    }
  }
  return reports;
}

describe('iam-policy-lint', () => {
  const merged = readExample('wp-offload-ses-merged.json');
  const getAccount = positionOf(merged, '"ses:GetAccount"');
  const listIdentities = positionOf(merged, '"ses:ListEmailIdentities"');
  const temporary: string[] = [];

  function folderWith(files: Record<string, string>): string {
    const folder = mkdtempSync(join(tmpdir(), 'iam-policy-lint-'));
    temporary.push(folder);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    return folder;
  }

  after(() => {
    for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
  });

  it('reports the two account-level actions of the merged example in text and exits 0', () => {
    const run = lint('examples');
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    const mergedLines = lines.filter((line) => line.startsWith(`${MERGED_FILE}:`));
    assert.deepEqual(
      mergedLines.map((line) => line.slice(0, line.indexOf(' warning ') + ' warning '.length)),
      [getAccount, listIdentities].map((p) => `${MERGED_FILE}:${p.line + 1}:${p.character + 1}: warning `),
    );
    assert.ok(mergedLines.every((line) => line.endsWith(`[${ACCOUNT_ACTION}]`)), mergedLines.join('\n'));
    assert.match(mergedLines[0]!, /"ses:GetAccount" supports no resource-level permissions/);
    assert.equal(lines[lines.length - 1], '4 files checked: 0 errors, 6 warnings, 0 info, 0 hints');
    assert.equal(lines.filter((line) => line.endsWith('[arn-placeholder]')).length, 4);
    assert.equal(run.stderr, '');
  });

  it('prints the documented JSON shape with 0-based positions', () => {
    const run = lint('--format', 'json', 'examples');
    assert.equal(run.status, 0, run.stderr);
    const reports = parseJsonReport(run.stdout);
    assert.deepEqual(
      reports.map((r) => [r.file, r.diagnostics.map((d) => d.code)]),
      [
        [join('examples', 'wp-offload-ses-basic.json'), []],
        [MERGED_FILE, [ACCOUNT_ACTION, ACCOUNT_ACTION]],
        [join('examples', 'wp-offload-ses-restricted.json'), []],
        [join('examples', 'wp-offload-ses-template.json'), ['arn-placeholder', 'arn-placeholder', 'arn-placeholder', 'arn-placeholder']],
      ],
    );
    const [first, second] = reports[1]!.diagnostics;
    assert.deepEqual(first?.range, {
      start: getAccount,
      end: { line: getAccount.line, character: getAccount.character + '"ses:GetAccount"'.length },
    });
    assert.deepEqual(second?.range.start, listIdentities);
    assert.equal(first?.severity, 'warning');
  });

  it('prints SARIF 2.1.0 with a ruleId and 1-based region per result', () => {
    const run = lint('--format', 'sarif', 'examples');
    assert.equal(run.status, 0, run.stderr);
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const [only] = sarif.runs;
    assert.equal(sarif.runs.length, 1);
    assert.equal(only?.tool.driver.name, 'iam-policy-lint');
    const results = only?.results ?? [];
    assert.deepEqual(
      results.map((r) => r.ruleId),
      [ACCOUNT_ACTION, ACCOUNT_ACTION, 'arn-placeholder', 'arn-placeholder', 'arn-placeholder', 'arn-placeholder'],
    );
    for (const result of results) assert.equal(only?.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
    const location = results[0]?.locations[0]?.physicalLocation;
    assert.equal(location?.artifactLocation.uri, 'examples/wp-offload-ses-merged.json');
    assert.deepEqual(location?.region, {
      startLine: getAccount.line + 1,
      startColumn: getAccount.character + 1,
      endLine: getAccount.line + 1,
      endColumn: getAccount.character + 1 + '"ses:GetAccount"'.length,
    });
    assert.equal(results[0]?.level, 'warning');
  });

  it('exits 1 on an unknown action and suggests the right one', () => {
    const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "ses:SendRawEmial", "Resource": "*"}]\n}\n';
    const folder = folderWith({ 'policy.json': policy });
    const run = lint(folder);
    assert.equal(run.status, 1, run.stderr);
    const position = positionOf(policy, '"ses:SendRawEmial"');
    const [line, summary] = run.stdout.trimEnd().split('\n');
    assert.ok(line?.startsWith(`${join(folder, 'policy.json')}:${position.line + 1}:${position.character + 1}: error `), line);
    assert.match(line ?? '', /Did you mean "ses:SendRawEmail"\? \[unknown-action\]$/);
    assert.equal(summary, '1 file checked: 1 error, 0 warnings, 0 info, 0 hints');
  });

  it('exits 2 for a path that does not exist', () => {
    const missing = join(folderWith({}), 'no-such-policy.json');
    const run = lint(missing);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^iam-policy-lint: ENOENT: no such file or directory/);
    assert.ok(run.stderr.includes(missing), run.stderr);
  });

  it('exits 2 for an unknown format, a malformed --rule or an unknown rule code', () => {
    const format = lint('--format', 'xml', 'examples');
    assert.equal(format.status, 2);
    assert.equal(format.stdout, '');
    assert.match(format.stderr, /^Unknown format "xml"\.\n\nUsage: iam-policy-lint /);
    const rule = lint('--rule', `${ACCOUNT_ACTION}=loud`, 'examples');
    assert.equal(rule.status, 2);
    assert.match(rule.stderr, /^Invalid --rule "account-action-in-scoped-statement=loud"/);
    const code = lint('--rule', 'no-such-rule=off', 'examples');
    assert.equal(code.status, 2);
    assert.match(code.stderr, /^Unknown rule "no-such-rule"/);
  });

  it('skips package.json and tsconfig.json in a folder and exits 0', () => {
    const folder = folderWith({
      'package.json': '{"name":"x","version":"1.0.0"}',
      'tsconfig.json': '{"compilerOptions":{"strict":true}}',
    });
    const text = lint(folder);
    assert.equal(text.status, 0, text.stderr);
    assert.equal(text.stdout, '0 files checked: 0 errors, 0 warnings, 0 info, 0 hints\n');
    const json = lint('--format', 'json', folder);
    assert.deepEqual(parseJsonReport(json.stdout), []);
  });

  it('silences a rule set to off, and fails the run on one raised to error', () => {
    const off = lint('--format', 'json', '--rule', `${ACCOUNT_ACTION}=off`, 'examples');
    assert.equal(off.status, 0, off.stderr);
    assert.deepEqual(
      parseJsonReport(off.stdout).flatMap((r) => r.diagnostics.map((d) => d.code)),
      ['arn-placeholder', 'arn-placeholder', 'arn-placeholder', 'arn-placeholder'],
    );
    const error = lint('--format', 'json', '--rule', `${ACCOUNT_ACTION}=error`, MERGED_FILE);
    assert.equal(error.status, 1, error.stderr);
    assert.deepEqual(
      parseJsonReport(error.stdout)[0]?.diagnostics.map((d) => [d.code, d.severity]),
      [
        [ACCOUNT_ACTION, 'error'],
        [ACCOUNT_ACTION, 'error'],
      ],
    );
  });

  describe('--region and --account without --profile', () => {
    const template = readExample('wp-offload-ses-template.json');

    it('fill the ARN placeholders with --fix, as iamPolicy.defaultRegion and defaultAccountId do', () => {
      const folder = folderWith({ 'policy.json': template });
      const file = join(folder, 'policy.json');
      const run = lint('--fix', '--region', 'eu-west-2', '--account', '123456789012', file);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(readFileSync(file, 'utf8'), template.replaceAll('YOUR_REGION_HERE', 'eu-west-2').replaceAll('YOUR_ACCOUNT_NUMBER_HERE', '123456789012'));
      assert.equal(
        run.stderr,
        `${file}: fixed 4: Use the default region "eu-west-2"; Use the default account ID "123456789012"; Use the default region "eu-west-2"; Use the default account ID "123456789012"\n`,
      );
      assert.equal(run.stdout, '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints\n');
    });

    it('fill only what is given: --region alone leaves the account placeholder', () => {
      const folder = folderWith({ 'policy.json': template });
      const file = join(folder, 'policy.json');
      assert.equal(lint('--fix', '--region', 'eu-west-2', file).status, 0);
      assert.equal(readFileSync(file, 'utf8'), template.replaceAll('YOUR_REGION_HERE', 'eu-west-2'));
    });

    it('are accepted by plain linting, which still reports the placeholders', () => {
      const run = lint('--format', 'json', '--region', 'eu-west-2', '--account', '123456789012', join('examples', 'wp-offload-ses-template.json'));
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(parseJsonReport(run.stdout)[0]?.diagnostics.map((d) => d.code), ['arn-placeholder', 'arn-placeholder', 'arn-placeholder', 'arn-placeholder']);
    });

    it('exit 2 for an account that is not 12 digits or a Region that does not exist, touching nothing', () => {
      const folder = folderWith({ 'policy.json': template });
      const file = join(folder, 'policy.json');
      const cases: [string[], RegExp][] = [
        [['--fix', '--account', '12345678901', file], /^Invalid --account "12345678901": an AWS account ID is 12 digits\./],
        [['--fix', '--region', 'eu-west-9', file], /^Unknown --region "eu-west-9": expected an AWS Region such as eu-west-2\./],
        [['--region', 'EU-WEST-2', file], /^Unknown --region "EU-WEST-2"/],
      ];
      for (const [args, message] of cases) {
        const run = lint(...args);
        assert.equal(run.status, 2, args.join(' '));
        assert.equal(run.stdout, '');
        assert.match(run.stderr, message);
      }
      assert.equal(readFileSync(file, 'utf8'), template);
    });
  });

  it('fixes a file whose name is as long as the file system allows', () => {
    // The temporary file --fix writes beside it has a short name of its own.
    const name = `${'p'.repeat(245)}.json`;
    const folder = folderWith({ [name]: merged });
    const file = join(folder, name);
    const run = lint('--fix', file);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /fixed 1: Move "ses:GetAccount" and "ses:ListEmailIdentities" to their own statement/);
    assert.equal(readFileSync(file, 'utf8'), readFixture('wp-offload-ses-merged.fixed.json'));
    assert.deepEqual(readdirSync(folder), [name]);
  });
});
