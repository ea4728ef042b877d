import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, describeDiagnostics, openFile, openUntitled, until, waitForCount, within, type IamPolicyApi } from './helpers';

/** The running server's process id, or undefined while there is none (asking a stopped client throws). */
async function runningPid(iamPolicy: IamPolicyApi): Promise<number | undefined> {
  try {
    return iamPolicy.isServerStarted() ? await iamPolicy.serverPid() : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a language server that dies', () => {
  afterEach(closeAllEditors);

  it('is restarted by the client, and diagnostics come back', async () => {
    const iamPolicy = await api();
    const merged = await openFile('wp-offload-ses-merged.json');
    await waitForCount(merged.document.uri, 2);
    await within(iamPolicy.whenServerStarted(), 'the server to run');
    const pid = await runningPid(iamPolicy);
    assert.ok(pid !== undefined, 'a server process id');

    // SIGKILL, as a crash or the OOM killer would: no shutdown handshake, the pipe just closes.
    process.kill(pid, 'SIGKILL');
    await until(() => (isAlive(pid) ? undefined : true), `server ${pid} to be gone`);
    const next = await until(async () => {
      const now = await runningPid(iamPolicy);
      return now !== undefined && now !== pid ? now : undefined;
    }, 'the client to start a new server');
    assert.ok(isAlive(next), `new server ${next} runs`);

    // Only the new server can have diagnosed a document opened after the restart...
    const fresh = await openUntitled(merged.document.getText());
    await waitForCount(fresh.document.uri, 2);
    // ...and the file open before it is served again: an edit gets fresh diagnostics.
    const document = merged.document;
    const at = document.positionAt(document.getText().indexOf('"ses:ListEmailIdentities"'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.delete(new vscode.Range(at.line - 1, document.lineAt(at.line - 1).text.length - 1, at.line, document.lineAt(at.line).text.length)));
    const after = await waitForCount(document.uri, 1);
    assert.deepEqual(describeDiagnostics(document, after), [{ code: 'account-action-in-scoped-statement', text: '"ses:GetAccount"' }]);
  });
});
