import type { PolicyDocument } from '../../policy/model';
import { onlyTrailingCommas } from '../../policy/trailingCommas';
import type { LanguageService } from '../languageService';
import type { PolicySettings } from '../settings';
import { getFixes } from './fixes';
import { applyEdits } from './textEdits';

/** Enough for any real policy; a bound so a pair of fixes undoing each other cannot loop forever. */
const MAX_ROUNDS = 100;

/**
 * Applies every safe fix, one per round against a fresh parse, until none is left: fixes that
 * restructure the document (a moved action, a new statement) then always see the current text, and
 * the next one can reuse the statement the last one created. A fix whose result would not parse
 * is skipped, so the text never gets worse. Trailing commas are the one syntax error it repairs
 * (their fix is safe); any other stops it.
 */
export function fixAll(text: string, service: LanguageService, settings: PolicySettings): { text: string; fixed: { code: string; title: string }[] } {
  const fixed: { code: string; title: string }[] = [];
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const document = service.parse(current);
    if (!fixable(document)) break;
    const diagnostics = service.doValidation(document, settings);
    const safe = getFixes(document, diagnostics, settings, service.knowledge).filter((fix) => fix.safe);
    let applied = false;
    for (const { action } of safe) {
      const next = applyEdits(current, action.edits);
      if (!fixable(service.parse(next))) continue;
      fixed.push({ code: action.diagnostics[0]?.code ?? 'fix', title: action.title });
      current = next;
      applied = true;
      break;
    }
    if (!applied) break;
  }
  return { text: current, fixed };
}

/** Parses, or would but for trailing commas. */
function fixable(document: PolicyDocument): boolean {
  return !document.tooDeep && (document.syntaxIssues.length === 0 || onlyTrailingCommas(document));
}
