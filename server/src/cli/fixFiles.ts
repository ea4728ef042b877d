import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, closeSync, constants, fchownSync, fstatSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { onlyTrailingCommas } from '../policy/trailingCommas';
import { fixAll } from '../service/codeActions';
import type { LanguageService } from '../service/languageService';
import type { PolicySettings } from '../service/settings';

/**
 * `iam-policy-lint --fix`: the editor's safe fixes, applied to files. A file is written only when it
 * parsed before (trailing commas aside, which are removed), parses cleanly after, and may be written
 * by the user; and then atomically (temporary file in the same folder, every byte written, fsync,
 * mode and owner kept, rename), so a crash, a full disk or a failed write leaves each file either as
 * it was or fully fixed, and no temporary file behind (short of a crash).
 */
export interface FixOutcome {
  readonly fixed: readonly { readonly code: string; readonly title: string }[];
  /** Why the file was left alone, when it was. */
  readonly skipped?: string;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A failure while writing the fixed text (the CLI reports it as such, not as a read failure). */
export class WriteError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

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
  // Reached when a trailing comma stays because its rule is off (--rule trailing-comma=off).
  if (after.tooDeep || after.syntaxIssues.length > 0) return { fixed: [], skipped: 'the fixed text would not parse' };

  // Through a symlink the file it points to is replaced, not the link itself.
  const target = realpathSync(path);
  const stats = statSync(target);
  const refused = whyNotWritable(target, stats);
  if (refused) return { fixed: [], skipped: refused };
  // A failed write throws (the file is as it was, no temporary file is left): the CLI reports it as
  // an I/O problem and exits 2, unlike a file it chose not to touch.
  writeAtomically(target, stats, hasBom ? Buffer.concat([BOM, Buffer.from(result.text, 'utf8')]) : Buffer.from(result.text, 'utf8'));
  return { fixed: result.fixed };
}

/**
 * Why the user's file must not be replaced, if it must not. The rename would succeed in any folder
 * the user may write, read-only file or not, so the file's own permission is asked first. Root may
 * write anything, so for root a file without any write bit (chmod a-w) counts as read-only: that is
 * how it was marked.
 *
 * A file with several hard links is skipped, not rewritten in place: the rename gives this name a
 * new file and leaves the other names on the old text (a silent split), and writing in place could
 * leave a half-written file under every name after a crash or a full disk. Skipping, and saying so,
 * keeps the promise that a file ends either as it was or fully fixed.
 */
function whyNotWritable(path: string, stats: Stats): string | undefined {
  if (!stats.isFile()) return 'it is not a regular file';
  if (stats.nlink > 1) return `it has ${stats.nlink} hard links, and replacing it would leave the others on the old text`;
  if (process.getuid?.() === 0) return (stats.mode & 0o222) === 0 ? 'it is read-only' : undefined;
  // Only root can give the new file another user's ownership; replacing it with one of ours would
  // quietly hand the file over.
  if (process.getuid && stats.uid !== process.getuid()) return 'it belongs to another user';
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch {
    return 'it is read-only';
  }
}

function writeAtomically(path: string, stats: Stats, content: Buffer): void {
  const mode = stats.mode & 0o7777;
  // Short whatever the file's name (a name near the file system's limit must still get one).
  const temporary = join(dirname(path), `.${basename(path).slice(0, 40)}.${randomBytes(6).toString('hex')}.iam-fix.tmp`);
  let created = false;
  try {
    // 'wx': never open (and later remove) something that was already there.
    const fd = openSync(temporary, 'wx', 0o600);
    created = true;
    try {
      // A write may be short (a full disk, a file size limit): go on until every byte is down, or fail.
      for (let offset = 0; offset < content.length; ) {
        const count = writeSync(fd, content, offset, content.length - offset);
        if (count <= 0) throw new Error(`wrote ${offset} of ${content.length} bytes`);
        offset += count;
      }
      const written = fstatSync(fd);
      if (written.uid !== stats.uid || written.gid !== stats.gid) fchownSync(fd, stats.uid, stats.gid);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temporary, mode);
    renameSync(temporary, path);
    created = false;
  } catch (error) {
    if (created) {
      try {
        unlinkSync(temporary);
      } catch {
        // Already gone.
      }
    }
    throw new WriteError(error as Error);
  }
  syncFolder(dirname(path));
}

/** The rename itself survives a power cut only once the folder is flushed; not every platform allows it. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder; the rename is still atomic.
  }
}
