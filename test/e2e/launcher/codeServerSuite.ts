import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openWorkbench } from './browser';
import { startCodeServer } from './codeServer';
import { CACHE, readProvisioned, REPO_ROOT, SUITE_INDEX } from './paths';
import { clearResult, readResult, RESULT_FILE_VARIABLE, verdict } from './results';
import { createRunFolder } from './runFolder';

/** Marks mocha's reporter lines among the workbench's console messages (see test/e2e/index.ts). */
const REPORTER_PREFIX = '[e2e] ';

/**
 * Runs the integration suite in code-server's extension host, the workbench open in headless Chromium:
 * the extension from this folder as under development, the suite as its extensionTestsPath.
 */
export async function runSuiteInCodeServer(timeoutMs: number): Promise<number> {
  const provisioned = readProvisioned();
  const resultFile = join(CACHE, 'results', 'integration-code-server.json');
  clearResult(resultFile);
  const run = createRunFolder('integration', {
    node: provisioned.node,
    env: { [RESULT_FILE_VARIABLE]: resultFile, IAM_E2E_LOG_PREFIX: REPORTER_PREFIX },
  });
  const workbenchLog = join(run.dir, 'workbench.log');
  const started = Date.now();
  const server = await startCodeServer(provisioned, run);
  let exitCode: number | undefined;
  try {
    const browser = await launchBrowser(provisioned, run);
    try {
      exitCode = await new Promise<number | undefined>((resolve, reject) => {
        const timer = setTimeout(() => {
          console.log(`integration: no outcome within ${timeoutMs} ms; ending code-server`);
          resolve(undefined);
        }, timeoutMs);
        openWorkbench(browser, server, run, {
          extensionDevelopmentPath: REPO_ROOT,
          extensionTestsPath: SUITE_INDEX,
          onLog: (type, message) => {
            if (message.startsWith(REPORTER_PREFIX)) console.log(message.slice(REPORTER_PREFIX.length));
            else appendFileSync(workbenchLog, `[${type}] ${message}\n`);
          },
          onExit: (code) => {
            clearTimeout(timer);
            resolve(code);
          },
        }).catch((error: unknown) => {
          clearTimeout(timer);
          reject(error);
        });
      });
    } finally {
      await browser.close();
    }
  } catch (error) {
    console.log(`integration: ${error instanceof Error ? error.message : String(error)}\ncode-server said:\n${server.output()}`);
  } finally {
    await server.stop();
  }
  console.log(`integration: the workbench's own console is in ${workbenchLog}`);
  console.log(`integration: finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return verdict('integration', exitCode, readResult(resultFile));
}
