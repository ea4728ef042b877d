import { runSuiteInCodeServer } from './codeServerSuite';
import { canDownloadVsCode, electronBlocker, runSuiteInElectron } from './electronSuite';
import { runTimeoutMs, startWatchdog } from './watchdog';

/**
 * Runs the integration suite (test/e2e/suite) in a real VS Code, choosing the launcher:
 * IAM_E2E_LAUNCHER=electron or =code-server forces one; otherwise desktop VS Code through
 * @vscode/test-electron when it can be downloaded and shown, else code-server in headless Chromium.
 * The probe gives up after 3 s, so machines without that download host fall back at once.
 */
async function main(): Promise<number> {
  const timeoutMs = runTimeoutMs(300_000);
  // The wait for the suite's outcome has its own limit; this one also covers start-up and shutdown.
  startWatchdog('integration', timeoutMs + 120_000);
  const forced = process.env.IAM_E2E_LAUNCHER;
  if (forced && forced !== 'electron' && forced !== 'code-server') {
    console.error(`IAM_E2E_LAUNCHER must be "electron" or "code-server", not "${forced}"`);
    return 2;
  }
  if (forced === 'electron') {
    console.log('integration: launcher @vscode/test-electron (desktop VS Code), as IAM_E2E_LAUNCHER asks');
    return runSuiteInElectron();
  }
  if (!forced) {
    const probe = await canDownloadVsCode();
    const blocker = probe.reachable ? electronBlocker() : `its download host is not reachable (${probe.detail})`;
    if (!blocker) {
      console.log('integration: launcher @vscode/test-electron (desktop VS Code)');
      return runSuiteInElectron();
    }
    console.log(`integration: desktop VS Code skipped: ${blocker}`);
  }
  console.log('integration: launcher code-server 4.139.1 in headless Chromium');
  return runSuiteInCodeServer(timeoutMs);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
