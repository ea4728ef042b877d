import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { IAM_POLICY_SNIPPET } from '../expected';
import { assertNoDiagnostics, closeAllEditors, describeDiagnostics, labelOf, openUntitled, waitForDiagnostics, workspaceFile } from './helpers';

const PREFIXES = ['iam-policy', 'iam-statement', 'ses-wp-offload-restricted', 'ses-wp-offload-basic', 'ses-send-statement', 'ses-account-statement'];

/** Expands a snippet contributed in dist/snippets/iam-policy.code-snippets, by name, into a new JSON document. */
async function expand(name: string): Promise<vscode.TextEditor> {
  const editor = await openUntitled('');
  await vscode.commands.executeCommand('editor.action.insertSnippet', { name });
  // The snippet is inserted through the editor's model; leaving snippet mode keeps later edits plain.
  await vscode.commands.executeCommand('leaveSnippet');
  return editor;
}

describe('the contributed snippets', () => {
  afterEach(closeAllEditors);

  it('are offered as snippet completions in a JSON document', async () => {
    const editor = await openUntitled('');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 0));
    const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
    for (const prefix of PREFIXES) assert.ok(snippets.includes(prefix), `${prefix} among ${JSON.stringify(snippets)}`);
  });

  it('expand "IAM policy" into a policy skeleton', async () => {
    const editor = await expand('IAM policy');
    assert.equal(editor.document.getText(), IAM_POLICY_SNIPPET);
  });

  it('expand the restricted WP Offload SES policy into the vendor layout; only the account is left to fill', async () => {
    const editor = await expand('WP Offload SES policy (restricted)');
    const vendor = readFileSync(workspaceFile('wp-offload-ses-restricted.json').fsPath, 'utf8');
    // The first region of the choice and the placeholders' defaults; no final newline.
    assert.equal(editor.document.getText(), vendor.replace(/eu-west-2/g, 'us-east-1').replace(/123456789012/g, 'ACCOUNT_ID').trimEnd());
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.length === 2, 'the two account placeholders');
    assert.deepEqual(describeDiagnostics(editor.document, diagnostics), [
      { code: 'invalid-account-id', text: 'ACCOUNT_ID' },
      { code: 'invalid-account-id', text: 'ACCOUNT_ID' },
    ]);
  });

  it('expand the basic WP Offload SES policy, which gets no warning', async () => {
    const editor = await expand('WP Offload SES policy (basic)');
    const vendor = readFileSync(workspaceFile('wp-offload-ses-basic.json').fsPath, 'utf8');
    assert.deepEqual(JSON.parse(editor.document.getText()), JSON.parse(vendor));
    await assertNoDiagnostics(editor);
  });
});
