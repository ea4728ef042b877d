import { connect } from 'node:net';
import { join } from 'node:path';
import { download, runTests } from '@vscode/test-electron';
import { CACHE, REPO_ROOT, SUITE_INDEX } from './paths';
import { clearResult, readResult, RESULT_FILE_VARIABLE, verdict } from './results';
import { createRunFolder } from './runFolder';

/** The same VS Code as code-server 4.139.1, so both launchers test one version. */
const VSCODE_VERSION = '1.139.1';
const DOWNLOAD_HOST = 'update.code.visualstudio.com';

export interface Probe {
  readonly reachable: boolean;
  /** What happened and how long it took, for the launcher's message. */
  readonly detail: string;
}

/** Whether desktop VS Code can be downloaded from here: one TCP connect, given up on after `timeoutMs`. */
export function canDownloadVsCode(timeoutMs = 3_000): Promise<Probe> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect({ host: DOWNLOAD_HOST, port: 443, timeout: timeoutMs });
    const done = (reachable: boolean, what: string): void => {
      socket.destroy();
      resolve({ reachable, detail: `${what} after ${Date.now() - started} ms` });
    };
    socket.once('connect', () => done(true, 'connected'));
    socket.once('timeout', () => done(false, 'no answer'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(false, error.code ?? error.message));
  });
}

/** Why desktop VS Code cannot run here, or undefined when it can (Linux needs an X display, e.g. xvfb-run). */
export function electronBlocker(): string | undefined {
  if (process.platform === 'linux' && !process.env.DISPLAY) return 'no X display (DISPLAY is unset; run under xvfb-run to use it)';
  return undefined;
}

/** Runs the integration suite in desktop VS Code (downloaded once into .vscode-test/) through @vscode/test-electron. */
export async function runSuiteInElectron(): Promise<number> {
  const resultFile = join(CACHE, 'results', 'integration-electron.json');
  clearResult(resultFile);
  // The run folder's user-data-dir carries the same offline settings as the code-server runs.
  const run = createRunFolder('integration-electron');
  const started = Date.now();
  const vscodeExecutablePath = await download({ version: VSCODE_VERSION, cachePath: CACHE, timeout: 15_000 });
  let exitCode: number | undefined;
  try {
    exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_INDEX,
      extensionTestsEnv: { [RESULT_FILE_VARIABLE]: resultFile },
      launchArgs: [
        run.workspace,
        '--user-data-dir', run.userDataDir,
        '--extensions-dir', run.extensionsDir,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
      ],
    });
  } catch (error) {
    console.log(`integration: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`integration: finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return verdict('integration', exitCode, readResult(resultFile));
}
