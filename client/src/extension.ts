import { commands, window, workspace, type Disposable, type ExtensionContext, type LogOutputChannel, type TextDocument } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_PROCESS_ID_REQUEST, type ServerProcessIdResult } from '../../server/src/lsp/protocol';
import { NEW_WP_OFFLOAD_SES_POLICY_COMMAND, newWpOffloadSesPolicy } from './newWpOffloadSesPolicy';
import { looksLikePolicy } from './policyDocuments';
import { windowPrompter, type Prompter } from './prompter';
import { readRegions, type Region } from './regions';

/** What `activate` returns: used by the real-editor tests, and by any extension that builds on this one. */
export interface IamPolicyExtensionApi {
  /** Whether the language server has been started (it starts when the first policy document opens). */
  isServerStarted(): boolean;
  /** Resolves once the server runs and has answered `initialize`. */
  whenServerStarted(): Promise<void>;
  /** The process id of the running server, or undefined before it starts. */
  serverPid(): Promise<number | undefined>;
  /** Replaces the command's prompts (undefined restores the quick pick and input boxes). */
  setPrompter(prompter: Prompter | undefined): void;
}

let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): IamPolicyExtensionApi {
  // A log channel, as vscode-languageclient 11 requires: protocol traces are written at its Trace level,
  // so the trace appears only once the channel's log level is Trace; `iamPolicy.trace.server` then
  // picks messages or verbose.
  const outputChannel = window.createOutputChannel('IAM Policy', { log: true });
  context.subscriptions.push(outputChannel);

  let started: Promise<void> | undefined;
  let resolveStarted: () => void = () => undefined;
  const whenStarted = new Promise<void>((resolve) => (resolveStarted = resolve));
  // The server starts with the first document that looks like a policy, not on every JSON file the
  // editor opens: most JSON is not a policy, and an idle server would cost memory for nothing.
  const startIfPolicy = (document: TextDocument): void => {
    if (started || !looksLikePolicy(document)) return;
    started = startClient(context, outputChannel).then(resolveStarted, (error: unknown) => {
      outputChannel.appendLine(`The IAM policy language server did not start: ${String(error)}`);
    });
  };
  const watchers: Disposable[] = [
    workspace.onDidOpenTextDocument(startIfPolicy),
    workspace.onDidChangeTextDocument((event) => startIfPolicy(event.document)),
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('iamPolicy')) workspace.textDocuments.forEach(startIfPolicy);
    }),
  ];
  context.subscriptions.push(...watchers);
  workspace.textDocuments.forEach(startIfPolicy);

  let prompter: Prompter = windowPrompter;
  let regions: Region[] | undefined;
  context.subscriptions.push(
    commands.registerCommand(NEW_WP_OFFLOAD_SES_POLICY_COMMAND, () => {
      regions ??= readRegions(context.asAbsolutePath('dist/data/partitions.json'));
      return newWpOffloadSesPolicy(prompter, regions);
    }),
  );

  return {
    isServerStarted: () => client?.isRunning() === true,
    whenServerStarted: () => whenStarted,
    serverPid: async () => (client?.isRunning() ? client.sendRequest<ServerProcessIdResult>(SERVER_PROCESS_ID_REQUEST) : undefined),
    setPrompter: (replacement) => (prompter = replacement ?? windowPrompter),
  };
}

async function startClient(context: ExtensionContext, outputChannel: LogOutputChannel): Promise<void> {
  // The bundled server, not a path into server/: the .vsix ships dist/ only, with dist/data beside it.
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // No scheme filter: untitled buffers and virtual file systems (Remote Repositories, vscode-vfs)
    // get diagnostics too; the server decides which JSON documents are policies.
    documentSelector: [{ language: 'json' }, { language: 'jsonc' }],
    synchronize: { configurationSection: 'iamPolicy' },
    outputChannel,
  };
  // The id `iamPolicy` is what makes the client read `iamPolicy.trace.server` on its own.
  client = new LanguageClient('iamPolicy', 'IAM Policy Language Server', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
