import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** out/test/support -> the repository root (dist/, examples/ and node_modules/ live there). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

export function readExample(name: string): string {
  return readFileSync(join(REPO_ROOT, 'examples', name), 'utf8');
}

/**
 * A whole document a test expects, from test/fixtures: one copy for the unit, LSP and real-editor
 * tests (wp-offload-ses-merged.fixed.json: the merged example after the split fix).
 */
export function readFixture(name: string): string {
  return readFileSync(join(REPO_ROOT, 'test', 'fixtures', name), 'utf8');
}
