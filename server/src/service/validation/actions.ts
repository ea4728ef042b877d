import { parseArn, variablesAsWildcards } from '../../iam/arn';
import { actionName, isAccountLevel, type IamAction } from '../../iam/catalog';
import { closestMatches } from '../../iam/suggest';
import { hasWildcard, matchesWildcard } from '../../iam/wildcard';
import type { Statement } from '../../policy/model';
import type { StringValue } from '../../policy/tree';
import { quoteList, type DiagnosticData } from '../diagnostics';
import type { ValidationContext } from './context';

/** Action strings: do they exist, are they spelled as AWS documents them, are they listed twice. */
export function checkActionNames(ctx: ValidationContext, statement: Statement): void {
  for (const name of ['Action', 'NotAction'] as const) {
    const values = ctx.strings(statement.element(name)?.value);
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

/** What is wrong with an action string, the same wherever it appears; null when nothing is. */
interface Verdict {
  readonly code: 'unknown-action' | 'unknown-service' | 'action-case';
  readonly message: string;
  readonly data: DiagnosticData | undefined;
}

function checkActionName(ctx: ValidationContext, value: StringValue): void {
  const verdicts = ctx.cache<Verdict | null>('actionName');
  let verdict = verdicts.get(value.value);
  if (verdict === undefined) {
    verdict = judgeActionName(ctx, value);
    // Undefined: a finding beyond the cap, counted but not worked out; judge the next copy afresh.
    if (verdict === undefined) return;
    verdicts.set(value.value, verdict);
  }
  if (verdict) ctx.report(verdict.code, value.range, verdict.message, verdict.data);
}

/**
 * The verdict on an action string. Did-you-mean searches are the expensive part, so they run only
 * for findings the cap lets through (`undefined` otherwise, and the finding is counted).
 */
function judgeActionName(ctx: ValidationContext, value: StringValue): Verdict | null | undefined {
  const { catalog } = ctx.knowledge;
  const text = value.value;
  if (text === '*') return null;
  const colon = text.indexOf(':');
  if (colon <= 0) {
    return verdict('unknown-action', `"${text}" is not an action. Actions are written service:ActionName, such as "ses:SendRawEmail".`);
  }
  const servicePart = text.slice(0, colon);
  const actionPart = text.slice(colon + 1);
  if (hasWildcard(servicePart)) {
    if (!catalog.servicePrefixes().some((prefix) => matchesWildcard(servicePart, prefix))) {
      return verdict('unknown-service', `"${servicePart}" matches no AWS service prefix, so "${text}" matches no action.`);
    }
    return null;
  }
  const service = catalog.getService(servicePart);
  if (!service) {
    if (!ctx.accepts('unknown-service', value.range)) return undefined;
    const prefixes = closestMatches(servicePart, catalog.servicePrefixes());
    const hint = prefixes.length ? ` Did you mean "${prefixes[0]}"?` : ' Check the service prefix in the AWS Service Authorization Reference.';
    return verdict('unknown-service', `"${servicePart}" is not an AWS service prefix.${hint}`, {
      suggestions: prefixes.map((prefix) => `${prefix}:${actionPart}`),
    });
  }
  if (actionPart === '') {
    return verdict('unknown-action', `"${text}" names no action. Add an action name after "${servicePart}:", or "*" for all of ${service.name}.`);
  }
  if (hasWildcard(actionPart)) {
    if (!service.actions.some((action) => matchesWildcard(actionPart, action.name))) {
      return verdict('unknown-action', `"${text}" matches no action of ${service.name}. Check the pattern.`);
    }
    return servicePart !== service.prefix ? caseVerdict(`${service.prefix}:${actionPart}`) : null;
  }
  const action = service.findAction(actionPart);
  if (!action) {
    if (!ctx.accepts('unknown-action', value.range)) return undefined;
    const names = closestMatches(actionPart, service.actions.map((a) => a.name));
    const hint = names.length ? ` Did you mean "${service.prefix}:${names[0]}"?` : '';
    return verdict('unknown-action', `"${text}" is not an action of ${service.name}.${hint}`, {
      suggestions: names.map((name) => `${service.prefix}:${name}`),
    });
  }
  const canonical = `${service.prefix}:${action.name}`;
  return text !== canonical ? caseVerdict(canonical) : null;
}

function verdict(code: Verdict['code'], message: string, data?: DiagnosticData): Verdict {
  return { code, message, data };
}

function caseVerdict(canonical: string): Verdict {
  return verdict('action-case', `IAM matches actions case-insensitively, so this works; AWS documents it as "${canonical}".`, {
    suggestions: [canonical],
  });
}

/**
 * The trap this project exists for: an action that supports no resource-level permissions (such as
 * ses:GetAccount) in a statement whose Resource is not "*". AWS evaluates such an action only
 * against "*", so the statement silently grants (or denies) nothing for it.
 */
export function checkAccountLevelActions(ctx: ValidationContext, statement: Statement): void {
  const resources = scopedResources(ctx, statement);
  if (!resources) return;
  const effect = statement.element('Effect')?.value;
  const verb = effect?.kind === 'string' && effect.value === 'Deny' ? 'denies' : 'grants';
  const resourceTexts = resources.map((r) => r.value);
  const scope = quoteList(resourceTexts, 2);
  const accountLevelOf = ctx.cache<readonly string[] | null>('accountLevel');
  // Statements repeat: the same action in the same scope gets the same message.
  const messages = ctx.cache<string>(`accountLevelMessage\u0000${verb}\u0000${scope}`);
  for (const resolved of ctx.actionsOf(statement)) {
    if (resolved.unbounded || resolved.matched.length === 0) continue;
    const text = resolved.value.value;
    let names = accountLevelOf.get(text);
    if (names === undefined) {
      const accountLevel = resolved.matched.filter(isAccountLevel);
      names = accountLevel.length > 0 ? accountLevel.map(actionName) : null;
      accountLevelOf.set(text, names);
    }
    if (!names) continue;
    // A wildcard that also matches actions the scope does apply to (s3:* on a bucket) probably means
    // those: the account-level rest is only noted, and nothing suggests widening it to "*".
    const mixed = hasWildcard(text) && names.length < resolved.matched.length;
    const code = mixed ? 'account-wildcard-in-scoped-statement' : 'account-action-in-scoped-statement';
    let message = messages.get(text);
    if (message === undefined) {
      const one = names.length === 1;
      const them = one ? 'it' : 'them';
      message = mixed
        ? `"${text}" also matches ${one ? 'an action that supports' : `${names.length} actions that support`} no resource-level permissions (${quoteList(names, 3)}); in this statement, scoped to ${scope}, AWS ${verb} nothing for ${them}. If ${one ? 'it is' : 'any of them is'} needed, name ${them} in a statement of ${one ? 'its' : 'their'} own with "Resource": "*".`
        : hasWildcard(text)
          ? `"${text}" matches only ${one ? 'an action that supports' : `actions that support`} no resource-level permissions (${quoteList(names, 3)}); this statement is scoped to ${scope}, so AWS ${verb} nothing for ${them}. Move it to a statement of its own with "Resource": "*".`
          : `"${text}" supports no resource-level permissions, but this statement is scoped to ${scope}, so AWS ${verb} nothing for it. Move it to its own statement with "Resource": "*".`;
      messages.set(text, message);
    }
    ctx.report(code, resolved.value.range, message, {
      statementIndex: statement.index,
      actions: names,
      resources: resourceTexts,
    });
  }
}

/** Why an action string cannot act on a statement's resources, the same in every such statement. */
interface Mismatch {
  readonly message: string;
  readonly actions: readonly string[];
  readonly resourceTypes: readonly { readonly name: string; readonly arn: string }[];
}

/**
 * Actions whose resource types cannot be any of the statement's resources (ses:SendRawEmail on an S3
 * bucket). ARNs with wildcards or policy variables match generously: no warning where a match is possible.
 */
export function checkResourceMatch(ctx: ValidationContext, statement: Statement): void {
  const resources = scopedResources(ctx, statement);
  if (!resources) return;
  const patternOf = ctx.cache<string | null>('resourcePattern');
  const patterns: string[] = [];
  for (const resource of resources) {
    let pattern = patternOf.get(resource.value);
    if (pattern === undefined) {
      pattern = resourcePattern(resource.value) ?? null;
      patternOf.set(resource.value, pattern);
    }
    if (pattern === null) return;
    patterns.push(pattern);
  }
  const mismatches = ctx.cache<Mismatch | null>(`resourceMatch\u0000${patterns.join('\u0000')}`);
  for (const resolved of ctx.actionsOf(statement)) {
    if (resolved.unbounded) continue;
    const text = resolved.value.value;
    let mismatch = mismatches.get(text);
    if (mismatch === undefined) {
      mismatch = findMismatch(ctx, resolved.matched, patterns, text);
      mismatches.set(text, mismatch);
    }
    if (!mismatch) continue;
    ctx.report('resource-mismatch', resolved.value.range, mismatch.message, {
      statementIndex: statement.index,
      actions: mismatch.actions,
      resourceTypes: mismatch.resourceTypes,
    });
  }
}

function findMismatch(ctx: ValidationContext, matched: readonly IamAction[], patterns: readonly string[], text: string): Mismatch | null {
  const { catalog } = ctx.knowledge;
  const scoped = matched.filter((action) => !isAccountLevel(action));
  if (scoped.length === 0) return null;
  const fits = (action: IamAction) => resourceTemplates(ctx, action).some((template) => template === undefined || patterns.some((pattern) => ctx.intersects(template, pattern)));
  if (scoped.some(fits)) return null;
  const first = scoped[0]!;
  // Required resource types first: they are what the action is really about (identity for SendRawEmail).
  const types = [...first.resourceTypes]
    .sort((a, b) => Number(b.required) - Number(a.required))
    .map((type) => ({ name: type.name, arn: catalog.getService(first.service)?.resourceTypes.get(type.name)?.arn ?? '' }));
  const what = hasWildcard(text) ? `No action matched by "${text}" can` : `"${text}" cannot`;
  return {
    message: `${what} act on any of this statement's resources: it acts on ${types.map((t) => t.name).join(' or ')} resources (${types[0]?.arn}). Add a matching ARN or move the action to a statement for its own resources.`,
    actions: scoped.map(actionName),
    resourceTypes: types,
  };
}

/** The ARN formats of an action's resource types as wildcard patterns; undefined where the data has none (matches anything). */
const templatesByAction = new WeakMap<IamAction, readonly (string | undefined)[]>();

function resourceTemplates(ctx: ValidationContext, action: IamAction): readonly (string | undefined)[] {
  let templates = templatesByAction.get(action);
  if (!templates) {
    const service = ctx.knowledge.catalog.getService(action.service);
    templates = action.resourceTypes.map((type) => {
      const arn = service?.resourceTypes.get(type.name)?.arn;
      return arn ? variablesAsWildcards(arn) : undefined;
    });
    templatesByAction.set(action, templates);
  }
  return templates;
}

/** `iam:PassRole` allowed on "*": the principal may hand any role to any service. */
export function checkPassRole(ctx: ValidationContext, statement: Statement): void {
  const effect = statement.element('Effect')?.value;
  if (effect?.kind !== 'string' || effect.value !== 'Allow') return;
  const resources = ctx.strings(statement.element('Resource')?.value);
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
function scopedResources(ctx: ValidationContext, statement: Statement): readonly StringValue[] | undefined {
  if (!statement.element('Action')) return undefined;
  const resources = ctx.strings(statement.element('Resource')?.value);
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

