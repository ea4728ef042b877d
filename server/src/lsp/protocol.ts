/**
 * The server's own LSP messages, declared once: the server registers them and the VS Code client,
 * which bundles this file, sends them. Plain method names keep this module free of dependencies.
 */

/** Request, no params: the server's process id, so a client (or its tests) can tell which process serves it. */
export const SERVER_PROCESS_ID_REQUEST = 'iamPolicy/serverProcessId';
export type ServerProcessIdResult = number;
