import { NOT_COUNTERPARTS } from '../../policy/model';
import type { PolicyDiagnostic } from '../diagnostics';
import { objectWithKeyAt, quickFix, stringAt, type Fix, type FixContext } from './codeAction';
import { replace } from './textEdits';

/**
 * `unknown-action`, `unknown-service`, `unknown-element`, `invalid-effect` and `action-case`: one fix
 * per suggestion, the closest preferred. Fix-all takes one only when it is the sole suggestion that
 * differs from what was typed by case alone ("effect" for "Effect"); a did-you-mean among several
 * candidates is the user's call.
 */
export function replaceWithSuggestions(ctx: FixContext, diagnostic: PolicyDiagnostic): Fix[] {
  const { start, end } = diagnostic.range;
  const typed = stringAt(ctx.text, start, end);
  if (typed === undefined) return [];
  let suggestions = (diagnostic.data?.suggestions ?? []).filter((s) => s !== typed);
  let reads: Fix['reads'];
  if (diagnostic.code === 'unknown-element') {
    // Renaming onto a key the object already has (or its Not form) would trade one error for another.
    const found = objectWithKeyAt(ctx, start, end);
    if (!found) return [];
    const keys = new Set(found.object.members.map((m) => m.key));
    suggestions = suggestions.filter((s) => !keys.has(s) && !(NOT_COUNTERPARTS[s] !== undefined && keys.has(NOT_COUNTERPARTS[s])));
    reads = found.object.members.map((m) => m.keyRange);
  }
  const caseOnly = suggestions.filter((s) => s.toLowerCase() === typed.toLowerCase());
  return suggestions.map((suggestion, i) => {
    const title = diagnostic.code === 'action-case'
      ? `Write "${suggestion}" as AWS documents it`
      : diagnostic.code === 'unknown-element'
        ? `Rename "${typed}" to "${suggestion}"`
        : `Replace "${typed}" with "${suggestion}"`;
    const safe = diagnostic.code === 'action-case' || (i === 0 && caseOnly.length === 1 && caseOnly[0] === suggestion);
    return { action: quickFix(title, [diagnostic], [replace(diagnostic.range, JSON.stringify(suggestion))], i === 0), safe, ...(reads ? { reads } : {}) };
  });
}
