import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFile, waitForCount, waitForDiagnostics } from './helpers';

const CODE = 'account-action-in-scoped-statement';

function iamPolicy(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('iamPolicy');
}

describe('settings take effect without a reload', () => {
  afterEach(async () => {
    // Restore: the next test (and a rerun) must see the defaults.
    await iamPolicy().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await iamPolicy().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('iamPolicy.rules raises a rule to an error, and back', async () => {
    const editor = await openFile('wp-offload-ses-merged.json');
    const uri = editor.document.uri;
    await waitForCount(uri, 2);
    await iamPolicy().update('rules', { [CODE]: 'error' }, vscode.ConfigurationTarget.Workspace);
    const errors = await waitForDiagnostics(uri, (d) => d.length === 2 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Error), 'two errors');
    assert.equal(errors.length, 2);
    await iamPolicy().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (d) => d.length === 2 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Warning), 'two warnings again');
  });

  it('iamPolicy.enable: false clears the diagnostics, true brings them back', async () => {
    const editor = await openFile('wp-offload-ses-merged.json');
    const uri = editor.document.uri;
    await waitForCount(uri, 2);
    await iamPolicy().update('enable', false, vscode.ConfigurationTarget.Workspace);
    await waitForCount(uri, 0);
    await iamPolicy().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForCount(uri, 2);
  });
});
