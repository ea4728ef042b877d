/**
 * Ends the launcher, and with it code-server's process group (codeServer.ts kills it on exit) and
 * Chromium (Playwright closes it on exit), when a run hangs past `ms`: a stuck editor must fail CI
 * with a message rather than hold it until CI's own limit.
 */
export function startWatchdog(label: string, ms: number): void {
  const timer = setTimeout(() => {
    console.error(`${label}: gave up after ${Math.round(ms / 1000)} s (IAM_E2E_TIMEOUT_MS); ending code-server and Chromium`);
    process.exit(1);
  }, ms);
  timer.unref();
}

/** The overall limit of one launcher run, from IAM_E2E_TIMEOUT_MS (milliseconds). */
export function runTimeoutMs(fallback: number): number {
  const value = Number(process.env.IAM_E2E_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
