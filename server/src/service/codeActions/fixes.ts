import type { PolicyDocument } from '../../policy/model';
import type { PolicyDiagnostic } from '../diagnostics';
import type { PolicySettings } from '../settings';
import type { Knowledge } from '../validation/context';
import { fillPlaceholder } from './arnPlaceholder';
import { createFixContext, quickFix, statementAt, type Fix, type FixContext } from './codeAction';
import { removeDuplicateAction, renameDuplicateSid } from './duplicates';
import { moveAccountActions } from './moveAccountActions';
import { replaceWithSuggestions } from './replaceWithSuggestion';
import { addResourceTemplate } from './resourceMismatch';
import { narrowEdit, remove } from './textEdits';
import { addVersion, setVersion } from './version';

/** Every fix for the diagnostics, with whether fix-all may apply it. */
export function getFixes(document: PolicyDocument, diagnostics: readonly PolicyDiagnostic[], settings: PolicySettings, knowledge: Knowledge): Fix[] {
  const ctx = createFixContext(document, settings, knowledge);
  const fixes: Fix[] = [];
  const movedStatements = new Set<number>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.code === 'account-action-in-scoped-statement') {
      // One fix per statement, carrying every account-level diagnostic of that statement.
      const statement = statementAt(ctx, diagnostic);
      if (!statement || movedStatements.has(statement.index)) continue;
      movedStatements.add(statement.index);
      const siblings = diagnostics.filter((d) => d.code === diagnostic.code && d.data?.statementIndex === statement.index);
      const fix = moveAccountActions(ctx, statement, siblings);
      if (fix) fixes.push(fix);
      continue;
    }
    fixes.push(...fixesFor(ctx, diagnostic));
  }
  return fixes.map((fix) => narrowFix(ctx.text, fix));
}

/** Each edit as small as it gets: a fix that rewrites a whole token still touches only the bytes that change. */
function narrowFix(text: string, fix: Fix): Fix {
  const edits = fix.action.edits.map((edit) => narrowEdit(text, edit));
  return edits.every((edit, i) => edit === fix.action.edits[i]) ? fix : { ...fix, action: { ...fix.action, edits } };
}

function fixesFor(ctx: FixContext, diagnostic: PolicyDiagnostic): Fix[] {
  const one = (fix: Fix | undefined) => (fix ? [fix] : []);
  switch (diagnostic.code) {
    case 'unknown-action':
    case 'unknown-service':
    case 'unknown-element':
    case 'invalid-effect':
    case 'action-case':
      return replaceWithSuggestions(ctx, diagnostic);
    case 'missing-version':
      return one(addVersion(ctx, diagnostic));
    case 'invalid-version':
      return one(setVersion(ctx, diagnostic));
    case 'invalid-type':
      // `"Version": 2012` is a type error, not an invalid-version one, yet the same fix; setVersion
      // offers it only when the diagnostic covers the Version value.
      return one(setVersion(ctx, diagnostic));
    case 'duplicate-sid':
      return one(renameDuplicateSid(ctx, diagnostic));
    case 'duplicate-action':
      return one(removeDuplicateAction(ctx, diagnostic));
    case 'arn-placeholder':
      return one(fillPlaceholder(ctx, diagnostic));
    case 'resource-mismatch':
      return one(addResourceTemplate(ctx, diagnostic));
    case 'trailing-comma':
      return one(removeTrailingComma(ctx, diagnostic));
    default:
      return [];
  }
}

/** `trailing-comma`: the comma goes, every other byte (the space or line break after it) stays. */
function removeTrailingComma(ctx: FixContext, diagnostic: PolicyDiagnostic): Fix | undefined {
  const { start, end } = diagnostic.range;
  if (end !== start + 1 || ctx.text[start] !== ',') return undefined;
  return { action: quickFix('Remove the trailing comma', [diagnostic], [remove(start, end)], true), safe: true };
}
