import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, describeDiagnostics, extension, openFile, ours, waitForCount, within } from './helpers';

// Runs first (test/e2e/index.ts orders it): nothing has opened a policy yet, so "no server" is observable.
describe('activation and the lazily started language server', () => {
  after(closeAllEditors);

  // The suite's root hook (test/e2e/index.ts) opened a JSON document and saw the extension activate,
  // as onLanguage:json does for users: what must hold is that activation alone starts no server.
  it('is active with a JSON file open, but starts no language server for package.json', async () => {
    const editor = await openFile('package.json');
    assert.equal(editor.document.languageId, 'json');
    assert.equal(extension().isActive, true);
    const iamPolicy = await api();
    assert.equal(iamPolicy.isServerStarted(), false, 'no server for a JSON file that is not a policy');
    assert.equal(await iamPolicy.serverPid(), undefined);
  });

  it('starts the server when a policy file is opened', async () => {
    const iamPolicy = await api();
    const editor = await openFile('wp-offload-ses-merged.json');
    await within(iamPolicy.whenServerStarted(), 'whenServerStarted() after opening a policy');
    assert.equal(iamPolicy.isServerStarted(), true);
    const pid = await iamPolicy.serverPid();
    assert.ok(typeof pid === 'number' && pid > 0 && pid !== process.pid, `a server process of its own, got ${pid}`);
    await waitForCount(editor.document.uri, 2);
  });

  it('gives package.json no diagnostics while the server runs', async () => {
    // Make the server look at package.json again (with an action that would be wrong in a policy), then
    // wait for a policy edited after it: the server handles documents in order, so by then it has had
    // its say on package.json.
    const packageJson = await openFile('package.json');
    assert.ok(await packageJson.edit((edit) => edit.insert(new vscode.Position(1, 2), '"Action": "ses:SendEmial", ')));
    const policy = await openFile('wp-offload-ses-merged.json');
    const at = policy.document.getText().indexOf('"ses:ListEmailIdentities"');
    const line = policy.document.positionAt(at).line;
    await policy.edit((edit) => edit.delete(new vscode.Range(line - 1, policy.document.lineAt(line - 1).text.length - 1, line, policy.document.lineAt(line).text.length)));
    await waitForCount(policy.document.uri, 1);
    assert.deepEqual(describeDiagnostics(packageJson.document), []);
    assert.deepEqual(ours(packageJson.document.uri), []);
  });
});
