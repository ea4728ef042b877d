import { setImmediate as nextTurn } from 'node:timers/promises';
import { inspect } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type ConnectionOptions,
  type ContentTypeDecoder,
  type Message,
  type RequestMessage,
  type ResponseMessage,
} from 'vscode-languageserver/node';

/** Messages at least this big are decoded over several turns of the event loop. */
const LARGE_MESSAGE_BYTES = 1 << 20;

/**
 * Decodes a message body as JSON the way vscode-jsonrpc does, but lets the event loop run between
 * turning the bytes into a string and parsing it: for a 50 MB didOpen each step costs 150 to 200 ms,
 * and done in one go they held every other message (and the user's typing) for over half a second.
 */
const yieldingJsonDecoder: ContentTypeDecoder = {
  name: 'application/json',
  async decode(buffer: Uint8Array, options: { charset: BufferEncoding }): Promise<Message> {
    const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    if (bytes.byteLength < LARGE_MESSAGE_BYTES) return JSON.parse(bytes.toString(options.charset)) as Message;
    await nextTurn();
    const text = bytes.toString(options.charset);
    await nextTurn();
    return JSON.parse(text) as Message;
  },
};

/**
 * A request cancelled while it still waits in the connection's queue is answered RequestCancelled
 * at once instead of being worked on (vscode-jsonrpc's default runs it anyway).
 */
const OPTIONS: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message): ResponseMessage => ({
      jsonrpc: '2.0',
      // Only ever called with a request still in the queue.
      id: (message as RequestMessage).id,
      error: new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.').toJson(),
    }),
  },
};

/** For handlers that awaited something: a request cancelled meanwhile gets RequestCancelled, not stale work. */
export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/**
 * The connection for --stdio with the yielding decoder; --node-ipc, --socket and --pipe as
 * vscode-languageserver sets them up from argv (IPC messages are decoded by Node itself).
 */
export function createServerConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all, OPTIONS);
  const connection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(process.stdin, { charset: 'utf-8', contentTypeDecoder: yieldingJsonDecoder }),
    new StreamMessageWriter(process.stdout),
    OPTIONS,
  );
  // Given a reader rather than a stream, vscode-languageserver no longer sends console output to the
  // client (on stdout it would corrupt the protocol) nor ends the process when the client closes
  // stdin; both are done here. LSP says exit 0 after shutdown and 1 otherwise; server.ts registers
  // no shutdown handler of its own (there is room for one).
  const text = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
  console.log = console.info = (...args: unknown[]) => connection.console.log(text(args));
  console.debug = (...args: unknown[]) => connection.console.debug(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  return connection;
}
