import { existsSync, readFileSync, rmSync } from 'node:fs';

/** What test/e2e/index.ts writes when mocha ends: the channel that does not depend on the editor's exit code. */
export interface SuiteResult {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: readonly { readonly title: string; readonly message: string }[];
  readonly durationMs: number;
}

/** Environment variable naming the result file, read by test/e2e/index.ts inside the extension host. */
export const RESULT_FILE_VARIABLE = 'IAM_E2E_RESULT_FILE';

export function clearResult(file: string): void {
  rmSync(file, { force: true });
}

export function readResult(file: string): SuiteResult | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SuiteResult) : undefined;
}

/**
 * The exit code from both channels: the editor's exit code and the result file must agree that at
 * least one test ran and none failed. A missing file, a crash or zero tests all fail the run.
 */
export function verdict(label: string, exitCode: number | undefined, result: SuiteResult | undefined): number {
  if (result) {
    for (const failure of result.failures) console.log(`  FAILED ${failure.title}\n    ${failure.message.replace(/\n/g, '\n    ')}`);
    // The plain closing line CI reads: "N passed, N failed".
    console.log(`${label}: ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} skipped` : ''}`);
  } else {
    console.log(`${label}: no result file: the suite did not finish (extension host exit code ${exitCode ?? 'none'})`);
  }
  const ok = exitCode === 0 && result !== undefined && result.failed === 0 && result.passed > 0;
  if (!ok && exitCode === 0 && result && result.failed > 0) console.log(`${label}: the editor reported exit code 0 despite failures; the result file wins`);
  return ok ? 0 : 1;
}
