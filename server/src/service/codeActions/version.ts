import type { PolicyDiagnostic } from '../diagnostics';
import { quickFix, type Fix, type FixContext } from './codeAction';
import { objectStyle } from './layout';
import { insert, nextToken, replace, startOfLine } from './textEdits';

export const CURRENT_VERSION = '2012-10-17';

/** `invalid-version`: the current policy language version in place of the value. */
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
  const edit = style.multiline && !insideComment(ctx.text, policy.node.range.start + 1, startOfLine(ctx.text, first.keyRange.start))
    ? insert(startOfLine(ctx.text, first.keyRange.start), `${style.memberIndent}${member},${ctx.layout.eol}`)
    : insert(first.keyRange.start, `${member}${style.multiline ? ', ' : style.separator}`);
  return { action: quickFix(title, [diagnostic], [edit], true), safe: true };
}

/** Whether `offset` falls inside a block comment among the comments and whitespace after `from`. */
function insideComment(text: string, from: number, offset: number): boolean {
  let i = from;
  while (i < offset) {
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > offset) return true;
      i = close + 2;
    } else {
      const next = nextToken(text, i);
      if (next === i) return false;
      // nextToken skips whole comments; step back to handle a block comment on its own.
      const block = text.indexOf('/*', i);
      i = block >= 0 && block < next ? block : next;
    }
  }
  return false;
}
