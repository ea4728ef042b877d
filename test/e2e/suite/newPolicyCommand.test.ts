import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, assertNoDiagnostics, closeAllEditors, workspaceFile, type Prompter } from './helpers';

const COMMAND = 'iamPolicy.newWpOffloadSesPolicy';

function answers(region: string | undefined, accountId: string | undefined, identity: string | undefined): Prompter & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    pickRegion: () => (asked.push('region'), Promise.resolve(region)),
    inputAccountId: () => (asked.push('account'), Promise.resolve(accountId)),
    inputIdentity: () => (asked.push('identity'), Promise.resolve(identity)),
  };
}

describe('the New WP Offload SES Policy command', () => {
  afterEach(async () => {
    (await api()).setPrompter(undefined);
    await closeAllEditors();
  });

  it('is contributed to the command palette', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(COMMAND));
  });

  it('opens the restricted policy for the answers, which gets no warning', async () => {
    const prompter = answers('eu-west-2', '123456789012', 'example.com');
    (await api()).setPrompter(prompter);
    await vscode.commands.executeCommand(COMMAND);
    assert.deepEqual(prompter.asked, ['region', 'account', 'identity']);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'json');
    // The vendor's restricted example is exactly this policy for eu-west-2, 123456789012 and example.com.
    assert.equal(editor.document.getText(), readFileSync(workspaceFile('wp-offload-ses-restricted.json').fsPath, 'utf8'));
    await assertNoDiagnostics(editor);
  });

  it('puts another region, account and identity into every scoped ARN', async () => {
    (await api()).setPrompter(answers('us-west-2', '210987654321', 'mail@example.org'));
    await vscode.commands.executeCommand(COMMAND);
    const policy = JSON.parse(vscode.window.activeTextEditor!.document.getText()) as { Statement: { Resource: string }[] };
    assert.deepEqual(
      policy.Statement.map((s) => s.Resource),
      ['arn:aws:ses:us-west-2:210987654321:identity/mail@example.org', 'arn:aws:ses:us-west-2:210987654321:identity/mail@example.org', '*'],
    );
  });

  for (const [step, prompter] of [
    ['the region', answers(undefined, '123456789012', 'example.com')],
    ['the account id', answers('eu-west-2', undefined, 'example.com')],
    ['the identity', answers('eu-west-2', '123456789012', undefined)],
  ] as const) {
    it(`opens nothing when ${step} is cancelled`, async () => {
      (await api()).setPrompter(prompter);
      const before = vscode.workspace.textDocuments.length;
      await vscode.commands.executeCommand(COMMAND);
      assert.equal(vscode.window.activeTextEditor, undefined, 'no editor opened');
      assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, 0);
      assert.equal(vscode.workspace.textDocuments.length, before);
    });
  }
});
