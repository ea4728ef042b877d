import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { onlyTrailingCommas } from '../policy/trailingCommas';
import { fixAll } from '../service/codeActions';
import type { LanguageService } from '../service/languageService';
import type { PolicySettings } from '../service/settings';

/**
 * `iam-policy-lint --fix`: the editor's safe fixes, applied to files. A file is written only when it
 * parsed before (trailing commas aside, which are removed) and parses cleanly after, and then atomically (temporary file, fsync, rename, mode kept),
 * so a crash or a full disk leaves each file either as it was or fully fixed.
 */
export interface FixOutcome {
  readonly fixed: readonly { readonly code: string; readonly title: string }[];
  /** Why the file was left alone, when it was. */
  readonly skipped?: string;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function fixFile(path: string, service: LanguageService, settings: PolicySettings): FixOutcome {
  const bytes = readFileSync(path);
  const hasBom = bytes.subarray(0, 3).equals(BOM);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const text = body.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(body)) return { fixed: [], skipped: 'not UTF-8' };
  const before = service.parse(text);
  // Trailing commas are the one syntax error --fix repairs: what is meant is never in doubt.
  if (before.tooDeep || (before.syntaxIssues.length > 0 && !onlyTrailingCommas(before))) return { fixed: [], skipped: 'it does not parse' };
  const result = fixAll(text, service, settings);
  if (result.fixed.length === 0 || result.text === text) return { fixed: [] };
  const after = service.parse(result.text);
  if (after.tooDeep || after.syntaxIssues.length > 0) return { fixed: [], skipped: 'the fixed text would not parse' };
  writeAtomically(path, hasBom ? Buffer.concat([BOM, Buffer.from(result.text, 'utf8')]) : Buffer.from(result.text, 'utf8'));
  return { fixed: result.fixed };
}

function writeAtomically(link: string, content: Buffer): void {
  // Through a symlink the file it points to is replaced, not the link itself.
  const path = realpathSync(link);
  const mode = statSync(path).mode & 0o7777;
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.iam-fix.tmp`);
  try {
    const fd = openSync(temporary, 'wx', mode);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was created, or it is already gone.
    }
    throw error;
  }
}
