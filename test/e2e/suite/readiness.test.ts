import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MERGED_FIXED } from '../expected';
import { closeAllEditors, openFile, until, waitForCount } from './helpers';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return lenses.map((lens) => lens.command?.title ?? '');
}

describe('the readiness code lens through vscode.executeCodeLensProvider', () => {
  afterEach(closeAllEditors);

  it('is "ready" on the vendor\'s restricted policy', async () => {
    const editor = await openFile('wp-offload-ses-restricted.json');
    const titles = await until(async () => {
      const found = await lensTitles(editor.document.uri);
      return found.length > 0 ? found : undefined;
    }, 'a code lens');
    assert.deepEqual(titles, ['WP Offload SES: ready']);
  });

  it('counts what the merged policy lacks, and its command adds it', async () => {
    const editor = await openFile('wp-offload-ses-merged.json');
    await waitForCount(editor.document.uri, 2);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['WP Offload SES: 2 of 5 permissions not granted', 'Add the missing permissions'],
    );
    const add = lenses[1]!.command!;
    await vscode.commands.executeCommand(add.command, ...(add.arguments ?? []));
    await until(() => (editor.document.getText() === MERGED_FIXED ? true : undefined), 'the added statement');
    assert.deepEqual(await lensTitles(editor.document.uri), ['WP Offload SES: ready']);
  });
});
