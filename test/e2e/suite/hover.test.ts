import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openAtCursor } from './helpers';

function markdown(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}

describe('hover through vscode.executeHoverProvider', () => {
  afterEach(closeAllEditors);

  it('documents an action: description, access level, resource types and condition keys', async () => {
    const { editor, position } = await openAtCursor('{"Statement":[{"Effect":"Allow","Action":"ses:Send|RawEmail","Resource":"*"}]}');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const ours = hovers.filter((h) => markdown([h]).includes('ses:SendRawEmail'));
    assert.equal(ours.length, 1, markdown(hovers));
    const text = markdown(ours);
    for (const fragment of ['**ses:SendRawEmail**', 'Grants permission to send an email message', 'Access level: **Write**', '`ses:FromAddress`']) {
      assert.ok(text.includes(fragment), `"${fragment}" in:\n${text}`);
    }
    assert.equal(editor.document.getText(ours[0]!.range), '"ses:SendRawEmail"');
  });

  it('says that an account-level action needs "Resource": "*"', async () => {
    const { editor, position } = await openAtCursor('{"Statement":[{"Effect":"Allow","Action":["ses:SendRawEmail","ses:Get|Account"],"Resource":"arn:aws:ses:eu-west-2:123456789012:identity/example.com"}]}');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = markdown(hovers);
    assert.ok(text.includes('**ses:GetAccount**'), text);
    assert.ok(text.includes('needs `"Resource": "*"`'), text);
  });
});
