import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, labelOf, openAtCursor } from './helpers';

async function complete(textWithBar: string): Promise<{ editor: vscode.TextEditor; items: vscode.CompletionItem[] }> {
  const { editor, position } = await openAtCursor(textWithBar);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
  return { editor, items: list.items };
}

/** Applies a completion as accepting it in the editor would: its range, its snippet, its extra edits. */
async function accept(editor: vscode.TextEditor, item: vscode.CompletionItem): Promise<string> {
  const range = item.range instanceof vscode.Range ? item.range : (item.range?.replacing ?? editor.selection);
  const snippet = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString().appendText(item.insertText ?? labelOf(item));
  assert.ok(await editor.insertSnippet(snippet, range), 'snippet inserted');
  if (item.additionalTextEdits?.length) {
    assert.ok(await editor.edit((edit) => item.additionalTextEdits!.forEach((e) => edit.replace(e.range, e.newText))));
  }
  return editor.document.getText();
}

async function assertCompletion(textWithBar: string, label: string, resultText: string): Promise<vscode.CompletionItem> {
  const { editor, items } = await complete(textWithBar);
  const item = items.find((i) => labelOf(i) === label);
  assert.ok(item, `${label} among ${JSON.stringify(items.slice(0, 20).map(labelOf))}`);
  assert.equal(await accept(editor, item), resultText);
  return item;
}

describe('completion through vscode.executeCompletionItemProvider', () => {
  afterEach(closeAllEditors);

  it('offers SES actions after "ses:', async () => {
    const { items } = await complete('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:|","Resource":"*"}]}');
    const labels = items.map(labelOf);
    for (const action of ['ses:SendRawEmail', 'ses:GetAccount', 'ses:CreateEmailIdentity']) assert.ok(labels.includes(action), action);
    assert.ok(labels.every((l) => !l.startsWith('s3:')), 'only SES actions');
  });

  it('replaces the typed prefix with the chosen action', async () => {
    await assertCompletion(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:Se|","Resource":"*"}]}',
      'ses:SendRawEmail',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"}]}',
    );
  });

  it('offers the ARN templates of the statement\'s actions in Resource', async () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"|"}]}';
    const template = 'arn:aws:ses:${Region}:${Account}:identity/${IdentityName}';
    const item = await assertCompletion(text, template, text.replace('|', template));
    assert.equal(item.detail, 'ses identity (required)');
  });

  it('offers the condition keys of the statement\'s actions in Condition', async () => {
    const statement = '{"Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*",\n  "Condition":';
    const { items } = await complete(`${statement}{"StringEquals":{"|"}}}]}`);
    const labels = items.map(labelOf);
    for (const key of ['ses:FromAddress', 'ses:Recipients', 'aws:SourceIp']) assert.ok(labels.includes(key), key);
    await closeAllEditors();
    await assertCompletion(`${statement}{"StringEquals":{"ses:Fr|"}}}]}`, 'ses:FromAddress', `${statement}{"StringEquals":{"ses:FromAddress": ""}}}]}`);
  });
});
