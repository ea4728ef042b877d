import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Loaded into the language server with `node --require` by the robustness tests: records every
 * stretch of more than 50 ms in which the event loop could not run a 10 ms timer, and writes them
 * (in ms) to IAM_EVENT_LOOP_REPORT when the process exits. The server itself knows nothing of it.
 */
const report = process.env.IAM_EVENT_LOOP_REPORT;
if (report) {
  const blocks: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const blocked = now - last - 10;
    if (blocked > 50) blocks.push(Math.round(blocked));
    last = now;
  }, 10);
  timer.unref();
  process.on('exit', () => writeFileSync(report, JSON.stringify(blocks)));
}
