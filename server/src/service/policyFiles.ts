import picomatch from 'picomatch';
import type { PolicyDocument } from '../policy/model';
import { findMember } from '../policy/tree';

/**
 * Which JSON documents are IAM policies: a root object with a `Statement` member always; other files
 * only when their path matches `iamPolicy.files` (so a new, empty policy.json gets help too).
 * Everything else (package.json, tsconfig.json, ...) gets nothing from us.
 */
const matchers = new Map<string, (path: string) => boolean>();

export function isPolicyDocument(document: PolicyDocument, path: string, globs: readonly string[]): boolean {
  const root = document.root;
  if (root?.kind === 'object' && findMember(root, 'Statement')) return true;
  // A document too deep to parse is judged by its text, so a broken policy still gets its one diagnostic.
  if (document.tooDeep && document.text.includes('"Statement"')) return true;
  return matchesPolicyGlobs(path, globs);
}

export function matchesPolicyGlobs(path: string, globs: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  return globs.some((glob) => matcher(glob)(normalized));
}

function matcher(glob: string): (path: string) => boolean {
  let match = matchers.get(glob);
  if (!match) {
    match = picomatch(glob, { dot: true, nocase: true });
    matchers.set(glob, match);
  }
  return match;
}
