import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MERGED_FIXED } from '../expected';
import { closeAllEditors, until, waitForCount, workspaceFile } from './helpers';

const SAVE_ACTIONS = { 'source.fixAll.iamPolicy': 'explicit' };

describe('fix-all on save (editor.codeActionsOnSave)', () => {
  const uri = (): vscode.Uri => workspaceFile('save-fix-all-policy.json');
  const editorSettings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('editor');

  afterEach(async () => {
    await closeAllEditors();
    await editorSettings().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(uri(), { useTrash: false }).then(undefined, () => undefined);
  });

  it('splits the merged statement and fixes the casing when the file is saved', async () => {
    const merged = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('wp-offload-ses-merged.json')));
    // One more safe fix on top of the split: an action in the wrong case.
    const text = merged.replace('"ses:SendRawEmail"', '"ses:sendrawemail"');
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(text));
    await editorSettings().update('codeActionsOnSave', SAVE_ACTIONS, vscode.ConfigurationTarget.Workspace);

    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
    await waitForCount(editor.document.uri, 3);
    // Ctrl+S: the save participants (codeActionsOnSave among them) run only for an explicit save.
    await vscode.commands.executeCommand('workbench.action.files.save');
    await until(() => (editor.document.isDirty ? undefined : true), 'the save');

    assert.equal(editor.document.getText(), MERGED_FIXED);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri())), MERGED_FIXED);
    await waitForCount(editor.document.uri, 0);
  });
});
