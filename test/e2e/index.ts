import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'iam-policy-tools.iam-policy-language-tools';

/**
 * The @vscode/test-electron contract: the extension host loads this file as extensionTestsPath and
 * awaits run(); a rejection makes it exit non-zero. Both launchers (desktop VS Code and code-server)
 * use it unchanged. It also writes the outcome to the file named by IAM_E2E_RESULT_FILE, a second
 * channel that does not depend on how the editor reports its exit code.
 */
export function run(): Promise<void> {
  const started = Date.now();
  markReporterOutput(process.env.IAM_E2E_LOG_PREFIX);
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  const suite = join(__dirname, 'suite');
  // activation runs first: it checks that no server is running before any policy has been opened.
  const files = readdirSync(suite)
    .filter((name) => name.endsWith('.test.js'))
    .sort((a, b) => Number(b.startsWith('activation.')) - Number(a.startsWith('activation.')) || a.localeCompare(b));
  for (const file of files) mocha.addFile(join(suite, file));
  // Every test needs the extension: if it is missing, does not activate or its activate() throws,
  // report that once instead of letting each test time out on diagnostics that never come. Users
  // never call activate(): opening a JSON document must do it, as the manifest's activation events say.
  mocha.rootHooks({
    async beforeAll() {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this editor`);
      // Empty, so the untitled editor is not dirty and closes without a prompt.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content: '' }));
      // Activation raises no event a test can await: look again until a deadline.
      const deadline = Date.now() + 30_000;
      while (!extension.isActive) {
        if (Date.now() > deadline) throw new Error(`${EXTENSION_ID} did not activate when a JSON document was opened: check its activationEvents`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await extension.activate();
    },
  });

  const failures: { title: string; message: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failed) => {
      const stats = runner.stats;
      writeResult({
        passed: stats?.passes ?? 0,
        failed,
        pending: stats?.pending ?? 0,
        failures,
        durationMs: Date.now() - started,
      });
      if (failed > 0) reject(new Error(`${failed} end-to-end tests failed`));
      else resolve();
    });
    runner.on('fail', (test, error: unknown) => {
      failures.push({ title: test.fullTitle(), message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  });
}

/**
 * In code-server the extension host's console reaches the launcher mixed with the workbench's own
 * (gallery and sign-in noise of an offline machine); a prefix lets it print the reporter alone.
 */
function markReporterOutput(prefix: string | undefined): void {
  if (!prefix) return;
  const log = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => log(`${prefix}${format(...data)}`);
}

function writeResult(result: object): void {
  const file = process.env.IAM_E2E_RESULT_FILE;
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}
