import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/**
 * Helpers for the suite that runs inside the editor's extension host. Every wait is on an event or a
 * condition with a deadline, never a fixed sleep: the editor is as fast or as slow as the machine.
 */

export const EXTENSION_ID = 'iam-policy-tools.iam-policy-language-tools';
/** The `source` of every diagnostic the language server publishes. */
export const SOURCE = 'iam-policy';
/** How long a wait may take before it fails: the first start reads IAM data from disk on a busy CI machine. */
export const WAIT_MS = 30_000;

/** The answers the "New WP Offload SES Policy" command asks for; undefined is a cancel. */
export interface Prompter {
  pickRegion(): Promise<string | undefined>;
  inputAccountId(): Promise<string | undefined>;
  inputIdentity(): Promise<string | undefined>;
}

/**
 * What the extension's activate() returns, declared here as a consumer sees it rather than imported:
 * the test checks the contract, not the implementation. serverPid may answer now or as a promise.
 */
export interface IamPolicyApi {
  isServerStarted(): boolean;
  whenServerStarted(): Promise<void>;
  serverPid(): number | undefined | Promise<number | undefined>;
  setPrompter(prompter: Prompter | undefined): void;
}

export function extension(): vscode.Extension<IamPolicyApi> {
  const found = vscode.extensions.getExtension<IamPolicyApi>(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is installed`);
  return found;
}

export async function api(): Promise<IamPolicyApi> {
  const exports = await extension().activate();
  assert.ok(exports && typeof exports.isServerStarted === 'function', 'activate() returns the API object');
  return exports;
}

/** Rejects with `what` when `promise` takes longer than `ms`. */
export async function within<T>(promise: Thenable<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Re-checks `condition` until it holds; for state that raises no event (a restarted process id). */
export async function until<T>(condition: () => Promise<T | undefined> | T | undefined, what: string, ms = WAIT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await condition();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the launcher opened a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a file of the fixture workspace (the shipped examples, package.json) in an editor. */
export async function openFile(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

/** An untitled JSON document, for tests that edit: the fixture files stay as shipped for the others. */
export async function openUntitled(content: string, language = 'json'): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document);
}

/** Text with one `|` marking the cursor, as in the unit tests: the text without it and the position. */
export async function openAtCursor(textWithBar: string): Promise<{ editor: vscode.TextEditor; position: vscode.Position }> {
  const offset = textWithBar.indexOf('|');
  assert.ok(offset >= 0, 'a | cursor marker');
  const editor = await openUntitled(textWithBar.slice(0, offset) + textWithBar.slice(offset + 1));
  return { editor, position: editor.document.positionAt(offset) };
}

/** This extension's diagnostics of a document (the JSON language features may add their own). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** Code and covered text of each diagnostic, in document order: what the assertions compare. */
export function describeDiagnostics(document: vscode.TextDocument, diagnostics = ours(document.uri)): { code: string; text: string }[] {
  return [...diagnostics]
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => ({ code: codeOf(d), text: document.getText(d.range) }));
}

/**
 * Resolves with this extension's diagnostics of `uri` once `predicate` holds for them, checking now
 * and on every onDidChangeDiagnostics for the uri.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  ms = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const diagnostics = ours(uri);
      if (!predicate(diagnostics)) return;
      finish();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const last = ours(uri).map((d) => `${codeOf(d)} ${JSON.stringify(d.message)}`);
      reject(new Error(`timed out after ${ms} ms waiting for ${what} on ${uri.toString()}; last: ${JSON.stringify(last)}`));
    }, ms);
    function finish(): void {
      subscription.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

export function waitForCount(uri: vscode.Uri, count: number, ms = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (d) => d.length === count, `${count} diagnostics`, ms);
}

/**
 * Proves a document gets no diagnostics. An empty list alone proves nothing (the server may not have
 * answered yet, and VS Code raises no event for an empty publish on a clean document), so: break the
 * Effect, wait for the server to report it, undo, and wait for the list to empty again. The empty list
 * then is the server's verdict on the original text.
 */
export async function assertNoDiagnostics(editor: vscode.TextEditor): Promise<void> {
  const document = editor.document;
  const original = document.getText();
  const effect = original.indexOf('"Allow"');
  assert.ok(effect >= 0, 'the policy has an "Allow" to break');
  const range = new vscode.Range(document.positionAt(effect + 1), document.positionAt(effect + 6));
  assert.ok(await editor.edit((edit) => edit.replace(range, 'Alow')), 'edit applied');
  await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the broken Effect to be reported');
  assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(range.start, range.start.translate(0, 4)), 'Allow')), 'undo applied');
  assert.equal(document.getText(), original);
  const after = await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no diagnostics');
  assert.deepEqual(describeDiagnostics(document, after), []);
}

/** Closes every editor without saving, so each test starts from an empty editor area. */
export async function closeAllEditors(): Promise<void> {
  // A dirty editor would ask "Save changes?" in a modal dialog nobody answers; revert-and-close does not ask.
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((group) => group.tabs));
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}
