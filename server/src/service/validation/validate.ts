import type { PolicyDocument } from '../../policy/model';
import type { PolicyDiagnostic } from '../diagnostics';
import { checkAccountLevelActions, checkActionNames, checkAllowWithNot, checkPassRole, checkResourceMatch } from './actions';
import { checkConditions } from './conditions';
import { ValidationContext, type Knowledge, type RuleOverrides } from './context';
import { checkPolicyGrammar, checkSids, checkStatement } from './grammar';
import { checkResources } from './resources';
import { checkSyntax } from './syntax';

/**
 * Every rule over one parsed document, in document order, with the user's severity overrides (rules
 * set to "off" are not reported) and at most MAX_PROBLEMS findings plus a `too-many-problems` summary.
 */
export function validatePolicy(document: PolicyDocument, knowledge: Knowledge, overrides: RuleOverrides = {}): PolicyDiagnostic[] {
  const cached = finished.get(document);
  if (cached && cached.knowledge === knowledge && cached.overrides === overrides) return cached.diagnostics.slice();
  const steps = validationSteps(document, knowledge, overrides);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * `validatePolicy` in slices of about `sliceMs`, calling `pause` between them, for the server: a
 * policy of tens of thousands of statements then never holds up other requests for long. The
 * result is kept with the document, so the `validatePolicy` call that follows (through the
 * language service, with the same knowledge and overrides) returns it at once. False when `pause`
 * answered false (the document is outdated).
 */
export async function validateInSlices(
  document: PolicyDocument,
  knowledge: Knowledge,
  overrides: RuleOverrides,
  sliceMs: number,
  pause: () => Promise<boolean>,
): Promise<boolean> {
  const steps = validationSteps(document, knowledge, overrides);
  let deadline = performance.now() + sliceMs;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      finished.set(document, { knowledge, overrides, diagnostics: step.value });
      return true;
    }
    if (performance.now() > deadline) {
      if (!(await pause())) return false;
      deadline = performance.now() + sliceMs;
    }
  }
}

const finished = new WeakMap<PolicyDocument, { knowledge: Knowledge; overrides: RuleOverrides; diagnostics: PolicyDiagnostic[] }>();

/** How many statements are checked between two chances to pause. */
const STATEMENTS_PER_STEP = 32;

/**
 * The rules, yielding between groups of statements. Each statement's grammar is checked right before
 * its other rules, so findings on the same text keep the order they always had.
 */
function* validationSteps(document: PolicyDocument, knowledge: Knowledge, overrides: RuleOverrides): Generator<void, PolicyDiagnostic[]> {
  const ctx = new ValidationContext(document, knowledge, overrides);
  checkSyntax(ctx);
  checkPolicyGrammar(ctx);
  yield;
  const statements = document.policy?.statements ?? [];
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    checkStatement(ctx, statement);
    checkActionNames(ctx, statement);
    checkAccountLevelActions(ctx, statement);
    checkResourceMatch(ctx, statement);
    checkResources(ctx, statement);
    checkConditions(ctx, statement);
    checkPassRole(ctx, statement);
    checkAllowWithNot(ctx, statement);
    if (i % STATEMENTS_PER_STEP === STATEMENTS_PER_STEP - 1) yield;
  }
  checkSids(ctx, statements);
  return ctx.results();
}
