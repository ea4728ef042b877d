import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders a search never enters: dependencies and tool caches are not the user's policies. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test', 'out', 'dist']);

export interface FileTarget {
  readonly path: string;
  /** Named on the command line: linted even when it does not look like a policy. */
  readonly explicit: boolean;
}

/** Expands folders into the JSON files below them, in a stable order. Throws on a missing path. */
export function collectFiles(paths: readonly string[]): FileTarget[] {
  const targets: FileTarget[] = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) walk(path, targets);
    else targets.push({ path, explicit: true });
  }
  return targets;
}

function walk(folder: string, targets: FileTarget[]): void {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(path, targets);
    } else if (entry.isFile() && /\.jsonc?$/i.test(entry.name)) {
      targets.push({ path, explicit: false });
    }
  }
}
