import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/repo';

/** iam-policy-lint --profile: the readiness table, its JSON form and the exit codes CI relies on. */
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const BASIC = join('examples', 'wp-offload-ses-basic.json');
const MERGED = join('examples', 'wp-offload-ses-merged.json');
const RESTRICTED = join('examples', 'wp-offload-ses-restricted.json');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReadiness {
  readonly file: string;
  readonly profile: string;
  readonly ready: boolean;
  readonly summary: string;
  readonly targets: readonly string[];
  readonly permissions: readonly { action: string; identity?: string; status: string; reason: string; why: string; resource: string; range?: { start: { line: number; character: number } } }[];
}

describe('iam-policy-lint --profile', () => {
  const temporary: string[] = [];
  after(() => {
    for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
  });

  it('prints the table for a ready policy and exits 0', () => {
    const result = run('--profile', 'wp-offload-ses', RESTRICTED);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), [
      `${RESTRICTED}: WP Offload SES: ready`,
      '  checked for arn:aws:ses:eu-west-2:123456789012:identity/example.com',
      '  ses:CreateEmailIdentity  granted      granted by statement "IdentityManagement"',
      '  ses:DeleteEmailIdentity  granted      granted by statement "IdentityManagement"',
      '  ses:SendRawEmail         granted      granted by statement "SendEmail"',
      '  ses:GetAccount           granted      granted by statement "AccountLevel"',
      '  ses:ListEmailIdentities  granted      granted by statement "AccountLevel"',
      '1 file checked: 1 ready, 0 not ready',
    ]);
    assert.equal(result.stderr, '');
  });

  it('names what is missing in the merged example, with why and where, and exits 1', () => {
    const result = run('--profile', 'wp-offload-ses', MERGED);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines[0], `${MERGED}: WP Offload SES: 2 of 5 permissions not granted`);
    const missing = lines.filter((line) => / missing /.test(line));
    assert.equal(missing.length, 2);
    assert.match(missing[0]!, /^ {2}ses:GetAccount {11}missing {6}account-level action in a scoped statement: statement "OffloadSes" scopes it to .* \(line 11, column 17\)$/);
    assert.match(missing[1]!, /^ {2}ses:ListEmailIdentities {2}missing {6}account-level action in a scoped statement: .* \(line 12, column 17\)$/);
    assert.equal(lines[lines.length - 1], '1 file checked: 0 ready, 1 not ready');
  });

  it('checks the identity, Region and account given on the command line', () => {
    const other = run('--profile', 'wp-offload-ses', '--identity', 'other.com', RESTRICTED);
    assert.equal(other.status, 1);
    assert.match(other.stdout, /checked for arn:aws:ses:eu-west-2:123456789012:identity\/other\.com/);
    assert.match(other.stdout, /ses:SendRawEmail +missing +not granted on "arn:aws:ses:eu-west-2:123456789012:identity\/other\.com": statement "SendEmail" grants it only on/);
    const same = run('--profile', 'wp-offload-ses', '--identity', 'example.com', '--region', 'eu-west-2', '--account', '123456789012', RESTRICTED, BASIC);
    assert.equal(same.status, 0, same.stdout);
  });

  it('prints JSON with a status, reason and 0-based range per permission', () => {
    const result = run('--profile', 'wp-offload-ses', '--format', 'json', BASIC, MERGED);
    assert.equal(result.status, 1);
    const reports = JSON.parse(result.stdout) as JsonReadiness[];
    assert.deepEqual(
      reports.map((r) => [r.file, r.ready, r.permissions.filter((p) => p.status !== 'granted').map((p) => `${p.action} ${p.status} ${p.reason}`)]),
      [
        [BASIC, true, []],
        [MERGED, false, ['ses:GetAccount missing account-level-in-scoped', 'ses:ListEmailIdentities missing account-level-in-scoped']],
      ],
    );
    assert.deepEqual(Object.keys(reports[1]!), ['file', 'profile', 'ready', 'summary', 'targets', 'permissions']);
    const getAccount = reports[1]!.permissions.find((p) => p.action === 'ses:GetAccount')!;
    assert.deepEqual(getAccount.range?.start, { line: 10, character: 16 });
    assert.equal(getAccount.resource, '*');
  });

  it('exits 0 when the only gaps are conditional grants', () => {
    const folder = mkdtempSync(join(tmpdir(), 'iam-policy-profile-'));
    temporary.push(folder);
    const file = join(folder, 'policy.json');
    writeFileSync(file, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}');
    const result = run('--profile', 'wp-offload-ses', file);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /WP Offload SES: 5 of 5 only under conditions/);
    assert.match(result.stdout, /ses:GetAccount +conditional +granted only if the Condition of statement 1 holds/);
  });

  it('exits 2 for an unknown profile, a malformed value, or flags that need --profile', () => {
    const cases: [string[], RegExp][] = [
      [['--profile', 'nope', BASIC], /^Unknown profile "nope"\. Profiles: wp-offload-ses; add your own with --profiles FILE\./],
      [['--profile', 'wp-offload-ses', '--account', '1234', BASIC], /^Invalid --account "1234"/],
      [['--profile', 'wp-offload-ses', '--region', 'eu-west-9', BASIC], /^Unknown --region "eu-west-9"/],
      [['--identity', 'example.com', BASIC], /^--identity and --profiles go with --profile\./],
      [['--profile', 'wp-offload-ses', '--identity', 'example.com', '--identity', 'bad name', BASIC], /^Invalid --identity "bad name"/],
      [['--profile', 'wp-offload-ses', '--format', 'sarif', BASIC], /^--format sarif does not go with --profile/],
      [['--profile', 'wp-offload-ses', '--fix', BASIC], /^--fix does not go with --profile/],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      assert.equal(result.status, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
    }
  });

  it('checks every identity given with a repeated --identity: one row per action and identity', () => {
    const result = run('--profile', 'wp-offload-ses', '--identity', 'example.com', '--identity', 'mail.example.org', RESTRICTED);
    assert.equal(result.status, 1, result.stderr);
    const identity = (name: string) => `arn:aws:ses:eu-west-2:123456789012:identity/${name}`;
    const notGranted = (sid: string, line: number) =>
      `not granted on "${identity('mail.example.org')}": statement "${sid}" grants it only on "${identity('example.com')}" (line ${line}, column 25)`;
    assert.deepEqual(result.stdout.trimEnd().split('\n'), [
      `${RESTRICTED}: WP Offload SES: 3 of 8 permissions not granted`,
      `  checked for ${identity('example.com')}, ${identity('mail.example.org')}`,
      '  ses:CreateEmailIdentity  example.com       granted      granted by statement "IdentityManagement"',
      `  ses:CreateEmailIdentity  mail.example.org  missing      ${notGranted('IdentityManagement', 11)}`,
      '  ses:DeleteEmailIdentity  example.com       granted      granted by statement "IdentityManagement"',
      `  ses:DeleteEmailIdentity  mail.example.org  missing      ${notGranted('IdentityManagement', 11)}`,
      '  ses:SendRawEmail         example.com       granted      granted by statement "SendEmail"',
      `  ses:SendRawEmail         mail.example.org  missing      ${notGranted('SendEmail', 17)}`,
      '  ses:GetAccount                             granted      granted by statement "AccountLevel"',
      '  ses:ListEmailIdentities                    granted      granted by statement "AccountLevel"',
      '1 file checked: 0 ready, 1 not ready',
    ]);
    const json = JSON.parse(run('--profile', 'wp-offload-ses', '--format', 'json', '--identity', 'example.com', '--identity', 'mail.example.org', BASIC).stdout) as JsonReadiness[];
    assert.deepEqual(
      json[0]!.permissions.map((p) => [p.action, p.identity, p.status]),
      [
        ['ses:CreateEmailIdentity', 'example.com', 'granted'],
        ['ses:CreateEmailIdentity', 'mail.example.org', 'granted'],
        ['ses:DeleteEmailIdentity', 'example.com', 'granted'],
        ['ses:DeleteEmailIdentity', 'mail.example.org', 'granted'],
        ['ses:SendRawEmail', 'example.com', 'granted'],
        ['ses:SendRawEmail', 'mail.example.org', 'granted'],
        ['ses:GetAccount', undefined, 'granted'],
        ['ses:ListEmailIdentities', undefined, 'granted'],
      ],
    );
  });

  it('reports a policy that does not parse as not checked, and exits 1', () => {
    const folder = mkdtempSync(join(tmpdir(), 'iam-policy-profile-'));
    temporary.push(folder);
    const file = join(folder, 'broken.json');
    writeFileSync(file, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",');
    const result = run('--profile', 'wp-offload-ses', file);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), [
      `${file}: WP Offload SES: not checked (the file is not a well-formed JSON policy)`,
      '1 file checked: 0 ready, 1 not ready',
    ]);
    const json = JSON.parse(run('--profile', 'wp-offload-ses', '--format', 'json', file).stdout) as (JsonReadiness & { error: string })[];
    assert.deepEqual(json.map((r) => [r.ready, r.summary, r.error, r.permissions.length]), [[false, 'WP Offload SES: not checked', 'the file is not a well-formed JSON policy', 0]]);
  });

  it('exits 2 for a path that does not exist, and for a file it cannot read', () => {
    const folder = mkdtempSync(join(tmpdir(), 'iam-policy-profile-'));
    temporary.push(folder);
    const missing = join(folder, 'no-such-policy.json');
    const gone = run('--profile', 'wp-offload-ses', missing);
    assert.equal(gone.status, 2);
    assert.equal(gone.stdout, '');
    assert.match(gone.stderr, /^iam-policy-lint: ENOENT: no such file or directory/);
    assert.ok(gone.stderr.includes(missing), gone.stderr);
    // Two links pointing at each other cannot be opened, whoever runs the test (root reads any mode).
    const loop = join(folder, 'loop.json');
    symlinkSync(join(folder, 'other.json'), loop);
    symlinkSync(loop, join(folder, 'other.json'));
    const result = run('--profile', 'wp-offload-ses', loop);
    assert.equal(result.status, 2, result.stdout);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^iam-policy-lint: ELOOP: too many (levels of )?symbolic links/);
  });

  describe('with --profiles FILE', () => {
    const MAILER = {
      mailer: {
        title: 'Mailer',
        actions: [{ action: 'ses:SendRawEmail', resources: ['arn:aws:ses:${Region}:${Account}:identity/${Identity}'] }, 'ses:GetAccount'],
      },
    };
    function file(name: string, text: string): string {
      const folder = mkdtempSync(join(tmpdir(), 'iam-policy-profiles-'));
      temporary.push(folder);
      writeFileSync(join(folder, name), text);
      return join(folder, name);
    }

    it('checks a user profile from a JSON file of the iamPolicy.profiles shape', () => {
      const profiles = file('profiles.json', JSON.stringify(MAILER));
      const ready = run('--profile', 'mailer', '--profiles', profiles, RESTRICTED);
      assert.equal(ready.status, 0, ready.stderr);
      assert.deepEqual(ready.stdout.trimEnd().split('\n'), [
        `${RESTRICTED}: Mailer: ready`,
        '  checked for arn:aws:ses:eu-west-2:123456789012:identity/example.com',
        '  ses:SendRawEmail  granted      granted by statement "SendEmail"',
        '  ses:GetAccount    granted      granted by statement "AccountLevel"',
        '1 file checked: 1 ready, 0 not ready',
      ]);
    });

    it('reads the profiles of a VS Code settings file, comments and trailing commas included', () => {
      const settings = file('settings.json', `{\n  // team settings\n  "editor.tabSize": 4,\n  "iamPolicy.profiles": ${JSON.stringify(MAILER)},\n}\n`);
      const result = run('--profile', 'mailer', '--profiles', settings, MERGED);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, /Mailer: 1 of 2 permissions not granted/);
      assert.match(result.stdout, /ses:GetAccount +missing +account-level action in a scoped statement/);
      // The built-in profile stays available next to the user's.
      assert.equal(run('--profile', 'wp-offload-ses', '--profiles', settings, RESTRICTED).status, 0);
    });

    it('exits 2 for a file that cannot be read or is not a JSON object', () => {
      const cases: [string, RegExp][] = [
        [join(tmpdir(), 'no-such-profiles.json'), /cannot read --profiles/],
        [file('broken.json', '{"mailer": '), /is not valid JSON \(ValueExpected on line 1\)/],
        [file('list.json', '[]'), /must hold a JSON object of profiles/],
      ];
      for (const [profiles, message] of cases) {
        const result = run('--profile', 'mailer', '--profiles', profiles, BASIC);
        assert.equal(result.status, 2, profiles);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, message);
      }
    });
  });
});
