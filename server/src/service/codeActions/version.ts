import type { PolicyDiagnostic } from '../diagnostics';
import { quickFix, type Fix, type FixContext } from './codeAction';
import { objectStyle } from './layout';
import { insert, replace, startOfLine } from './textEdits';

export const CURRENT_VERSION = '2012-10-17';

/**
 * `invalid-version`, or `invalid-type` on the Version value (`"Version": 2012`): the current policy
 * language version in place of the value.
 */
export function setVersion(ctx: FixContext, diagnostic: PolicyDiagnostic): Fix | undefined {
  const value = ctx.document.policy?.version?.value;
  if (!value || value.range.start !== diagnostic.range.start || value.range.end !== diagnostic.range.end) return undefined;
  const edit = replace(value.range, JSON.stringify(CURRENT_VERSION));
  return { action: quickFix(`Set "Version" to "${CURRENT_VERSION}"`, [diagnostic], [edit], true), safe: true };
}

/** `missing-version`: "Version" as the first member of the policy, spaced like the member it precedes. */
export function addVersion(ctx: FixContext, diagnostic: PolicyDiagnostic): Fix | undefined {
  const policy = ctx.document.policy;
  if (!ctx.wellFormed || !policy || policy.version) return undefined;
  // A "version" typed in the wrong case is fixed by renaming it, not by adding a second one.
  if (policy.node.members.some((m) => m.key.toLowerCase() === 'version')) return undefined;
  const style = objectStyle(ctx.text, policy.node, ctx.layout);
  const member = `"Version"${style.keyValue}${JSON.stringify(CURRENT_VERSION)}`;
  const first = policy.node.members[0];
  const title = `Add "Version": "${CURRENT_VERSION}"`;
  if (!first) return { action: quickFix(title, [diagnostic], [insert(policy.node.range.start + 1, member)], true), safe: true };
  // On a line of its own above the first member's line, unless that line starts inside a comment.
  const line = startOfLine(ctx.text, first.keyRange.start);
  const edit = style.multiline && !insideComment(ctx.text, policy.node.range.start + 1, first.keyRange.start, line)
    ? insert(line, `${style.memberIndent}${member},${ctx.layout.eol}`)
    : insert(first.keyRange.start, `${member}${style.multiline ? ', ' : style.separator}`);
  return { action: quickFix(title, [diagnostic], [edit], true), safe: true };
}

/** Whether `offset` falls inside a block comment, among the comments between `from` and `to`. */
function insideComment(text: string, from: number, to: number, offset: number): boolean {
  let i = from;
  while (i < to) {
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2) + 2;
      if (end < 2 || (offset > i && offset < end)) return true;
      i = end;
    } else if (text.startsWith('//', i)) {
      while (i < to && text[i] !== '\n') i++;
    } else i++;
  }
  return false;
}
