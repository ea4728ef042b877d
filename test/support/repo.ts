import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** out/test/support -> the repository root (dist/, examples/ and node_modules/ live there). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

export function readExample(name: string): string {
  return readFileSync(join(REPO_ROOT, 'examples', name), 'utf8');
}
