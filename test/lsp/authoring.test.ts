import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  DidOpenTextDocumentNotification,
  CompletionItemKind,
  InsertTextFormat,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expandSnippet } from '../unit/completion/helpers';
import { LspTestClient, PULL_CAPABILITIES, SERVER_PATH } from '../support/lspClient';
import { readExample, REPO_ROOT } from '../support/repo';

/**
 * Authoring over real stdio, as LSP editors other than VS Code see it: snippet completions only for
 * clients that take snippets, settings pre-filling ARNs, and the VS Code-only retrigger command only
 * for VS Code. `|` marks the cursor.
 */

const SNIPPET_CAPABILITIES: ClientCapabilities = {
  ...PULL_CAPABILITIES,
  textDocument: { ...PULL_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: true } } },
};

const SETTINGS = { defaultRegion: 'eu-west-2', defaultAccountId: '123456789012' };

function at(textWithBar: string): { text: string; offset: number } {
  const offset = textWithBar.indexOf('|');
  assert.ok(offset >= 0 && textWithBar.indexOf('|', offset + 1) < 0, 'exactly one | cursor marker');
  return { text: textWithBar.slice(0, offset) + textWithBar.slice(offset + 1), offset };
}

function itemsOf(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

/** Opens `textWithBar` under `uri` and asks for completion at the marker. */
async function completeAt(client: LspTestClient, uri: string, textWithBar: string): Promise<{ items: CompletionItem[]; document: TextDocument }> {
  const { text, offset } = at(textWithBar);
  const document = client.open(uri, text);
  const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
    textDocument: { uri },
    position: document.positionAt(offset),
  });
  return { items: itemsOf(result), document };
}

/** The document after the item's edit, tab stops left at their defaults. */
function apply(document: TextDocument, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? expandSnippet(edit.newText) : edit.newText;
  return TextDocument.applyEdits(document, [{ range: edit.range, newText }]);
}

function find(items: readonly CompletionItem[], label: string): CompletionItem {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no "${label}" among ${items.map((i) => i.label).slice(0, 15).join(', ')}`);
  return item;
}

function isSnippetLike(item: CompletionItem): boolean {
  return item.kind === CompletionItemKind.Snippet || item.insertTextFormat === InsertTextFormat.Snippet;
}

describe('server over stdio: authoring with a snippet client and settings', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: SNIPPET_CAPABILITIES, settings: SETTINGS });
  });
  after(() => client.stop());

  it('offers whole policies in an empty policy document, the restricted one filled from the settings', async () => {
    const { items, document } = await completeAt(client, 'file:///w/new-policy.json', '|');
    assert.deepEqual(
      items.map((i) => i.label),
      ['WP Offload SES policy (basic)', 'WP Offload SES policy (one identity and region)', 'Empty IAM policy'],
    );
    assert.ok(items.every((i) => i.kind === CompletionItemKind.Snippet && i.insertTextFormat === InsertTextFormat.Snippet));
    const restricted = apply(document, find(items, 'WP Offload SES policy (one identity and region)'));
    assert.deepEqual(JSON.parse(restricted), JSON.parse(readExample('wp-offload-ses-restricted.json')));
  });

  it('offers statement snippets inside Statement, the identity ARN filled from the settings', async () => {
    const textWithBar = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    |\n  ]\n}';
    const { items, document } = await completeAt(client, 'file:///w/statement-policy.json', textWithBar);
    assert.deepEqual(
      items.map((i) => i.label),
      ['IAM statement', 'SES send statement', 'SES account-level statement'],
    );
    const statement = '{\n\t"Sid": "SendEmail",\n\t"Effect": "Allow",\n\t"Action": "ses:SendRawEmail",\n\t"Resource": "arn:aws:ses:eu-west-2:123456789012:identity/example.com"\n}';
    assert.equal(apply(document, find(items, 'SES send statement')), textWithBar.replace('|', statement));
  });

  it('pre-fills the ARN templates of a Resource from defaultRegion and defaultAccountId', async () => {
    const textWithBar = '{"Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"|"}]}';
    const { items, document } = await completeAt(client, 'file:///w/resource-policy.json', textWithBar);
    const item = find(items, 'arn:aws:ses:eu-west-2:123456789012:identity/${IdentityName}');
    assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((item.textEdit as TextEdit).newText, 'arn:aws:ses:${1:eu-west-2}:${2:123456789012}:identity/${3:\\${IdentityName\\}}');
    assert.equal(apply(document, item), textWithBar.replace('|', 'arn:aws:ses:eu-west-2:123456789012:identity/${IdentityName}'));
  });

  it('offers nothing after a finished Action array, and the next key after its comma', async () => {
    const done = await completeAt(client, 'file:///w/after-array-policy.json', '{"Statement":[{"Action":["ses:SendRawEmail"]\n|}]}');
    assert.deepEqual(done.items, []);
    const textWithBar = '{"Statement":[{"Action":["ses:SendRawEmail"],\n|}]}';
    const { items, document } = await completeAt(client, 'file:///w/after-comma-policy.json', textWithBar);
    assert.equal(apply(document, find(items, 'Resource')), textWithBar.replace('|', '"Resource": ""'));
  });

  it('sends no VS Code command to a client that does not say it is VS Code', async () => {
    const { items } = await completeAt(client, 'file:///w/retrigger-policy.json', '{"Statement":[{"Action":"|"}]}');
    const ses = find(items, 'ses');
    assert.equal(ses.detail, 'Amazon Simple Email Service (SES)');
    assert.equal(ses.command, undefined);
    assert.ok(items.every((i) => i.command === undefined));
  });
});

describe('server over stdio: a client without snippet support', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ capabilities: PULL_CAPABILITIES, settings: SETTINGS });
  });
  after(() => client.stop());

  it('gets nothing snippet-like inside Statement: no statement snippets, keys as plain text', async () => {
    const slot = await completeAt(client, 'file:///w/plain-slot-policy.json', '{"Version":"2012-10-17","Statement":[\n  |\n]}');
    assert.deepEqual(slot.items, []);
    const keys = await completeAt(client, 'file:///w/plain-keys-policy.json', '{"Statement":[{|}]}');
    assert.ok(keys.items.length > 0, 'statement keys');
    assert.deepEqual(keys.items.filter(isSnippetLike).map((i) => i.label), []);
    assert.equal(apply(keys.document, find(keys.items, 'Effect')), '{"Statement":[{"Effect": }]}');
    const resource = await completeAt(client, 'file:///w/plain-resource-policy.json', '{"Statement":[{"Action":"ses:SendRawEmail","Resource":"|"}]}');
    assert.deepEqual(resource.items.filter(isSnippetLike).map((i) => i.label), []);
    assert.ok(resource.items.some((i) => i.label === 'arn:aws:ses:eu-west-2:123456789012:identity/${IdentityName}'));
  });
});

/**
 * LspTestClient sends no clientInfo; VS Code's client sends `{ name: vscode.env.appName }`. So this
 * one initializes a server itself, push settings, and asks for one completion.
 */
async function completionWithClientInfo(clientInfo: { name: string; version?: string } | undefined, textWithBar: string): Promise<CompletionItem[]> {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { cwd: REPO_ROOT, stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
      ...(clientInfo ? { clientInfo } : {}),
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///w/client-info-policy.json';
    const { text, offset } = at(textWithBar);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
    const position = TextDocument.create(uri, 'json', 1, text).positionAt(offset);
    return itemsOf(await connection.sendRequest<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position }));
  } finally {
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    await exited;
    connection.dispose();
  }
}

describe('server over stdio: the retrigger command by client', () => {
  const ACTION = '{"Statement":[{"Action":"|"}]}';
  const KEY = '{"Statement":[{"Effect":"Allow",|}]}';
  const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

  for (const name of ['Visual Studio Code', 'Code - OSS', 'code-server', 'VSCodium']) {
    it(`reopens completion after a service prefix or a key for ${name}`, async () => {
      const prefixes = await completionWithClientInfo({ name, version: '1.95.0' }, ACTION);
      assert.deepEqual(find(prefixes, 'ses').command, RETRIGGER);
      const keys = await completionWithClientInfo({ name }, KEY);
      assert.deepEqual(find(keys, 'Action').command, RETRIGGER);
      assert.equal(find(keys, 'Sid').command, undefined, 'only items whose value has its own completions');
    });
  }

  it('sends no command to other clients, or to one that gives no clientInfo', async () => {
    for (const clientInfo of [{ name: 'Neovim' }, { name: 'helix' }, undefined]) {
      const prefixes = await completionWithClientInfo(clientInfo, ACTION);
      assert.ok(prefixes.length > 0, 'service prefixes');
      assert.deepEqual(prefixes.filter((i) => i.command !== undefined).map((i) => i.label), [], `client ${clientInfo?.name ?? 'without clientInfo'}`);
      const keys = await completionWithClientInfo(clientInfo, KEY);
      assert.equal(find(keys, 'Action').command, undefined);
    }
  });
});
