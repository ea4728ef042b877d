import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  MessageType,
  ShowMessageNotification,
  type CancellationToken,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createServerConnection, throwIfCancelled } from './lsp/connection';
import { DocumentCache } from './lsp/documentCache';
import {
  ADD_PERMISSIONS_COMMAND,
  FIX_ALL_KIND,
  fromLspDiagnostics,
  minimalEdit,
  READINESS_DETAILS_COMMAND,
  readinessMessage,
  runsVsCodeCommands,
  toCodeAction,
  toCodeLens,
  toCompletionItem,
  toHover,
  wantsKind,
} from './lsp/features';
import { SERVER_PROCESS_ID_REQUEST, type ServerProcessIdResult } from './lsp/protocol';
import { SettingsStore } from './lsp/settingsStore';
import { ValidationScheduler } from './lsp/validationScheduler';
import { createFileKnowledge, getLanguageService } from './service/languageService';

/**
 * The IAM policy language server: connection, documents, capabilities, and one-line handlers that
 * call the pure language service. Runs over --stdio, --node-ipc or --socket (chosen from argv).
 */
const connection = createServerConnection();
const documents = new TextDocuments(TextDocument);
const service = getLanguageService(createFileKnowledge());
const cache = new DocumentCache(service.parse);
const settings = new SettingsStore(connection);
const scheduler = new ValidationScheduler(connection, service, cache, settings, (uri) => documents.get(uri));

let registerForConfiguration = false;
let snippetSupport = false;
let retriggerCommand = false;
let codeLensRefresh = false;
let applyEditSupport = false;

connection.onInitialize((params) => {
  settings.pull = params.capabilities.workspace?.configuration === true;
  registerForConfiguration = settings.pull && params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  retriggerCommand = runsVsCodeCommands(params.clientInfo);
  codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  applyEditSupport = params.capabilities.workspace?.applyEdit === true;
  const options = params.initializationOptions as { settings?: unknown } | undefined;
  if (options?.settings !== undefined) settings.setGlobal(options.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['"', ':'] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [READINESS_DETAILS_COMMAND, ADD_PERMISSIONS_COMMAND] },
    },
    serverInfo: { name: 'iam-policy-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (registerForConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'iamPolicy' });
});

connection.onDidChangeConfiguration((change) => {
  // Pull clients send no payload here; push clients send every section.
  const all = change.settings as { iamPolicy?: unknown } | null | undefined;
  settings.invalidate(all?.iamPolicy);
  scheduler.scheduleAll(documents.all());
  // Profiles live in the settings, so the readiness lenses may have changed too.
  if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
});

connection.onRequest(SERVER_PROCESS_ID_REQUEST, (): ServerProcessIdResult => process.pid);

// Also fires when a document opens.
documents.onDidChangeContent((event) => scheduler.schedule(event.document));
documents.onDidClose((event) => {
  cache.delete(event.document.uri);
  settings.forget(event.document.uri);
  scheduler.clear(event.document.uri);
});

/** The document and its settings when we speak for it; undefined for every other JSON file. */
async function policyAt(uri: string, token?: CancellationToken) {
  const document = documents.get(uri);
  if (!document) return undefined;
  const current = await settings.get(uri);
  if (token) throwIfCancelled(token);
  const parsed = cache.get(document);
  if (!current.enable || !service.isPolicy(parsed, URI.parse(uri).path, current)) return undefined;
  return { document, parsed, settings: current };
}

connection.onCompletion(async ({ textDocument, position }, token) => {
  const at = await policyAt(textDocument.uri, token);
  if (!at) return null;
  const items = service.doComplete(at.parsed, at.document.offsetAt(position), at.settings, { snippetSupport });
  return items.map((item) => toCompletionItem(at.document, item, retriggerCommand));
});

connection.onHover(async ({ textDocument, position }, token) => {
  const at = await policyAt(textDocument.uri, token);
  const hover = at && service.doHover(at.parsed, at.document.offsetAt(position));
  return at && hover ? toHover(at.document, hover) : null;
});

connection.onCodeAction(async (params, token) => {
  const at = await policyAt(params.textDocument.uri, token);
  if (!at) return null;
  const actions: CodeAction[] = [];
  if (wantsKind(params, CodeActionKind.QuickFix)) {
    const diagnostics = fromLspDiagnostics(at.document, params.context.diagnostics);
    for (const action of service.getCodeActions(at.parsed, diagnostics, at.settings)) {
      actions.push(toCodeAction(at.document, action, params.context.diagnostics));
    }
  }
  if (params.context.only && wantsKind(params, FIX_ALL_KIND)) {
    const text = at.document.getText();
    const edit = minimalEdit(at.document, text, service.fixAll(text, at.settings).text);
    if (edit) actions.push({ title: 'Fix all IAM policy problems', kind: FIX_ALL_KIND, edit: { changes: { [at.document.uri]: [edit] } } });
  }
  return actions;
});

connection.onCodeLens(async ({ textDocument }, token) => {
  const at = await policyAt(textDocument.uri, token);
  if (!at) return null;
  // The "Add" lens edits through workspace/applyEdit; without it the quick fix remains.
  const lenses = service.getCodeLenses(at.parsed, URI.parse(textDocument.uri).path, at.settings).filter((lens) => applyEditSupport || lens.command !== 'fix');
  return lenses.map((lens) => toCodeLens(at.document, lens));
});

connection.onExecuteCommand(async ({ command, arguments: args }) => {
  const [uri, profile] = args ?? [];
  if (typeof uri !== 'string' || typeof profile !== 'string') return;
  const at = await policyAt(uri);
  if (!at) return;
  if (command === READINESS_DETAILS_COMMAND) showInfo(readinessMessage(service.getReadiness(at.parsed, URI.parse(uri).path, at.settings), profile));
  if (command === ADD_PERMISSIONS_COMMAND) {
    const fixed = service.fixProfile(at.parsed, profile, at.settings);
    const edit = fixed === undefined ? undefined : minimalEdit(at.document, at.document.getText(), fixed);
    if (!edit) showInfo('Nothing to add: what is missing is denied explicitly or granted only under conditions.');
    else if (!applyEditSupport) showInfo('This editor cannot apply edits from the server; use the quick fix that adds the missing permissions.');
    else await connection.workspace.applyEdit({ label: 'Add the missing permissions', edit: { changes: { [uri]: [edit] } } });
  }
});

/** A notification, not window/showMessageRequest: no answer to wait for, none to fail. */
function showInfo(message: string | undefined): void {
  if (message) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
}

documents.listen(connection);
connection.listen();
