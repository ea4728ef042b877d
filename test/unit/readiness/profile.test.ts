import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/service/codeActions';
import { checkReadiness, type ReadinessReport } from '../../../server/src/service/readiness/check';
import { findProfile, normalizeProfiles, profilesFor, WP_OFFLOAD_SES, type ProfileValues } from '../../../server/src/service/readiness/profiles';
import { DEFAULT_SETTINGS } from '../../../server/src/service/settings';
import { example, policy, service, settingsWith } from '../service';

/** The WP Offload SES profile on the shipped examples and on the policies people actually write. */
const PROFILE = findProfile(DEFAULT_SETTINGS.profiles, WP_OFFLOAD_SES)!;
const EXAMPLE = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';

function check(text: string, values?: ProfileValues): ReadinessReport {
  return checkReadiness(service.parse(text), PROFILE, service.knowledge, values ? { values } : {});
}

/** action -> status (reason kind) for every permission that is not granted. */
function gaps(report: ReadinessReport): Record<string, string> {
  return Object.fromEntries(report.results.filter((r) => r.status !== 'granted').map((r) => [r.permission.action, `${r.status} (${r.evaluation.reason.kind})`]));
}

describe('readiness: the WP Offload SES profile', () => {
  it('finds the vendor basic policy ready, for any identity', () => {
    const report = check(example('wp-offload-ses-basic.json'));
    assert.equal(report.summary, 'WP Offload SES: ready');
    assert.deepEqual(report.targets, ['arn:aws:ses:*:*:identity/*']);
  });

  it('finds the vendor restricted policy ready, for the identity it names', () => {
    const report = check(example('wp-offload-ses-restricted.json'));
    assert.equal(report.ready, true);
    assert.deepEqual(report.targets, [EXAMPLE]);
  });

  it('finds the merged policy not ready: the two account-level actions are missing', () => {
    const report = check(example('wp-offload-ses-merged.json'));
    assert.equal(report.summary, 'WP Offload SES: 2 of 5 permissions not granted');
    assert.deepEqual(gaps(report), {
      'ses:GetAccount': 'missing (account-level-in-scoped)',
      'ses:ListEmailIdentities': 'missing (account-level-in-scoped)',
    });
    const why = report.results.find((r) => r.permission.action === 'ses:GetAccount')!.why;
    assert.ok(why.startsWith('account-level action in a scoped statement: statement "OffloadSes" scopes it to'), why);
  });

  it('finds the vendor template not ready while its placeholders are in', () => {
    const report = check(example('wp-offload-ses-template.json'));
    assert.deepEqual(Object.values(gaps(report)), ['missing (granted-only-for)', 'missing (granted-only-for)', 'missing (granted-only-for)']);
  });

  it('checks the identity, Region and account the user names', () => {
    const restricted = example('wp-offload-ses-restricted.json');
    assert.equal(check(restricted, { Identity: 'example.com', Region: 'eu-west-2', Account: '123456789012' }).ready, true);
    assert.deepEqual(Object.values(gaps(check(restricted, { Identity: 'other.com' }))), ['missing (other-resource)', 'missing (other-resource)', 'missing (other-resource)']);
    const otherRegion = check(restricted, { Region: 'us-east-1' });
    assert.deepEqual(otherRegion.targets, ['arn:aws:ses:us-east-1:123456789012:identity/example.com']);
    assert.equal(otherRegion.missing, 3);
    assert.equal(check(example('wp-offload-ses-basic.json'), { Identity: 'example.com', Region: 'cn-north-1' }).targets[0], 'arn:aws-cn:ses:cn-north-1:*:identity/example.com');
  });

  it('checks every identity the policy grants on, so sending from another one than it manages is caught', () => {
    const text = policy(
      [
        `{"Effect":"Allow","Action":["ses:CreateEmailIdentity","ses:DeleteEmailIdentity"],"Resource":"${EXAMPLE}"}`,
        '{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:ses:eu-west-2:123456789012:identity/example.org"}',
        '{"Effect":"Allow","Action":["ses:GetAccount","ses:ListEmailIdentities"],"Resource":"*"}',
      ].join(','),
    );
    const report = check(text);
    assert.equal(report.targets.length, 2);
    assert.deepEqual(gaps(report), {
      'ses:CreateEmailIdentity': 'missing (other-resource)',
      'ses:DeleteEmailIdentity': 'missing (other-resource)',
      'ses:SendRawEmail': 'missing (other-resource)',
    });
  });

  it('reports a Deny, a Condition and a typo with their own reasons', () => {
    const text = policy(
      [
        '{"Effect":"Allow","Action":["ses:CreateEmailIdentity","ses:DeleteEmailIdentity","ses:SendRawEmial"],"Resource":"*"}',
        '{"Effect":"Allow","Action":"ses:GetAccount","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}',
        '{"Sid":"NoList","Effect":"Deny","Action":"ses:List*","Resource":"*"}',
        '{"Effect":"Allow","Action":"ses:ListEmailIdentities","Resource":"*"}',
      ].join(','),
    );
    const report = check(text);
    assert.deepEqual(gaps(report), {
      'ses:SendRawEmail': 'missing (misspelled)',
      'ses:GetAccount': 'conditional (allowed-if-condition)',
      'ses:ListEmailIdentities': 'missing (denied)',
    });
    assert.equal(report.summary, 'WP Offload SES: 2 of 5 permissions not granted, 1 of 5 only under conditions');
  });
});

describe('readiness: which profiles apply', () => {
  const ses = example('wp-offload-ses-merged.json');
  const s3 = policy('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}');
  const applied = (text: string, path: string, raw?: unknown) =>
    profilesFor(service.parse(text), path, raw === undefined ? DEFAULT_SETTINGS.profiles : normalizeProfiles(raw)).map((a) => `${a.profile.name}${a.selected ? ' (selected)' : ''}`);

  it('offers the built-in profile for policies that use SES actions, and only those', () => {
    assert.deepEqual(applied(ses, '/w/policy.json'), ['wp-offload-ses']);
    assert.deepEqual(applied(s3, '/w/policy.json'), []);
  });

  it('selects a profile by its files globs, and a disabled one not at all', () => {
    assert.deepEqual(applied(s3, '/w/wordpress/ses.iam.json', { 'wp-offload-ses': { files: ['**/wordpress/*.json'] } }), ['wp-offload-ses (selected)']);
    assert.deepEqual(applied(ses, '/w/policy.json', { 'wp-offload-ses': { enabled: false } }), []);
  });

  it('reads user profiles and drops malformed entries', () => {
    const profiles = normalizeProfiles({
      'my-app': { title: 'My app', files: ['app/*.json'], actions: ['s3:GetObject', { action: 's3:ListBucket', resources: ['arn:aws:s3:::bucket'] }, { action: 'bad' }, 3] },
      empty: { actions: [] },
      broken: 'yes',
      'wp-offload-ses': { identity: ' example.com ', region: 'eu-west-2' },
    });
    assert.deepEqual(profiles.map((p) => p.name), ['wp-offload-ses', 'my-app']);
    assert.deepEqual(profiles[0]!.values, { Identity: 'example.com', Region: 'eu-west-2' });
    assert.deepEqual(profiles[1]!.permissions, [
      { action: 's3:GetObject', resources: [], sid: 'MyApp' },
      { action: 's3:ListBucket', resources: ['arn:aws:s3:::bucket'], sid: 'MyApp' },
    ]);
  });

  it('falls back to the built-in profiles when the setting is not an object', () => {
    for (const raw of ['nope', [1, 2], null]) assert.deepEqual(settingsWith({ profiles: raw }).profiles.map((p) => p.name), ['wp-offload-ses']);
  });

  it('checks a user profile with concrete resources', () => {
    const settings = settingsWith({ profiles: { app: { files: ['**'], actions: [{ action: 's3:GetObject', resources: ['arn:aws:s3:::bucket/uploads/*'] }] } } });
    const document = service.parse(s3);
    assert.deepEqual(service.getReadiness(document, '/w/policy.json', settings).map((r) => r.report.summary), ['app: ready']);
  });
});

describe('readiness: diagnostics and code lenses', () => {
  const merged = example('wp-offload-ses-merged.json');
  const selected = settingsWith({ profiles: { 'wp-offload-ses': { files: ['**/*.json'] } } });

  it('reports each missing permission where the statement names it, when the profile is selected', () => {
    const diagnostics = service.doValidation(service.parse(merged), selected, '/w/policy.json').filter((d) => d.code.startsWith('profile-'));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, merged.slice(d.range.start, d.range.end)]),
      [
        ['profile-permission-missing', 'warning', '"ses:GetAccount"'],
        ['profile-permission-missing', 'warning', '"ses:ListEmailIdentities"'],
      ],
    );
    assert.match(diagnostics[0]!.message, /^WP Offload SES needs "ses:GetAccount": account-level action in a scoped statement: /);
    assert.deepEqual(diagnostics[0]!.data, { profile: 'wp-offload-ses', actions: ['ses:GetAccount'], reason: 'account-level-in-scoped', statementIndex: 0 });
  });

  it('gives no profile diagnostics to a file the profile is only offered for, nor without a path', () => {
    assert.deepEqual(service.doValidation(service.parse(merged), DEFAULT_SETTINGS, '/w/policy.json').map((d) => d.code), ['account-action-in-scoped-statement', 'account-action-in-scoped-statement']);
    assert.equal(service.doValidation(service.parse(merged), selected).length, 2);
  });

  it('reports a conditional grant as information, and obeys iamPolicy.rules', () => {
    const text = policy('{"Effect":"Allow","Action":["ses:*"],"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}');
    const codes = (settings = selected) => service.doValidation(service.parse(text), settings, '/w/policy.json').map((d) => `${d.code}:${d.severity}`);
    assert.deepEqual(new Set(codes()), new Set(['profile-permission-conditional:information']));
    assert.equal(codes().length, 5);
    assert.deepEqual(codes(settingsWith({ ...selected, rules: { 'profile-permission-conditional': 'off' } })), []);
  });

  it('puts a summary lens above the policy, and the fix lens when something can be added', () => {
    const lenses = (text: string) => service.getCodeLenses(service.parse(text), '/w/policy.json', DEFAULT_SETTINGS).map((l) => `${l.command}: ${l.title}`);
    assert.deepEqual(lenses(merged), ['details: WP Offload SES: 2 of 5 permissions not granted', 'fix: Add the missing permissions']);
    assert.deepEqual(lenses(example('wp-offload-ses-basic.json')), ['details: WP Offload SES: ready']);
    assert.deepEqual(lenses('{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'), []);
  });
});

describe('readiness: a user profile action without resources', () => {
  const settings = settingsWith({ profiles: { app: { files: ['**'], actions: ['s3:GetObject', 's3:ListAllMyBuckets'] } } });
  const report = (statements: string) => service.getReadiness(service.parse(policy(statements)), '/w/policy.json', settings)[0]!.report;
  const rows = (statements: string) => report(statements).results.map((r) => [r.permission.action, r.status, r.scope, r.resource, r.why]);

  it('is granted on some resource of its types when the action has resource types (s3:GetObject on a bucket\'s objects)', () => {
    assert.deepEqual(rows('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"},{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}'), [
      ['s3:GetObject', 'granted', 'any-of-types', 'arn:aws:s3:::bucket/*', 'granted by statement 1 on "arn:aws:s3:::bucket/*", a resource s3:GetObject applies to; the profile names no resources, so one is enough'],
      ['s3:ListAllMyBuckets', 'granted', 'account', '*', 'granted by statement 2'],
    ]);
  });

  it('says when a "*" grant covers every resource the action applies to', () => {
    assert.equal(
      report('{"Effect":"Allow","Action":"s3:*","Resource":"*"}').results[0]!.why,
      'granted by statement 1 on every resource s3:GetObject applies to (accesspointobject, object); the profile names no resources, so one is enough',
    );
  });

  it('is still requested on "*" when the catalog lists no resource type for it (account level)', () => {
    const scoped = report('{"Effect":"Allow","Action":["s3:GetObject","s3:ListAllMyBuckets"],"Resource":"arn:aws:s3:::bucket/*"}');
    assert.deepEqual(scoped.results.map((r) => `${r.permission.action} ${r.status} (${r.evaluation.reason.kind}) ${r.unmet.join(',')}`), [
      's3:GetObject granted (allowed) ',
      's3:ListAllMyBuckets missing (account-level-in-scoped) *',
    ]);
  });

  it('is missing when granted only on a resource of another type, naming the types it needs', () => {
    const [getObject] = report('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket"}').results;
    assert.equal(getObject!.status, 'missing');
    assert.equal(
      getObject!.why,
      'not granted on "arn:*:s3:*:*:accesspoint/*/object/*" or "arn:*:s3:::*/*": statement 1 grants it only on "arn:aws:s3:::bucket"; the profile names no resources, so any resource s3:GetObject applies to (accesspointobject, object) would do',
    );
    assert.deepEqual(getObject!.unmet, []);
  });

  it('is conditional when the only grant has a Condition, and denied when a Deny takes the grant back', () => {
    const conditional = report('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}');
    assert.equal(`${conditional.results[0]!.status} ${conditional.results[0]!.evaluation.reason.kind}`, 'conditional allowed-if-condition');
    const denied = report('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"},{"Sid":"NoBucket","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::bucket/*"}');
    assert.equal(`${denied.results[0]!.status} ${denied.results[0]!.evaluation.reason.kind} ${denied.results[0]!.evaluation.reason.statement?.sid}`, 'missing denied NoBucket');
  });

  it('gets no fix that would widen it to "*", and its diagnostic says so', () => {
    const text = policy('{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bucket"}');
    const only = settingsWith({ profiles: { 'wp-offload-ses': { enabled: false }, app: { files: ['**'], actions: ['s3:GetObject'] } } });
    const document = service.parse(text);
    const diagnostics = service.doValidation(document, only, '/w/policy.json');
    assert.deepEqual(diagnostics.map((d) => [d.code, text.slice(d.range.start, d.range.end)]), [['profile-permission-missing', '"Action"']]);
    assert.equal(
      diagnostics[0]!.message,
      'app needs "s3:GetObject": not mentioned in any statement; the profile names no resources, so any resource s3:GetObject applies to (accesspointobject, object) would do. No quick fix adds it: the profile names no resources for it, and "*" would grant more than it needs; list its "resources" in the profile, or grant it on the resources the application uses.',
    );
    assert.deepEqual(service.getCodeActions(document, diagnostics, only).map((a) => a.title), []);
    assert.deepEqual(service.getCodeLenses(document, '/w/policy.json', only).map((l) => `${l.command}: ${l.title}`), ['details: app: 1 of 1 permission not granted']);
  });

  it('still gets the fix for its account-level actions, on "*" only', () => {
    const text = policy('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}');
    const only = settingsWith({ profiles: { 'wp-offload-ses': { enabled: false }, app: { files: ['**'], actions: ['s3:GetObject', 's3:ListAllMyBuckets'] } } });
    const document = service.parse(text);
    const [fix] = service.getCodeActions(document, service.doValidation(document, only, '/w/policy.json'), only);
    assert.equal(fix?.title, 'Add the missing permissions');
    assert.equal(
      applyEdits(text, fix!.edits),
      policy('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"},{"Sid":"App","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}'),
    );
  });
});

describe('readiness: several identities', () => {
  const restricted = example('wp-offload-ses-restricted.json');
  const rows = (report: ReadinessReport) => report.results.map((r) => `${r.permission.action}${r.identity ? ` @${r.identity}` : ''}: ${r.status}`);

  it('reads identity as a string or a list of strings in the setting', () => {
    const [builtIn] = normalizeProfiles({ 'wp-offload-ses': { identity: [' example.com ', 'mail.example.org', 'example.com', 3, ''] } });
    assert.deepEqual(builtIn!.values, { Identity: ['example.com', 'mail.example.org'] });
  });

  it('checks each identity action for each identity, one result per action and identity', () => {
    const report = check(restricted, { Identity: ['example.com', 'mail.example.org'] });
    assert.deepEqual(rows(report), [
      'ses:CreateEmailIdentity @example.com: granted',
      'ses:CreateEmailIdentity @mail.example.org: missing',
      'ses:DeleteEmailIdentity @example.com: granted',
      'ses:DeleteEmailIdentity @mail.example.org: missing',
      'ses:SendRawEmail @example.com: granted',
      'ses:SendRawEmail @mail.example.org: missing',
      'ses:GetAccount: granted',
      'ses:ListEmailIdentities: granted',
    ]);
    assert.deepEqual(report.targets, ['arn:aws:ses:eu-west-2:123456789012:identity/example.com', 'arn:aws:ses:eu-west-2:123456789012:identity/mail.example.org']);
    assert.equal(report.summary, 'WP Offload SES: 3 of 8 permissions not granted');
    assert.equal(
      report.results[1]!.why,
      'not granted on "arn:aws:ses:eu-west-2:123456789012:identity/mail.example.org": statement "IdentityManagement" grants it only on "arn:aws:ses:eu-west-2:123456789012:identity/example.com"',
    );
  });

  it('is ready when a wildcard covers every named identity', () => {
    const report = check(example('wp-offload-ses-basic.json'), { Identity: ['example.com', 'mail.example.org'] });
    assert.equal(report.summary, 'WP Offload SES: ready');
    assert.equal(report.results.length, 8);
  });

  it('fixes each identity: the quick fix adds the second identity and the policy is then ready', () => {
    const settings = settingsWith({ profiles: { 'wp-offload-ses': { files: ['**'], identity: ['example.com', 'mail.example.org'] } } });
    const document = service.parse(restricted);
    const [fix] = service.getCodeActions(document, service.doValidation(document, settings, '/w/policy.json'), settings).filter((a) => a.title === 'Add the missing permissions');
    const fixed = applyEdits(restricted, fix!.edits);
    assert.deepEqual(service.getReadiness(service.parse(fixed), '/w/policy.json', settings).map((r) => r.report.summary), ['WP Offload SES: ready']);
    const statements = (JSON.parse(fixed) as { Statement: { Sid: string; Action: string | string[]; Resource: string }[] }).Statement;
    assert.deepEqual(statements.map((s) => [s.Sid, s.Action, s.Resource]).slice(3), [
      ['IdentityManagement2', ['ses:CreateEmailIdentity', 'ses:DeleteEmailIdentity'], 'arn:aws:ses:eu-west-2:123456789012:identity/mail.example.org'],
      ['SendEmail2', 'ses:SendRawEmail', 'arn:aws:ses:eu-west-2:123456789012:identity/mail.example.org'],
    ]);
  });
});
