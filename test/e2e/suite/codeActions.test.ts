import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MERGED_FIXED, MOVE_BOTH } from '../expected';
import { closeAllEditors, openFile, waitForCount } from './helpers';

describe('quick fixes through vscode.executeCodeActionProvider', () => {
  afterEach(closeAllEditors);

  it('splits the merged example into the vendor layout, and the warnings go away', async () => {
    const editor = await openFile('wp-offload-ses-merged.json');
    const [first] = await waitForCount(editor.document.uri, 2);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      first!.range,
    );
    const fixes = actions.filter((a): a is vscode.CodeAction => a instanceof vscode.CodeAction || 'edit' in a);
    const split = fixes.find((a) => a.title === MOVE_BOTH);
    assert.ok(split, `"${MOVE_BOTH}" among ${JSON.stringify(fixes.map((a) => a.title))}`);
    assert.equal(split.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(split.isPreferred, true);
    assert.ok(split.edit, 'the fix carries its edit');
    assert.ok(await vscode.workspace.applyEdit(split.edit));
    assert.equal(editor.document.getText(), MERGED_FIXED);
    await waitForCount(editor.document.uri, 0);
  });
});
