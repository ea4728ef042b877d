import { parseArn, variablesAsWildcards } from '../../iam/arn';
import { actionName, isAccountLevel, type IamAction } from '../../iam/catalog';
import { closestMatches } from '../../iam/suggest';
import { hasWildcard, matchesWildcard } from '../../iam/wildcard';
import { stringsOf, type Statement } from '../../policy/model';
import type { StringValue } from '../../policy/tree';
import { quoteList } from '../diagnostics';
import type { ValidationContext } from './context';

/** Action strings: do they exist, are they spelled as AWS documents them, are they listed twice. */
export function checkActionNames(ctx: ValidationContext, statement: Statement): void {
  for (const name of ['Action', 'NotAction'] as const) {
    const values = stringsOf(statement.element(name)?.value);
    const seen = new Set<string>();
    for (const value of values) {
      checkActionName(ctx, value);
      const key = value.value.toLowerCase();
      if (seen.has(key)) {
        ctx.report('duplicate-action', value.range, `"${value.value}" is already listed in this "${name}". Remove the duplicate.`, {
          statementIndex: statement.index,
        });
      }
      seen.add(key);
    }
  }
}

function checkActionName(ctx: ValidationContext, value: StringValue): void {
  const { catalog } = ctx.knowledge;
  const text = value.value;
  if (text === '*') return;
  const colon = text.indexOf(':');
  if (colon <= 0) {
    ctx.report('unknown-action', value.range, `"${text}" is not an action. Actions are written service:ActionName, such as "ses:SendRawEmail".`);
    return;
  }
  const servicePart = text.slice(0, colon);
  const actionPart = text.slice(colon + 1);
  if (hasWildcard(servicePart)) {
    if (!catalog.servicePrefixes().some((prefix) => matchesWildcard(servicePart, prefix))) {
      ctx.report('unknown-service', value.range, `"${servicePart}" matches no AWS service prefix, so "${text}" matches no action.`);
    }
    return;
  }
  const service = catalog.getService(servicePart);
  if (!service) {
    const prefixes = closestMatches(servicePart, catalog.servicePrefixes());
    const hint = prefixes.length ? ` Did you mean "${prefixes[0]}"?` : ' Check the service prefix in the AWS Service Authorization Reference.';
    ctx.report('unknown-service', value.range, `"${servicePart}" is not an AWS service prefix.${hint}`, {
      suggestions: prefixes.map((prefix) => `${prefix}:${actionPart}`),
    });
    return;
  }
  if (actionPart === '') {
    ctx.report('unknown-action', value.range, `"${text}" names no action. Add an action name after "${servicePart}:", or "*" for all of ${service.name}.`);
    return;
  }
  if (hasWildcard(actionPart)) {
    if (!service.actions.some((action) => matchesWildcard(actionPart, action.name))) {
      ctx.report('unknown-action', value.range, `"${text}" matches no action of ${service.name}. Check the pattern.`);
    } else if (servicePart !== service.prefix) {
      reportCase(ctx, value, `${service.prefix}:${actionPart}`);
    }
    return;
  }
  const action = service.findAction(actionPart);
  if (!action) {
    const names = closestMatches(actionPart, service.actions.map((a) => a.name));
    const hint = names.length ? ` Did you mean "${service.prefix}:${names[0]}"?` : '';
    ctx.report('unknown-action', value.range, `"${text}" is not an action of ${service.name}.${hint}`, {
      suggestions: names.map((name) => `${service.prefix}:${name}`),
    });
    return;
  }
  const canonical = `${service.prefix}:${action.name}`;
  if (text !== canonical) reportCase(ctx, value, canonical);
}

function reportCase(ctx: ValidationContext, value: StringValue, canonical: string): void {
  ctx.report('action-case', value.range, `IAM matches actions case-insensitively, so this works; AWS documents it as "${canonical}".`, {
    suggestions: [canonical],
  });
}

/**
 * The trap this project exists for: an action that supports no resource-level permissions (such as
 * ses:GetAccount) in a statement whose Resource is not "*". AWS evaluates such an action only
 * against "*", so the statement silently grants (or denies) nothing for it.
 */
export function checkAccountLevelActions(ctx: ValidationContext, statement: Statement): void {
  const resources = scopedResources(statement);
  if (!resources) return;
  const effect = statement.element('Effect')?.value;
  const verb = effect?.kind === 'string' && effect.value === 'Deny' ? 'denies' : 'grants';
  const scope = quoteList(resources.map((r) => r.value), 2);
  for (const resolved of ctx.actionsOf(statement)) {
    if (resolved.unbounded || resolved.matched.length === 0) continue;
    const accountLevel = resolved.matched.filter(isAccountLevel);
    if (accountLevel.length === 0) continue;
    const names = accountLevel.map(actionName);
    const text = resolved.value.value;
    const one = accountLevel.length === 1;
    const message = hasWildcard(text)
      ? `"${text}" matches ${one ? 'an action that supports' : `${accountLevel.length} actions that support`} no resource-level permissions (${quoteList(names, 3)}); this statement is scoped to ${scope}, so AWS ${verb} nothing for ${one ? 'it' : 'them'}. Put ${one ? 'it' : 'them'} in a statement of ${one ? 'its' : 'their'} own with "Resource": "*".`
      : `"${text}" supports no resource-level permissions, but this statement is scoped to ${scope}, so AWS ${verb} nothing for it. Move it to its own statement with "Resource": "*".`;
    ctx.report('account-action-in-scoped-statement', resolved.value.range, message, {
      statementIndex: statement.index,
      actions: names,
      resources: resources.map((r) => r.value),
    });
  }
}

/**
 * Actions whose resource types cannot be any of the statement's resources (ses:SendRawEmail on an S3
 * bucket). ARNs with wildcards or policy variables match generously: no warning where a match is possible.
 */
export function checkResourceMatch(ctx: ValidationContext, statement: Statement): void {
  const resources = scopedResources(statement);
  if (!resources) return;
  const { catalog } = ctx.knowledge;
  const patterns = resources.map((r) => resourcePattern(r.value));
  if (patterns.some((p) => p === undefined)) return;
  for (const resolved of ctx.actionsOf(statement)) {
    if (resolved.unbounded) continue;
    const scoped = resolved.matched.filter((action) => !isAccountLevel(action));
    if (scoped.length === 0) continue;
    const fits = (action: IamAction) =>
      action.resourceTypes.some((type) => {
        const arn = catalog.getService(action.service)?.resourceTypes.get(type.name)?.arn;
        if (!arn) return true;
        const template = variablesAsWildcards(arn);
        return patterns.some((pattern) => ctx.intersects(template, pattern!));
      });
    if (scoped.some(fits)) continue;
    const first = scoped[0]!;
    // Required resource types first: they are what the action is really about (identity for SendRawEmail).
    const types = [...first.resourceTypes]
      .sort((a, b) => Number(b.required) - Number(a.required))
      .map((type) => ({ name: type.name, arn: catalog.getService(first.service)?.resourceTypes.get(type.name)?.arn ?? '' }));
    const what = hasWildcard(resolved.value.value)
      ? `No action matched by "${resolved.value.value}" can`
      : `"${resolved.value.value}" cannot`;
    ctx.report(
      'resource-mismatch',
      resolved.value.range,
      `${what} act on any of this statement's resources: it acts on ${types.map((t) => t.name).join(' or ')} resources (${types[0]?.arn}). Add a matching ARN or move the action to a statement for its own resources.`,
      { statementIndex: statement.index, actions: scoped.map(actionName), resourceTypes: types },
    );
  }
}

/** `iam:PassRole` allowed on "*": the principal may hand any role to any service. */
export function checkPassRole(ctx: ValidationContext, statement: Statement): void {
  const effect = statement.element('Effect')?.value;
  if (effect?.kind !== 'string' || effect.value !== 'Allow') return;
  const resources = stringsOf(statement.element('Resource')?.value);
  if (!resources.some((r) => r.value === '*')) return;
  if (hasConditionKey(statement, 'iam:PassedToService')) return;
  for (const resolved of ctx.actionsOf(statement)) {
    if (resolved.matched.some((action) => action.service === 'iam' && action.name === 'PassRole')) {
      ctx.report('passrole-wildcard-resource', resolved.value.range, `"${resolved.value.value}" allows iam:PassRole on "*": the principal can pass any role, with its permissions, to any service. Scope Resource to the roles it must pass (arn:aws:iam::<account>:role/<name>) and add an iam:PassedToService condition.`, {
        statementIndex: statement.index,
      });
    }
  }
}

/** Allow with NotAction or NotResource grants everything not listed: almost never intended. */
export function checkAllowWithNot(ctx: ValidationContext, statement: Statement): void {
  const effect = statement.element('Effect')?.value;
  if (effect?.kind !== 'string' || effect.value !== 'Allow') return;
  const notAction = statement.element('NotAction');
  if (notAction) {
    ctx.report('allow-with-not-action', notAction.keyRange, '"Allow" with "NotAction" grants every action not listed, in every AWS service, including ones added later. List the allowed actions in "Action" instead, or use "Deny" with "NotAction".', {
      statementIndex: statement.index,
    });
  }
  const notResource = statement.element('NotResource');
  if (notResource) {
    ctx.report('allow-with-not-resource', notResource.keyRange, '"Allow" with "NotResource" grants the actions on every resource not listed, including ones created later. List the allowed resources in "Resource" instead.', {
      statementIndex: statement.index,
    });
  }
}

/** The statement's Resource strings when the statement is scoped (no "*"); undefined otherwise. */
function scopedResources(statement: Statement): StringValue[] | undefined {
  if (!statement.element('Action')) return undefined;
  const resources = stringsOf(statement.element('Resource')?.value);
  if (resources.length === 0 || resources.some((r) => r.value === '*')) return undefined;
  return resources;
}

/** A Resource as a wildcard pattern; undefined when it is not an ARN we can reason about. */
function resourcePattern(resource: string): string | undefined {
  if (!resource.startsWith('arn:') || (!parseArn(resource) && !hasWildcard(resource))) return undefined;
  return variablesAsWildcards(resource);
}

/** Whether any operator block of the statement's Condition tests this key (case-insensitively). */
function hasConditionKey(statement: Statement, key: string): boolean {
  const condition = statement.element('Condition')?.value;
  if (condition?.kind !== 'object') return false;
  return condition.members.some(
    (operator) => operator.value?.kind === 'object' && operator.value.members.some((entry) => entry.key.toLowerCase() === key.toLowerCase()),
  );
}

