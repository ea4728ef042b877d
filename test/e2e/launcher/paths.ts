import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** out/test/e2e/launcher -> the repository root. */
export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
/** Git-ignored: the provisioned editor, the run folders, the screenshots of test runs. */
export const CACHE = join(REPO_ROOT, '.vscode-test');
export const SUITE_INDEX = join(REPO_ROOT, 'out', 'test', 'e2e', 'index.js');
export const UI_TESTS = join(REPO_ROOT, 'out', 'test', 'e2e', 'ui');
export const VSIX = join(REPO_ROOT, 'dist', 'iam-policy-language-tools.vsix');

/** What scripts/e2e/provision.mjs installed, and where. */
export interface Provisioned {
  readonly node: string;
  readonly codeServer: string;
  readonly chromium: string;
  readonly codeServerVersion: string;
}

export function readProvisioned(): Provisioned {
  const manifest = join(CACHE, 'provisioned.json');
  if (!existsSync(manifest)) {
    throw new Error(`${manifest} is missing: run \`node scripts/e2e/provision.mjs\` first (npm run test:e2e does).`);
  }
  const provisioned = JSON.parse(readFileSync(manifest, 'utf8')) as Provisioned;
  for (const file of [provisioned.node, provisioned.codeServer, provisioned.chromium]) {
    if (!existsSync(file)) throw new Error(`${file} is gone: run \`node scripts/e2e/provision.mjs\` again.`);
  }
  return provisioned;
}
