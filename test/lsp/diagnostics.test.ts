import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentSyncKind } from 'vscode-languageserver-protocol/node';
import { LspTestClient, PUSH_CAPABILITIES } from '../support/lspClient';
import { readExample } from '../support/repo';
import { rangeOf, seen } from '../support/text';

/** The language server as an editor sees it: a child process over stdio, push diagnostics. */
const MERGED = readExample('wp-offload-ses-merged.json');
const BASIC = readExample('wp-offload-ses-basic.json');
const ACCOUNT_ACTION = 'account-action-in-scoped-statement';
const MERGED_WARNINGS = [
  { code: ACCOUNT_ACTION, severity: 2, text: '"ses:GetAccount"' },
  { code: ACCOUNT_ACTION, severity: 2, text: '"ses:ListEmailIdentities"' },
];
const DEEP = `{"Version":"2012-10-17","Statement":${'['.repeat(100_000)}}`;

describe('server over stdio: cold start', () => {
  let client: LspTestClient | undefined;
  after(() => client?.stop());

  it('publishes the merged example first, and reports how long that took', async () => {
    client = await LspTestClient.start();
    const initialized = performance.now();
    assert.equal(client.initializeResult?.capabilities.textDocumentSync, TextDocumentSyncKind.Incremental);
    const uri = 'file:///w/wp-offload-ses-merged.json';
    client.open(uri, MERGED);
    const published = await client.waitForDiagnostics(uri);
    const done = performance.now();
    console.log(
      `      cold start: spawn -> initialize result ${(initialized - client.spawnedAt).toFixed(0)} ms, ` +
        `spawn -> first publishDiagnostics ${(done - client.spawnedAt).toFixed(0)} ms`,
    );
    assert.deepEqual(seen(client.document(uri), published.diagnostics), MERGED_WARNINGS);
  });
});

describe('server over stdio: diagnostics', () => {
  let client: LspTestClient;
  before(async () => (client = await LspTestClient.start()));
  after(() => client?.stop());

  it('warns on the two account-level actions of the merged example, for the opened version', async () => {
    const uri = 'file:///w/merged/wp-offload-ses-merged.json';
    const document = client.open(uri, MERGED, 7);
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.version, 7);
    assert.deepEqual(seen(document, published.diagnostics), MERGED_WARNINGS);
    assert.deepEqual(
      published.diagnostics.map((d) => d.source),
      ['iam-policy', 'iam-policy'],
    );
    assert.deepEqual(published.diagnostics[0]?.data, {
      statementIndex: 0,
      actions: ['ses:GetAccount'],
      resources: ['arn:aws:ses:eu-west-2:123456789012:identity/example.com'],
    });
    assert.match(String(published.diagnostics[0]?.message), /"ses:GetAccount" supports no resource-level permissions/);
  });

  it('publishes an empty list for the basic example', async () => {
    const uri = 'file:///w/wp-offload-ses-basic.json';
    client.open(uri, BASIC, 3);
    assert.deepEqual(await client.waitForDiagnostics(uri), { uri, version: 3, diagnostics: [] });
  });

  it('leaves JSON that is not a policy alone', async () => {
    const uri = 'file:///w/package.json';
    client.open(uri, '{"name":"x"}');
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
  });

  it('checks an empty file named like a policy once it is typed into', async () => {
    const uri = 'file:///w/my-policy.json';
    client.open(uri, '');
    const empty = await client.waitForVersion(uri, 1);
    assert.deepEqual(seen(client.document(uri), empty.diagnostics), [], 'a new, empty file is not an error yet');

    client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '{' }]);
    const version = client.change(uri, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '}' }]);
    const typed = await client.waitForVersion(uri, version);
    assert.equal(client.document(uri).getText(), '{}');
    assert.deepEqual(seen(client.document(uri), typed.diagnostics), [
      { code: 'missing-version', severity: 2, text: '{' },
      { code: 'missing-statement', severity: 1, text: '{' },
    ]);
  });

  it('gives the same diagnostics after incremental edits as for a fresh open of the final text', async () => {
    const uri = 'file:///w/edited-policy.json';
    let document = client.open(uri, MERGED);
    await client.waitForVersion(uri, 1);
    // A typo'd action after SendRawEmail, then the Sid removed and the Resource and Version changed in one event.
    client.change(uri, [{ range: rangeOf(document, '"ses:SendRawEmail",\n'), text: '"ses:SendRawEmail",\n                "ses:SendRawEmial",\n' }]);
    document = client.document(uri);
    client.change(uri, [{ range: rangeOf(document, '            "Sid": "OffloadSes",\n'), text: '' }]);
    document = client.document(uri);
    const version = client.change(uri, [
      { range: rangeOf(document, 'identity/example.com'), text: 'identity/*' },
      { range: rangeOf(document, '"2012-10-17"'), text: '"2008-10-17"' },
    ]);
    const expectedText = MERGED.replace('"ses:SendRawEmail",\n', '"ses:SendRawEmail",\n                "ses:SendRawEmial",\n')
      .replace('            "Sid": "OffloadSes",\n', '')
      .replace('identity/example.com', 'identity/*')
      .replace('"2012-10-17"', '"2008-10-17"');
    assert.equal(client.document(uri).getText(), expectedText);

    const edited = await client.waitForVersion(uri, version);
    const freshUri = 'file:///w/fresh-policy.json';
    client.open(freshUri, expectedText);
    const fresh = await client.waitForDiagnostics(freshUri);
    assert.deepEqual(edited.diagnostics, fresh.diagnostics);
    assert.deepEqual(
      seen(TextDocument.create(freshUri, 'json', 1, expectedText), fresh.diagnostics).map((d) => [d.code, d.text]),
      [
        ['unknown-action', '"ses:SendRawEmial"'],
        [ACCOUNT_ACTION, '"ses:GetAccount"'],
        [ACCOUNT_ACTION, '"ses:ListEmailIdentities"'],
      ],
    );
  });

  /** Types `"ses:SendRawEmial", ` before "ses:GetAccount" one character per didChange; returns the versions sent. */
  function typeTwentyCharacters(uri: string): number[] {
    const typed = '"ses:SendRawEmial", ';
    const at = client.document(uri).offsetAt(rangeOf(client.document(uri), '"ses:GetAccount"').start);
    const sent = [client.document(uri).version];
    for (let i = 0; i < typed.length; i++) {
      const position = client.document(uri).positionAt(at + i);
      sent.push(client.change(uri, [{ range: { start: position, end: position }, text: typed.charAt(i) }]));
    }
    return sent;
  }
  const TYPED_WARNINGS = [{ code: 'unknown-action', severity: 1, text: '"ses:SendRawEmial"' }, ...MERGED_WARNINGS];

  it('publishes only versions it was sent, ending with the last, during fast typing', async () => {
    const uri = 'file:///w/typing-policy.json';
    client.open(uri, MERGED);
    const sent = typeTwentyCharacters(uri);
    assert.deepEqual(sent, Array.from({ length: 21 }, (_, i) => i + 1));
    const last = await client.waitForVersion(uri, 21);
    const versions = client.published(uri).map((p) => p.version);
    assert.ok(versions.every((v) => v !== undefined && sent.includes(v)), `published versions ${versions.join(', ')}`);
    assert.deepEqual([...versions].sort((a, b) => a! - b!), versions, `versions go backwards: ${versions.join(', ')}`);
    assert.equal(versions[versions.length - 1], 21);
    // Diagnostics computed on a newer text but labelled with an older version would cover shifted text.
    for (const { version, diagnostics } of client.published(uri)) {
      const covered = seen(client.document(uri, version), diagnostics).filter((d) => d.code === ACCOUNT_ACTION);
      assert.ok(covered.every((d) => d.text === '"ses:GetAccount"' || d.text === '"ses:ListEmailIdentities"'), `version ${version}`);
    }
    assert.deepEqual(seen(client.document(uri), last.diagnostics), TYPED_WARNINGS);
  });

  it('drops a validation whose version was replaced while it waited for settings', async () => {
    const uri = 'file:///w/slow-client-policy.json';
    const release = client.holdConfiguration();
    try {
      const asked = client.waitForConfigurationRequest();
      client.open(uri, MERGED);
      await asked; // version 1 is now being validated, waiting for its settings
      typeTwentyCharacters(uri);
    } finally {
      release();
    }
    const last = await client.waitForVersion(uri, 21);
    assert.deepEqual(
      client.published(uri).map((p) => p.version),
      [21],
    );
    assert.deepEqual(seen(client.document(uri), last.diagnostics), TYPED_WARNINGS);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///w/closing-policy.json';
    client.open(uri, MERGED);
    assert.equal((await client.waitForVersion(uri, 1)).diagnostics.length, 2);
    client.close(uri);
    assert.deepEqual(await client.waitForDiagnostics(uri), { uri, diagnostics: [] });
  });

  it('reports broken JSON as json-syntax errors and keeps serving other documents', async () => {
    const uri = 'file:///w/broken.json';
    const broken = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",, "Action": "ses:SendRawEmail" "Resource": "*"}]}';
    const document = client.open(uri, broken);
    const published = await client.waitForDiagnostics(uri);
    assert.deepEqual(seen(document, published.diagnostics), [
      { code: 'json-syntax', severity: 1, text: ',' },
      { code: 'json-syntax', severity: 1, text: ',' },
      { code: 'json-syntax', severity: 1, text: '"Resource"' },
    ]);
    const next = 'file:///w/after-broken/wp-offload-ses-merged.json';
    client.open(next, MERGED);
    assert.deepEqual(seen(client.document(next), (await client.waitForDiagnostics(next)).diagnostics), MERGED_WARNINGS);
  });

  it('reports one json-too-deep for 100000 nested arrays in a Statement and survives', async () => {
    const uri = 'file:///w/deep.json';
    const document = client.open(uri, DEEP);
    const published = await client.waitForDiagnostics(uri);
    assert.deepEqual(seen(document, published.diagnostics), [{ code: 'json-too-deep', severity: 1, text: '[' }]);
    // The 65th opening bracket (the root object is the first level) is where the limit is hit.
    assert.equal(document.offsetAt(published.diagnostics[0]!.range.start), DEEP.indexOf('[') + 63);
    const next = 'file:///w/after-deep/wp-offload-ses-merged.json';
    client.open(next, MERGED);
    assert.deepEqual(seen(client.document(next), (await client.waitForDiagnostics(next)).diagnostics), MERGED_WARNINGS);
  });
});

describe('server over stdio: settings pulled with workspace/configuration', () => {
  let client: LspTestClient;
  const uri = 'file:///w/settings/wp-offload-ses-merged.json';
  before(async () => {
    client = await LspTestClient.start();
    client.open(uri, MERGED, 4);
    await client.waitForVersion(uri, 4);
  });
  after(() => client?.stop());

  it('asks for the iamPolicy section of the document and registers for configuration changes', () => {
    assert.deepEqual(client.configurationRequests, [{ items: [{ scopeUri: uri, section: 'iamPolicy' }] }]);
    assert.deepEqual(
      client.registrations.map((r) => r.method),
      ['workspace/didChangeConfiguration'],
    );
  });

  it('applies a rule severity after didChangeConfiguration', async () => {
    client.settings = { rules: { [ACCOUNT_ACTION]: 'error' } };
    client.changeConfiguration();
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.version, 4);
    assert.deepEqual(
      seen(client.document(uri), published.diagnostics),
      MERGED_WARNINGS.map((w) => ({ ...w, severity: 1 })),
    );
  });

  it('publishes nothing when disabled, and the warnings again when re-enabled', async () => {
    client.settings = { enable: false };
    client.changeConfiguration();
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
    client.settings = {};
    client.changeConfiguration();
    assert.deepEqual(seen(client.document(uri), (await client.waitForDiagnostics(uri)).diagnostics), MERGED_WARNINGS);
  });
});

describe('server over stdio: settings pushed by the client', () => {
  let client: LspTestClient;
  before(
    async () =>
      (client = await LspTestClient.start({
        capabilities: PUSH_CAPABILITIES,
        initializationOptions: { settings: { rules: { [ACCOUNT_ACTION]: 'off' } } },
      })),
  );
  after(() => client?.stop());

  it('takes initializationOptions.settings, then a didChangeConfiguration payload, without asking', async () => {
    const uri = 'file:///w/pushed/wp-offload-ses-merged.json';
    client.open(uri, MERGED);
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);

    client.changeConfiguration({ iamPolicy: { rules: { [ACCOUNT_ACTION]: 'hint' } } });
    const published = await client.waitForDiagnostics(uri);
    assert.deepEqual(
      seen(client.document(uri), published.diagnostics),
      MERGED_WARNINGS.map((w) => ({ ...w, severity: 4 })),
    );
    assert.deepEqual(client.configurationRequests, []);
  });
});
