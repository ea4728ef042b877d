import { window, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  // The bundled server, not a path into server/: the .vsix ships dist/ only, with dist/data beside it.
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // A log channel, as vscode-languageclient 11 requires: protocol traces are written at its Trace level,
  // so the trace appears only once the channel's log level is Trace; `iamPolicy.trace.server` then
  // picks messages or verbose.
  const outputChannel = window.createOutputChannel('IAM Policy', { log: true });
  context.subscriptions.push(outputChannel);
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
