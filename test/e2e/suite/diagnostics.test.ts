import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertNoDiagnostics, closeAllEditors, describeDiagnostics, openFile, SOURCE, waitForCount } from './helpers';

// The expectations are what `node dist/cli.js --format json examples/...` reports for the same files:
// the editor must show exactly what the CLI says.
describe('diagnostics of the shipped examples', () => {
  afterEach(closeAllEditors);

  it('warns twice on the merged example, underlining the two account-level actions', async () => {
    const editor = await openFile('wp-offload-ses-merged.json');
    const diagnostics = await waitForCount(editor.document.uri, 2);
    assert.deepEqual(describeDiagnostics(editor.document, diagnostics), [
      { code: 'account-action-in-scoped-statement', text: '"ses:GetAccount"' },
      { code: 'account-action-in-scoped-statement', text: '"ses:ListEmailIdentities"' },
    ]);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(diagnostic.source, SOURCE);
      assert.match(diagnostic.message, /supports no resource-level permissions.*Move it to its own statement with "Resource": "\*"/);
    }
  });

  it('warns on each placeholder of the vendor template', async () => {
    const editor = await openFile('wp-offload-ses-template.json');
    const diagnostics = await waitForCount(editor.document.uri, 4);
    assert.deepEqual(describeDiagnostics(editor.document, diagnostics), [
      { code: 'arn-placeholder', text: 'YOUR_REGION_HERE' },
      { code: 'arn-placeholder', text: 'YOUR_ACCOUNT_NUMBER_HERE' },
      { code: 'arn-placeholder', text: 'YOUR_REGION_HERE' },
      { code: 'arn-placeholder', text: 'YOUR_ACCOUNT_NUMBER_HERE' },
    ]);
  });

  for (const name of ['wp-offload-ses-restricted.json', 'wp-offload-ses-basic.json']) {
    it(`reports nothing for the vendor's ${name}`, async () => {
      await assertNoDiagnostics(await openFile(name));
    });
  }
});
