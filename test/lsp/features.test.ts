import * as assert from 'node:assert/strict';
import type { CodeAction, CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../support/lspClient';
import { readExample } from '../support/repo';

/** Completion, hover and code actions over real stdio, as an LSP editor asks for them. */
const MERGED = readExample('wp-offload-ses-merged.json');

function positionOf(text: string, needle: string, delta = 0) {
  const document = TextDocument.create('x', 'json', 1, text);
  return document.positionAt(text.indexOf(needle) + delta);
}

describe('server over stdio: completion, hover, code actions', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.stop());

  it('completes SES actions after the prefix, replacing the typed text', async () => {
    const uri = 'file:///w/complete-policy.json';
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:Send","Resource":"*"}]}';
    client.open(uri, text);
    const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, 'ses:Send', 'ses:Send'.length),
    });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    const item = items.find((i) => i.label === 'ses:SendRawEmail');
    assert.ok(item, `ses:SendRawEmail among ${items.length} items`);
    const edit = item.textEdit as TextEdit;
    const applied = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), [edit]);
    assert.equal(applied, text.replace('"ses:Send"', '"ses:SendRawEmail"'));
  });

  it('documents an action on hover', async () => {
    const uri = 'file:///w/hover-policy.json';
    client.open(uri, MERGED);
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(MERGED, 'ses:GetAccount', 5),
    });
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.ok(value.includes('GetAccount'), value);
    assert.ok(value.includes('"Resource": "*"'), value);
  });

  it('offers the split fix for the merged example and its edit removes both warnings', async () => {
    const uri = 'file:///w/fix-policy.json';
    client.open(uri, MERGED);
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.diagnostics.length, 2);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: published.diagnostics[0]!.range,
      context: { diagnostics: published.diagnostics },
    });
    const split = actions.find((a) => a.isPreferred && a.kind === 'quickfix');
    assert.ok(split, `a preferred quick fix among ${actions.map((a) => a.title).join(', ')}`);
    const edits = split.edit?.changes?.[uri] ?? [];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, MERGED), edits);
    const statements = JSON.parse(fixed).Statement as { Action: string | string[]; Resource: string }[];
    assert.deepEqual(
      statements.map((s) => [[s.Action].flat().sort(), s.Resource]),
      [
        [['ses:CreateEmailIdentity', 'ses:DeleteEmailIdentity', 'ses:SendRawEmail'], 'arn:aws:ses:eu-west-2:123456789012:identity/example.com'],
        [['ses:GetAccount', 'ses:ListEmailIdentities'], '*'],
      ],
    );
  });

  it('offers fix-all as a source action', async () => {
    const uri = 'file:///w/fixall-policy.json';
    client.open(uri, MERGED);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.iamPolicy'],
    );
  });

  it('gives nothing for a JSON file that is not a policy', async () => {
    const uri = 'file:///w/package.json';
    const text = '{"name":"x","version":"1.0.0"}';
    client.open(uri, text);
    const result = await client.request<CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(result, null);
  });
});
