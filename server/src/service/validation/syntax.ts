import { MAX_DEPTH } from '../../policy/parseJson';
import { findTrailingCommas } from '../../policy/trailingCommas';
import { checkCharacters } from './characters';
import type { ValidationContext } from './context';

/** Problems with the text itself, reported before (and regardless of) the policy's meaning. */
export function checkSyntax(ctx: ValidationContext): void {
  const { document } = ctx;
  if (document.tooDeep) {
    ctx.report('json-too-deep', document.tooDeep, `The document nests deeper than ${MAX_DEPTH} levels, far beyond any IAM policy, so it is not analysed. Check for a runaway paste or a generated file.`);
    return;
  }
  checkCharacters(ctx);
  // A file just created is not broken yet; it gets help, not an error.
  if (document.text.trim() === '') return;
  const trailing = findTrailingCommas(document);
  const explained = new Set(trailing.flatMap((t) => t.issues));
  for (const { comma, closer } of trailing) {
    if (!ctx.accepts('trailing-comma', comma)) continue;
    ctx.report('trailing-comma', comma, `A comma before "${closer}": JSON allows none, so IAM rejects the policy. Remove the comma.`);
  }
  for (const issue of document.syntaxIssues) {
    if (explained.has(issue)) continue;
    const range = issue.range.end > issue.range.start ? issue.range : { start: issue.range.start, end: Math.min(issue.range.start + 1, document.text.length) };
    // Skipped before the message is built when a document has more syntax errors than are shown.
    if (!ctx.accepts('json-syntax', range)) continue;
    ctx.report('json-syntax', range, `${issue.message}. Fix the JSON syntax; IAM rejects a policy that does not parse.`);
  }
}
