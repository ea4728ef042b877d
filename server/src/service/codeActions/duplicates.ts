import type { PolicyDiagnostic } from '../diagnostics';
import { removeItems } from './arrayItems';
import { quickFix, statementAt, statementsRange, stringAt, type Fix, type FixContext } from './codeAction';
import { uniqueSid } from './moveAccountActions';
import { replace } from './textEdits';

/** `duplicate-sid`: the later statement gets the next free numbered Sid (Sid2, Sid3, ...). */
export function renameDuplicateSid(ctx: FixContext, diagnostic: PolicyDiagnostic): Fix | undefined {
  const sid = diagnostic.data?.sid;
  const value = statementAt(ctx, diagnostic)?.element('Sid')?.value;
  if (typeof sid !== 'string' || value?.kind !== 'string' || value.value !== sid) return undefined;
  if (value.range.start !== diagnostic.range.start || value.range.end !== diagnostic.range.end) return undefined;
  const renamed = uniqueSid(ctx, sid);
  const reads = statementsRange(ctx);
  return { action: quickFix(`Rename the Sid to "${renamed}"`, [diagnostic], [replace(value.range, JSON.stringify(renamed))], true), safe: true, ...(reads ? { reads: [reads] } : {}) };
}

/** `duplicate-action`: remove the repeated item with one separating comma. */
export function removeDuplicateAction(ctx: FixContext, diagnostic: PolicyDiagnostic): Fix | undefined {
  if (!ctx.wellFormed) return undefined;
  const statement = statementAt(ctx, diagnostic);
  const name = stringAt(ctx.text, diagnostic.range.start, diagnostic.range.end);
  if (!statement || name === undefined) return undefined;
  for (const element of ['Action', 'NotAction'] as const) {
    const value = statement.element(element)?.value;
    if (value?.kind !== 'array') continue;
    const index = value.items.findIndex((item) => item.range.start === diagnostic.range.start && item.range.end === diagnostic.range.end);
    if (index < 0) continue;
    const edits = removeItems(ctx.text, value, new Set([index]));
    if (!edits) return undefined;
    // Which commas go depends on the neighbouring items.
    return { action: quickFix(`Remove the duplicate "${name}"`, [diagnostic], edits, true), safe: true, reads: [value.range] };
  }
  return undefined;
}
