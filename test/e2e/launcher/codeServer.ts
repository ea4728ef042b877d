import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { RunFolder } from './runFolder';
import type { Provisioned } from './paths';

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** Everything code-server printed, for the failure report. */
  output(): string;
  /** Ends code-server's whole process group: the server, its extension hosts and their language servers. */
  stop(): Promise<void>;
}

const LISTENING = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//;

function commonArgs(provisioned: Provisioned, run: RunFolder): string[] {
  return [provisioned.codeServer, '--config', run.configFile, '--user-data-dir', run.userDataDir, '--extensions-dir', run.extensionsDir];
}

/** Installs a .vsix into the run's extensions folder, offline, as `code --install-extension` would. */
export function installExtension(provisioned: Provisioned, run: RunFolder, vsix: string): void {
  const result = spawnSync(provisioned.node, [...commonArgs(provisioned, run), '--force', '--install-extension', vsix], {
    env: run.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (${result.error?.message ?? `exit code ${result.status}`}):\n${result.stdout}${result.stderr}`);
  }
}

/** Starts code-server on a free port of 127.0.0.1 and resolves once it listens. */
export async function startCodeServer(provisioned: Provisioned, run: RunFolder, timeoutMs = 60_000): Promise<CodeServer> {
  const child = spawn(
    provisioned.node,
    [
      ...commonArgs(provisioned, run),
      '--bind-addr', '127.0.0.1:0',
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      // A closed tab's extension host is ended soon instead of kept three hours for a reconnection.
      '--reconnection-grace-time', '5',
      // Makes the release build honour the extensionDevelopmentPath/extensionTestsPath payload and
      // expose window.driver; without it the payload is silently ignored.
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    // Its own process group, so one kill ends everything it started.
    { detached: true, env: run.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const stopOnExit = (): void => killGroup(child, 'SIGKILL');
  // A crash or Ctrl+C of the launcher must not leave code-server running.
  process.once('exit', stopOnExit);

  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = LISTENING.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (code ${code}, signal ${signal}) before listening:\n${output}`));
    });
  }).catch((error: unknown) => {
    killGroup(child, 'SIGKILL');
    throw error;
  });

  return {
    origin,
    output: () => output,
    async stop() {
      process.removeListener('exit', stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) {
        killGroup(child, 'SIGKILL'); // the server is gone; its extension hosts may not be
        return;
      }
      const exited = once(child, 'exit');
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // children that outlived the server's own shutdown
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
