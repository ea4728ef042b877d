import * as assert from 'node:assert/strict';
import type { CodeAction, CodeLens } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient, PULL_CAPABILITIES } from '../support/lspClient';
import { readExample } from '../support/repo';

/** The readiness check as an LSP editor sees it: code lenses, server commands, diagnostics and the fix. */
const MERGED = readExample('wp-offload-ses-merged.json');
const BASIC = readExample('wp-offload-ses-basic.json');
const DETAILS = 'iamPolicy.readiness.showDetails';
const ADD = 'iamPolicy.readiness.addMissingPermissions';

function lensesOf(client: LspTestClient, uri: string): Promise<CodeLens[] | null> {
  return client.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } });
}

describe('server over stdio: readiness code lenses', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: { ...PULL_CAPABILITIES, workspace: { ...PULL_CAPABILITIES.workspace, applyEdit: true } } });
  });
  after(() => client.stop());

  it('announces the lens provider and its two server-side commands', () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.deepEqual(capabilities?.codeLensProvider, { resolveProvider: false });
    assert.deepEqual(capabilities?.executeCommandProvider?.commands, [DETAILS, ADD]);
  });

  it('puts the summary and the fix above the merged example', async () => {
    const uri = 'file:///w/lens/merged-policy.json';
    client.open(uri, MERGED);
    const lenses = (await lensesOf(client, uri)) ?? [];
    assert.deepEqual(
      lenses.map((l) => [l.range.start, l.command?.title, l.command?.command, l.command?.arguments]),
      [
        [{ line: 0, character: 0 }, 'WP Offload SES: 2 of 5 permissions not granted', DETAILS, [uri, 'wp-offload-ses']],
        [{ line: 0, character: 0 }, 'Add the missing permissions', ADD, [uri, 'wp-offload-ses']],
      ],
    );
  });

  it('says ready for the basic example, and runs the details command', async () => {
    const uri = 'file:///w/lens/basic-policy.json';
    client.open(uri, BASIC);
    const lenses = (await lensesOf(client, uri)) ?? [];
    assert.deepEqual(lenses.map((l) => l.command?.title), ['WP Offload SES: ready']);
    assert.equal(await client.request('workspace/executeCommand', { command: DETAILS, arguments: [uri, 'wp-offload-ses'] }), null);
  });

  it('runs the Add command as a workspace/applyEdit that makes the merged example ready', async () => {
    const uri = 'file:///w/lens/add-policy.json';
    client.open(uri, MERGED);
    const before = client.appliedEdits.length;
    assert.equal(await client.request('workspace/executeCommand', { command: ADD, arguments: [uri, 'wp-offload-ses'] }), null);
    const sent = client.appliedEdits.slice(before);
    assert.equal(sent.length, 1);
    const edits = sent[0]!.edit.changes?.[uri] ?? [];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, MERGED), edits);
    // The vendor's layout: the account-level actions leave the scoped statement for a "*" one of their own.
    const statements = JSON.parse(fixed).Statement;
    assert.deepEqual(
      statements.map((s: { Action: string[]; Resource: string }) => [s.Action, s.Resource]),
      [
        [['ses:CreateEmailIdentity', 'ses:DeleteEmailIdentity', 'ses:SendRawEmail'], 'arn:aws:ses:eu-west-2:123456789012:identity/example.com'],
        [['ses:GetAccount', 'ses:ListEmailIdentities'], '*'],
      ],
    );
    // The edit is applied by the editor; here the document is updated as an editor would, and the lens follows.
    client.change(uri, [{ text: fixed }]);
    assert.deepEqual((await lensesOf(client, uri))?.map((l) => l.command?.title), ['WP Offload SES: ready']);
  });

  it('gives no lens to a policy without SES actions', async () => {
    const uri = 'file:///w/lens/s3-policy.json';
    client.open(uri, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}');
    assert.deepEqual(await lensesOf(client, uri), []);
  });
});

describe('server over stdio: a profile selected by iamPolicy.profiles', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ settings: { profiles: { 'wp-offload-ses': { files: ['**/wordpress/*.json'] } } } });
  });
  after(() => client.stop());

  it('reports the missing permissions, fixes them, and then has nothing to say', async () => {
    const uri = 'file:///w/wordpress/policy.json';
    client.open(uri, MERGED);
    const published = await client.waitForVersion(uri, 1);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['account-action-in-scoped-statement', 'account-action-in-scoped-statement', 'profile-permission-missing', 'profile-permission-missing'],
    );
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: published.diagnostics[2]!.range,
      context: { diagnostics: published.diagnostics.slice(2) },
    });
    // Without workspace/applyEdit the lens command only explains; it must not fail or hang.
    assert.equal(await client.request('workspace/executeCommand', { command: ADD, arguments: [uri, 'wp-offload-ses'] }), null);
    const fix = actions.find((a) => a.title === 'Add the missing permissions');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = TextDocument.applyEdits(client.document(uri), fix.edit?.changes?.[uri] ?? []);
    const statements = (JSON.parse(fixed) as { Statement: { Sid: string; Resource: string }[] }).Statement;
    assert.deepEqual(
      statements.map((s) => [s.Sid, s.Resource]),
      [
        ['OffloadSes', 'arn:aws:ses:eu-west-2:123456789012:identity/example.com'],
        ['AccountLevel', '*'],
      ],
    );

    const version = client.change(uri, [{ text: fixed }]);
    assert.deepEqual((await client.waitForVersion(uri, version)).diagnostics, []);
    // Pull clients without applyEdit get the summary lens only; the quick fix does the editing.
    assert.deepEqual(((await lensesOf(client, uri)) ?? []).map((l) => l.command?.title), ['WP Offload SES: ready']);
  });
});
