import { createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from './lsp/documentCache';
import { SettingsStore } from './lsp/settingsStore';
import { ValidationScheduler } from './lsp/validationScheduler';
import { createFileKnowledge, getLanguageService } from './service/languageService';

/**
 * The IAM policy language server: connection, documents, capabilities, and one-line handlers that
 * call the pure language service. Runs over --stdio, --node-ipc or --socket (chosen from argv).
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = getLanguageService(createFileKnowledge());
const cache = new DocumentCache(service.parse);
const settings = new SettingsStore(connection);
const scheduler = new ValidationScheduler(connection, service, cache, settings, (uri) => documents.get(uri));

let registerForConfiguration = false;

connection.onInitialize((params) => {
  settings.pull = params.capabilities.workspace?.configuration === true;
  registerForConfiguration = settings.pull && params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  const options = params.initializationOptions as { settings?: unknown } | undefined;
  if (options?.settings !== undefined) settings.setGlobal(options.settings);
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
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
});

// Also fires when a document opens.
documents.onDidChangeContent((event) => scheduler.schedule(event.document));
documents.onDidClose((event) => {
  cache.delete(event.document.uri);
  settings.forget(event.document.uri);
  scheduler.clear(event.document.uri);
});

documents.listen(connection);
connection.listen();
