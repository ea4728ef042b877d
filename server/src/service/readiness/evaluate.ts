import { distance } from 'fastest-levenshtein';
import { matchesWildcard } from '../../iam/wildcard';
import { stringsOf, type PolicyDocument, type Statement } from '../../policy/model';
import type { OffsetRange, StringValue } from '../../policy/tree';
import { ACCOUNT_RESOURCE, compilePattern, displayResource, overlaps, resourceCoverage, subjectOf, type Coverage, type ResourcePattern } from './match';

/**
 * Offline evaluation of one identity policy for one request (action, resource), as IAM's policy
 * evaluation logic decides within a single identity-based policy: an explicit Deny wins, then an
 * Allow, otherwise the request is implicitly denied. What cannot be known offline (a Condition, a
 * policy variable) makes the answer conditional, never a silent yes. Principal and NotPrincipal
 * belong to resource-based policies and are ignored; other policy types are out of scope
 * (docs/readiness.md lists what is and is not modelled).
 */

export interface AccessRequest {
  /** A concrete action, `service:ActionName`; IAM compares action names case-insensitively. */
  readonly action: string;
  /** The request's resource ARN (with `match.ts` holes for unknown parts), or `"*"` for an action without resource-level permissions. */
  readonly resource: string;
}

export interface CompiledStatement {
  readonly statement: Statement;
  readonly index: number;
  readonly sid: string | undefined;
  /** Undefined when Effect is missing or not exactly "Allow" or "Deny": IAM would reject the policy. */
  readonly effect: 'Allow' | 'Deny' | undefined;
  readonly effectValue: StringValue | undefined;
  readonly actions: readonly StringValue[] | undefined;
  readonly notActions: readonly StringValue[] | undefined;
  readonly resources: readonly { readonly value: StringValue; readonly pattern: ResourcePattern }[] | undefined;
  readonly notResources: readonly { readonly value: StringValue; readonly pattern: ResourcePattern }[] | undefined;
  readonly hasCondition: boolean;
  /** Both `Action` and `NotAction` (or both `Resource` and `NotResource`): IAM rejects the whole policy. */
  readonly malformed: 'Action' | 'Resource' | undefined;
}

export type ReasonKind =
  | 'allowed'
  | 'allowed-if-condition'
  | 'allowed-if-variable'
  | 'allowed-unless-deny-condition'
  | 'allowed-unless-deny-variable'
  | 'allowed-except-denied-part'
  | 'denied'
  | 'granted-only-for'
  | 'account-level-in-scoped'
  | 'other-resource'
  | 'excluded-by-not-action'
  | 'excluded-by-not-resource'
  | 'invalid-effect'
  | 'invalid-statement'
  | 'misspelled'
  | 'not-mentioned';

export interface Reason {
  readonly kind: ReasonKind;
  /** The statement that decided, or the one that came closest. */
  readonly statement: CompiledStatement | undefined;
  /** Where to point in that statement: an action, the Resource, the Effect. */
  readonly range: OffsetRange | undefined;
  /** The policy variable, the misspelt action as written, or the element a malformed statement doubles. */
  readonly detail?: string;
}

export type Decision = 'allowed' | 'conditional' | 'denied' | 'implicit-deny';

export interface Evaluation {
  readonly decision: Decision;
  readonly reason: Reason;
}

export function compileStatements(document: PolicyDocument): CompiledStatement[] {
  const policy = document.policy;
  if (!policy) return [];
  const version = policy.version?.value;
  // Without Version 2012-10-17, IAM reads ${...} as literal text.
  const variables = version?.kind === 'string' && version.value === '2012-10-17';
  return policy.statements.map((statement) => {
    const effectValue = statement.element('Effect')?.value;
    const effect = effectValue?.kind === 'string' && (effectValue.value === 'Allow' || effectValue.value === 'Deny') ? effectValue.value : undefined;
    const sid = statement.element('Sid')?.value;
    const patterns = (name: 'Resource' | 'NotResource') => {
      const member = statement.element(name);
      return member && stringsOf(member.value).map((value) => ({ value, pattern: compilePattern(value.value, variables) }));
    };
    const actionMember = statement.element('Action');
    const notActionMember = statement.element('NotAction');
    const condition = statement.element('Condition')?.value;
    return {
      statement,
      index: statement.index,
      sid: sid?.kind === 'string' && sid.value ? sid.value : undefined,
      effect,
      effectValue: effectValue?.kind === 'string' ? effectValue : undefined,
      actions: actionMember && stringsOf(actionMember.value),
      // A statement with both is rejected by IAM; reading only Action keeps it from granting twice.
      notActions: actionMember ? undefined : notActionMember && stringsOf(notActionMember.value),
      resources: patterns('Resource'),
      notResources: statement.element('Resource') ? undefined : patterns('NotResource'),
      // Any Condition value but an empty object restricts the statement (a malformed one too: IAM rejects it).
      hasCondition: condition !== undefined && !(condition.kind === 'object' && condition.members.length === 0),
      malformed: actionMember && notActionMember ? 'Action' : statement.element('Resource') && statement.element('NotResource') ? 'Resource' : undefined,
    };
  });
}

interface Match {
  readonly statement: CompiledStatement;
  /** The Action entry that names the request's action; undefined for NotAction statements. */
  readonly entry: StringValue | undefined;
  readonly coverage: Coverage;
}

export function evaluate(statements: readonly CompiledStatement[], request: AccessRequest): Evaluation {
  // IAM refuses such a policy as a whole (MalformedPolicyDocument), so no statement of it takes effect.
  const broken = statements.find((s) => s.malformed);
  if (broken) {
    const member = broken.statement.element(`Not${broken.malformed!}`);
    return { decision: 'implicit-deny', reason: { kind: 'invalid-statement', statement: broken, range: member?.keyRange ?? actionKeyRange(broken), detail: broken.malformed! } };
  }
  const matches: Match[] = [];
  for (const statement of statements) {
    if (!statement.effect) continue;
    const action = actionMatch(statement, request.action);
    if (!action.applies) continue;
    const coverage = statement.resources
      ? resourceCoverage(statement.resources.map((r) => r.pattern), request.resource, false)
      : statement.notResources
        ? resourceCoverage(statement.notResources.map((r) => r.pattern), request.resource, true)
        : 'none';
    if (coverage !== 'none') matches.push({ statement, entry: action.entry, coverage });
  }
  const denies = matches.filter((m) => m.statement.effect === 'Deny');
  const definiteDeny = denies.find((m) => m.coverage === 'all' && !m.statement.hasCondition);
  if (definiteDeny) return { decision: 'denied', reason: reason('denied', definiteDeny) };

  const allows = matches.filter((m) => m.statement.effect === 'Allow');
  const definiteAllow = allows.find((m) => m.coverage === 'all' && !m.statement.hasCondition);
  if (definiteAllow) {
    const deny = denies[0];
    if (!deny) return { decision: 'allowed', reason: reason('allowed', definiteAllow) };
    const kind = deny.statement.hasCondition ? 'allowed-unless-deny-condition' : deny.coverage === 'depends' ? 'allowed-unless-deny-variable' : 'allowed-except-denied-part';
    return { decision: 'conditional', reason: reason(kind, deny, variableOf(deny)) };
  }
  const conditionalAllow = allows.find((m) => m.coverage === 'all' || m.coverage === 'depends');
  if (conditionalAllow) {
    const kind = conditionalAllow.statement.hasCondition ? 'allowed-if-condition' : 'allowed-if-variable';
    return { decision: 'conditional', reason: reason(kind, conditionalAllow, variableOf(conditionalAllow)) };
  }
  const partial = allows.find((m) => m.coverage === 'some');
  if (partial) return { decision: 'implicit-deny', reason: { kind: 'granted-only-for', statement: partial.statement, range: resourceRange(partial.statement) } };
  return { decision: 'implicit-deny', reason: closestMiss(statements, request) };
}

function reason(kind: ReasonKind, match: Match, detail?: string): Reason {
  return { kind, statement: match.statement, range: match.entry?.range ?? actionKeyRange(match.statement), ...(detail ? { detail } : {}) };
}

function variableOf(match: Match): string | undefined {
  const list = match.statement.resources ?? match.statement.notResources ?? [];
  return list.find((r) => r.pattern.variable !== undefined)?.pattern.variable;
}

function actionMatch(statement: CompiledStatement, action: string): { applies: boolean; entry?: StringValue } {
  if (statement.actions) {
    const entry = statement.actions.find((value) => matchesWildcard(value.value, action));
    return { applies: entry !== undefined, ...(entry ? { entry } : {}) };
  }
  if (statement.notActions) return { applies: !statement.notActions.some((value) => matchesWildcard(value.value, action)) };
  return { applies: false };
}

/** Why nothing allows the request, from the statement that came closest to allowing it. */
function closestMiss(statements: readonly CompiledStatement[], request: AccessRequest): Reason {
  const allows = statements.filter((s) => s.effect === 'Allow');
  for (const statement of allows) {
    const entry = statement.actions?.find((value) => matchesWildcard(value.value, request.action));
    if (!entry || !statement.resources) continue;
    const kind = request.resource === ACCOUNT_RESOURCE ? 'account-level-in-scoped' : 'other-resource';
    return { kind, statement, range: kind === 'account-level-in-scoped' ? entry.range : resourceRange(statement) };
  }
  for (const statement of allows) {
    const excluded = statement.notActions?.find((value) => matchesWildcard(value.value, request.action));
    if (excluded) return { kind: 'excluded-by-not-action', statement, range: excluded.range };
    if (statement.notResources && actionMatch(statement, request.action).applies) {
      return { kind: 'excluded-by-not-resource', statement, range: resourceRange(statement) };
    }
  }
  for (const statement of statements) {
    if (statement.effect || !statement.effectValue) continue;
    if (actionMatch(statement, request.action).applies) return { kind: 'invalid-effect', statement, range: statement.effectValue.range };
  }
  const wanted = request.action.toLowerCase();
  for (const statement of allows) {
    const typo = statement.actions?.find((value) => {
      const written = value.value.toLowerCase();
      return written !== wanted && !/[*?]/.test(written) && Math.abs(written.length - wanted.length) <= 2 && distance(written, wanted) <= 2;
    });
    if (typo) return { kind: 'misspelled', statement, range: typo.range, detail: typo.value };
  }
  // Nothing names it: point at a statement of the same service, where a reader would add it.
  const prefix = `${wanted.slice(0, wanted.indexOf(':') + 1)}`;
  const sameService = allows.find((s) => s.actions?.some((value) => value.value.toLowerCase().startsWith(prefix)));
  const closest = sameService ?? allows[0];
  return { kind: 'not-mentioned', statement: closest, range: closest && actionKeyRange(closest) };
}

function actionKeyRange(statement: CompiledStatement): OffsetRange {
  const member = statement.statement.element('Action') ?? statement.statement.element('NotAction');
  return member?.keyRange ?? { start: statement.statement.node.range.start, end: statement.statement.node.range.start + 1 };
}

function resourceRange(statement: CompiledStatement): OffsetRange {
  const member = statement.statement.element('Resource') ?? statement.statement.element('NotResource');
  return member?.value?.range ?? actionKeyRange(statement);
}

/** The outcome of a request on "some resource of these types", and the resource it is about. */
export interface SomeEvaluation {
  readonly evaluation: Evaluation;
  /** The request resource decided on: one the policy grants the action on, or a scope template. */
  readonly resource: string;
}

/**
 * A request whose resource is not known beyond its types (a profile action without resources): is
 * the action granted on at least one resource it applies to? `scope` holds the action's resource-type
 * ARNs with holes for every part. The candidates are those templates and every ARN an Allow
 * statement naming the action lists that fits one of them; each is evaluated as an ordinary request
 * (every resource it stands for), and the first granted one answers. So a Deny that covers part of
 * a candidate still makes it conditional, and an Allow with NotResource counts only when it leaves
 * a whole template out of its list: both err towards "not granted".
 */
export function evaluateSome(statements: readonly CompiledStatement[], action: string, scope: readonly string[]): SomeEvaluation {
  const templates = scope.map((subject) => compilePattern(displayResource(subject), false));
  const candidates = new Set(scope);
  for (const statement of statements) {
    if (statement.effect !== 'Allow' || !statement.resources || !actionMatch(statement, action).applies) continue;
    for (const { value } of statement.resources) {
      const subject = subjectOf(value.value);
      if (templates.some((t) => overlaps(t, subject))) candidates.add(subject);
    }
  }
  const outcomes = [...candidates].map((resource) => ({ resource, evaluation: evaluate(statements, { action, resource }) }));
  const templateOutcomes = outcomes.filter((o) => scope.includes(o.resource));
  return (
    outcomes.find((o) => o.evaluation.decision === 'allowed') ??
    outcomes.find((o) => o.evaluation.decision === 'conditional') ??
    // A grant that a Deny takes back says more than "not mentioned".
    outcomes.find((o) => o.evaluation.decision === 'denied') ??
    templateOutcomes.find((o) => o.evaluation.reason.kind !== 'not-mentioned') ??
    templateOutcomes[0] ?? { resource: ACCOUNT_RESOURCE, evaluation: evaluate(statements, { action, resource: ACCOUNT_RESOURCE }) }
  );
}
