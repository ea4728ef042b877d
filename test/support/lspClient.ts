import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type ClientCapabilities,
  type ApplyWorkspaceEditParams,
  type ConfigurationParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from './repo';

/** IAM_POLICY_SERVER runs the tests against another build of the server (a packaged one, a patched copy). */
export const SERVER_PATH = process.env.IAM_POLICY_SERVER ?? join(REPO_ROOT, 'dist', 'server.js');

/** A client that pulls settings with `workspace/configuration`, as VS Code does. */
export const PULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

/** A client that pushes settings (initializationOptions, didChangeConfiguration payloads). */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

export interface LspClientOptions {
  readonly capabilities?: ClientCapabilities;
  /** The `iamPolicy` section answered to `workspace/configuration`; change it through `client.settings`. */
  readonly settings?: Record<string, unknown>;
  readonly initializationOptions?: unknown;
  /** How long a wait may take before it fails the test. */
  readonly timeoutMs?: number;
}

type Predicate = (params: PublishDiagnosticsParams) => boolean;

interface Waiter {
  readonly uri: string;
  readonly predicate: Predicate;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The language server in a child process over stdio, driven like an editor would: documents are
 * mirrored locally (the same incremental edits applied with vscode-languageserver-textdocument) so
 * tests can turn published ranges back into text. Every publishDiagnostics is logged per uri.
 */
export class LspTestClient {
  /** Answered to every `workspace/configuration` item for section `iamPolicy`. */
  settings: Record<string, unknown>;
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly registrations: Registration[] = [];
  /** Every `workspace/applyEdit` the server sent; each is answered `applied: true` (nothing is changed here). */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** performance.now() when the process was spawned, for start-up timings. */
  readonly spawnedAt: number;
  initializeResult: InitializeResult | undefined;

  private readonly process: ChildProcessWithoutNullStreams;
  private readonly connection: ProtocolConnection;
  private readonly timeoutMs: number;
  /** Per uri, the text of every version sent since it was opened. */
  private readonly documents = new Map<string, Map<number, TextDocument>>();
  private readonly log = new Map<string, PublishDiagnosticsParams[]>();
  /** Per uri: index into the log where the next wait starts looking. */
  private readonly marks = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private configurationHold: Promise<void> | undefined;
  private readonly configurationListeners: ((params: ConfigurationParams) => void)[] = [];
  private stderr = '';
  private exited: string | undefined;

  private constructor(options: LspClientOptions) {
    this.settings = options.settings ?? {};
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.spawnedAt = performance.now();
    this.process = spawn(process.execPath, [SERVER_PATH, '--stdio'], { cwd: REPO_ROOT, stdio: 'pipe' });
    this.process.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.process.on('exit', (code, signal) => {
      this.exited = `server exited (code ${code}, signal ${signal})`;
      for (const waiter of this.waiters) waiter.reject(new Error(`${this.exited} while waiting for diagnostics of ${waiter.uri}${this.stderrTail()}`));
      this.waiters.clear();
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.onPublish(params));
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      this.configurationRequests.push(params);
      for (const listener of this.configurationListeners.splice(0)) listener(params);
      await this.configurationHold;
      return params.items.map((item) => (item.section === 'iamPolicy' ? structuredClone(this.settings) : null));
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      return { applied: true };
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    // Write errors after the server died are reported by the exit handler and the waits' timeouts.
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  static async start(options: LspClientOptions = {}): Promise<LspTestClient> {
    const client = new LspTestClient(options);
    client.process.once('error', () => undefined); // reported as a timeout below, with stderr
    try {
      client.initializeResult = await client.within(
        'the initialize result',
        client.connection.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          rootUri: null,
          capabilities: options.capabilities ?? PULL_CAPABILITIES,
          initializationOptions: options.initializationOptions,
          workspaceFolders: null,
        }),
      );
    } catch (error) {
      client.process.kill('SIGKILL');
      client.connection.dispose();
      throw error;
    }
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /**
   * Any request the tests need beyond the document lifecycle (completion, hover, code actions). A
   * cancelled `token` sends `$/cancelRequest` for it.
   */
  request<R>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
    const sent = token ? this.connection.sendRequest(method, params, token) : this.connection.sendRequest(method, params);
    return this.within(method, sent as Promise<R>);
  }

  open(uri: string, text: string, version = 1, languageId = 'json'): TextDocument {
    const document = TextDocument.create(uri, languageId, version, text);
    this.documents.set(uri, new Map([[version, document]]));
    this.mark(uri);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return document;
  }

  /** Sends the edits as one didChange with the next version; returns that version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const document = this.document(uri);
    const version = document.version + 1;
    // TextDocument.update mutates; apply the edits to a copy so every sent version stays readable.
    const copy = TextDocument.create(uri, document.languageId, document.version, document.getText());
    this.documents.get(uri)!.set(version, TextDocument.update(copy, changes, version));
    this.mark(uri);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    this.documents.delete(uri);
    this.mark(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Pull clients send `settings: null` and are asked again; push clients send `{ iamPolicy: ... }`. */
  changeConfiguration(settings: unknown = null): void {
    for (const uri of this.log.keys()) this.mark(uri);
    void this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Answers to `workspace/configuration` wait until the returned function is called: a slow client. */
  holdConfiguration(): () => void {
    let release = (): void => undefined;
    this.configurationHold = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.configurationHold = undefined;
      release();
    };
  }

  /** Resolves with the next `workspace/configuration` request the server sends. */
  waitForConfigurationRequest(): Promise<ConfigurationParams> {
    return this.within('a workspace/configuration request', new Promise((resolve) => this.configurationListeners.push(resolve)));
  }

  /** The local mirror of an open document, at the last version sent or at an earlier one. */
  document(uri: string, version?: number): TextDocument {
    const versions = this.documents.get(uri);
    const document = versions?.get(version ?? Math.max(...versions.keys()));
    if (!document) throw new Error(`${uri} is not open in the test client${version === undefined ? '' : ` at version ${version}`}`);
    return document;
  }

  /** Every publishDiagnostics received for `uri`, oldest first. */
  published(uri: string): readonly PublishDiagnosticsParams[] {
    return this.log.get(uri) ?? [];
  }

  /**
   * The first publishDiagnostics for `uri` matching `predicate` that arrived after the last message this
   * client sent about `uri` (open, change, close, configuration change) or after the previous wait
   * returned. Counting from a mark, not from the call, means a fast server cannot slip a publish in
   * before the test starts waiting.
   */
  waitForDiagnostics(uri: string, predicate: Predicate = () => true, what = 'any'): Promise<PublishDiagnosticsParams> {
    const log = this.published(uri);
    for (let index = this.marks.get(uri) ?? 0; index < log.length; index++) {
      if (predicate(log[index]!)) {
        this.marks.set(uri, index + 1);
        return Promise.resolve(log[index]!);
      }
    }
    if (this.exited) return Promise.reject(new Error(`${this.exited}${this.stderrTail()}`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        uri,
        predicate,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.published(uri).map((p) => `v${p.version ?? '-'}:[${p.diagnostics.map((d) => d.code).join(',')}]`);
        reject(new Error(`No publishDiagnostics for ${uri} (${what}) within ${this.timeoutMs} ms. Received so far: ${seen.join(' ') || 'nothing'}${this.stderrTail()}`));
      }, this.timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Waits for the diagnostics of exactly this version of the document. */
  waitForVersion(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(uri, (p) => p.version === version, `version ${version}`);
  }

  /** shutdown, exit, and a kill if the process is still there after the timeout. */
  async stop(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
      try {
        await this.within('the shutdown result', this.connection.sendRequest(ShutdownRequest.type), 2_000);
        await this.connection.sendNotification(ExitNotification.type);
        await this.within('the server to exit', exited, 2_000);
      } catch {
        this.process.kill('SIGKILL');
        await exited;
      }
    }
    this.connection.dispose();
  }

  private onPublish(params: PublishDiagnosticsParams): void {
    const log = this.log.get(params.uri) ?? [];
    this.log.set(params.uri, log);
    log.push(params);
    for (const waiter of this.waiters) {
      if (waiter.uri === params.uri && waiter.predicate(params)) {
        this.waiters.delete(waiter);
        this.marks.set(params.uri, log.length);
        waiter.resolve(params);
        return;
      }
    }
  }

  private mark(uri: string): void {
    this.marks.set(uri, this.published(uri).length);
  }

  private within<T>(what: string, promise: Promise<T>, ms = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}${this.stderrTail()}`)), ms);
      promise.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
      );
    });
  }

  private stderrTail(): string {
    return this.stderr ? `\nserver stderr: ${this.stderr.slice(-2000)}` : '';
  }
}
