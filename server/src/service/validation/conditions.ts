import { variablesAsWildcards } from '../../iam/arn';
import { allOperatorSpellings, parseConditionOperator } from '../../iam/conditionOperators';
import type { IamConditionKey } from '../../iam/catalog';
import { closestMatches } from '../../iam/suggest';
import { matchesWildcard } from '../../iam/wildcard';
import type { Statement } from '../../policy/model';
import type { Member } from '../../policy/tree';
import type { ValidationContext } from './context';

/** Condition blocks: operators, keys that exist, keys that the statement's actions support. */
export function checkConditions(ctx: ValidationContext, statement: Statement): void {
  const condition = statement.element('Condition')?.value;
  if (condition?.kind !== 'object') return;
  for (const operator of condition.members) {
    if (!parseConditionOperator(operator.key)) {
      const suggestions = closestMatches(operator.key, allOperatorSpellings(), 3);
      const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : ' Operators are case-sensitive, such as "StringEquals" or "ArnLike".';
      ctx.report('unknown-condition-operator', operator.keyRange, `"${operator.key}" is not a condition operator; IAM rejects the policy.${hint}`, {
        suggestions,
      });
    }
    if (operator.value?.kind !== 'object') continue;
    for (const entry of operator.value.members) checkConditionKey(ctx, statement, entry);
  }
}

function checkConditionKey(ctx: ValidationContext, statement: Statement, entry: Member): void {
  const { catalog } = ctx.knowledge;
  const key = entry.key;
  const colon = key.indexOf(':');
  if (colon <= 0) {
    ctx.report('unknown-condition-key', entry.keyRange, `"${key}" is not a condition key. Keys are written prefix:Name, such as "aws:SourceIp" or "ses:FromAddress".`);
    return;
  }
  const prefix = key.slice(0, colon);
  if (prefix.toLowerCase() === 'aws') {
    const serviceAwsKeys = () => serviceKeysOf(ctx, statement).filter((k) => k.key.toLowerCase().startsWith('aws:'));
    const matches = (candidate: IamConditionKey) => conditionKeyMatches(candidate.key, key);
    // Global keys first: they answer for almost every aws: key without looking at the actions.
    if (!catalog.globalConditionKeys().some(matches) && !serviceAwsKeys().some(matches)) {
      reportUnknownKey(ctx, entry, [...catalog.globalConditionKeys(), ...serviceAwsKeys()].map((k) => k.key));
    }
    return;
  }
  const services = catalog.servicesForConditionPrefix(prefix);
  if (services.length === 0) {
    ctx.report('unknown-condition-key', entry.keyRange, `"${prefix}" is not a condition key prefix of any AWS service. Check "${key}".`);
    return;
  }
  // Identity-provider prefixes (token.actions.githubusercontent.com, accounts.google.com, ...) carry
  // whatever claims the provider issues; the data lists only some, so any key under them may be real.
  if (!catalog.hasService(prefix)) return;
  const keys = services.flatMap((service) => catalog.getService(service)?.conditionKeys ?? []);
  if (!keys.some((candidate) => conditionKeyMatches(candidate.key, key))) {
    reportUnknownKey(ctx, entry, keys.filter((k) => k.key.toLowerCase().startsWith(`${prefix.toLowerCase()}:`)).map((k) => k.key));
    return;
  }
  checkApplicable(ctx, statement, entry);
}

function reportUnknownKey(ctx: ValidationContext, entry: Member, candidates: string[]): void {
  const suggestions = closestMatches(entry.key, candidates, 3);
  const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
  ctx.report('unknown-condition-key', entry.keyRange, `"${entry.key}" is not a known condition key; a condition on it never matches as intended.${hint}`, {
    suggestions,
  });
}

/**
 * A service key (ses:FromAddress) that none of the statement's actions lists has no effect on those
 * actions. Only judged when every action string resolves to known actions.
 */
function checkApplicable(ctx: ValidationContext, statement: Statement, entry: Member): void {
  if (!statement.element('Action') || statement.element('NotAction')) return;
  const resolved = ctx.actionsOf(statement);
  if (resolved.length === 0 || resolved.some((r) => r.unbounded || r.matched.length === 0)) return;
  const { catalog } = ctx.knowledge;
  const supported = (key: string) =>
    resolved.some((r) =>
      r.matched.some((action) => {
        if (action.conditionKeys.some((k) => conditionKeyMatches(k, key))) return true;
        const service = catalog.getService(action.service);
        return action.resourceTypes.some(
          (type) =>
            type.conditionKeys.some((k) => conditionKeyMatches(k, key)) ||
            (service?.resourceTypes.get(type.name)?.conditionKeys ?? []).some((k) => conditionKeyMatches(k, key)),
        );
      }),
    );
  if (!supported(entry.key)) {
    ctx.report('condition-key-not-applicable', entry.keyRange, `None of this statement's actions supports "${entry.key}", so the condition does not narrow them as intended. Check the key, or move it to a statement with actions that support it.`, {
      statementIndex: statement.index,
    });
  }
}

const serviceKeysByStatement = new WeakMap<Statement, IamConditionKey[]>();

/** The condition keys of every service the statement's actions belong to, once per statement. */
function serviceKeysOf(ctx: ValidationContext, statement: Statement): IamConditionKey[] {
  let keys = serviceKeysByStatement.get(statement);
  if (!keys) {
    const services = new Set<string>();
    for (const resolved of ctx.actionsOf(statement)) for (const action of resolved.matched) services.add(action.service);
    keys = [...services].flatMap((service) => ctx.knowledge.catalog.getService(service)?.conditionKeys ?? []);
    serviceKeysByStatement.set(statement, keys);
  }
  return keys;
}

/**
 * Condition key names from the data may hold a variable part: `aws:RequestTag/${TagKey}` (service
 * data) or `aws:PrincipalTag/tag-key` (global keys). Anything may stand there.
 */
export function conditionKeyMatches(template: string, key: string): boolean {
  const compiled = compileTemplate(template);
  if (compiled.lower === key.toLowerCase()) return true;
  return compiled.pattern !== undefined && matchesWildcard(compiled.pattern, key);
}

/** Templates come from the catalog, a bounded set; each is lower-cased and turned into a pattern once. */
const templates = new Map<string, { lower: string; pattern: string | undefined }>();

function compileTemplate(template: string): { lower: string; pattern: string | undefined } {
  let compiled = templates.get(template);
  if (!compiled) {
    const slash = template.indexOf('/');
    const variable = template.includes('${');
    const pattern = variable ? variablesAsWildcards(template) : slash >= 0 ? `${template.slice(0, slash + 1)}*` : undefined;
    compiled = { lower: template.toLowerCase(), pattern };
    templates.set(template, compiled);
  }
  return compiled;
}
