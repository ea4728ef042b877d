import type { PolicyDocument } from '../../policy/model';
import type { PolicyDiagnostic } from '../diagnostics';
import { checkAccountLevelActions, checkActionNames, checkAllowWithNot, checkPassRole, checkResourceMatch } from './actions';
import { checkConditions } from './conditions';
import { ValidationContext, type Knowledge } from './context';
import { checkPolicyGrammar } from './grammar';
import { checkResources } from './resources';
import { checkSyntax } from './syntax';

/** Every rule over one parsed document, with default severities, in document order. */
export function validatePolicy(document: PolicyDocument, knowledge: Knowledge): PolicyDiagnostic[] {
  const ctx = new ValidationContext(document, knowledge);
  checkSyntax(ctx);
  checkPolicyGrammar(ctx);
  for (const statement of document.policy?.statements ?? []) {
    checkActionNames(ctx, statement);
    checkAccountLevelActions(ctx, statement);
    checkResourceMatch(ctx, statement);
    checkResources(ctx, statement);
    checkConditions(ctx, statement);
    checkPassRole(ctx, statement);
    checkAllowWithNot(ctx, statement);
  }
  return ctx.diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
