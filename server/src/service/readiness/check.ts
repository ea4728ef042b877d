import { parseArn } from '../../iam/arn';
import { isAccountLevel } from '../../iam/catalog';
import { matchesWildcard } from '../../iam/wildcard';
import type { PolicyDocument } from '../../policy/model';
import type { Knowledge } from '../validation/context';
import { compileStatements, evaluate, evaluateSome, type CompiledStatement, type Evaluation, type Reason } from './evaluate';
import { ACCOUNT_RESOURCE, ANY, displayResource, ONE, subjectOf } from './match';
import type { ProfilePermission, ProfileValues, ReadinessProfile } from './profiles';

/**
 * Checks a profile against a policy: every permission evaluated for every identity (more generally:
 * every binding of the profile's ARN template variables) the application may use.
 *
 * Which identities: the ones the user named (settings or CLI flags); for what is left unnamed, the
 * ones the policy itself grants the profile's scoped actions on, so a policy written for
 * example.com is checked for example.com; failing that, "any identity" (a hole that only a
 * wildcard such as `identity/*` covers). Several named identities give one result per identity for
 * each permission on `${Identity}`. docs/readiness.md explains the choice.
 *
 * A permission without resources is decided by the IAM catalog: an action without resource-level
 * permissions is requested on `"*"`; any other is granted when the policy grants it on some resource
 * of the action's types, and no quick fix is offered for it (which resources would be a guess).
 */

export type PermissionStatus = 'granted' | 'conditional' | 'missing';

/** What a permission was requested on: the profile's ARNs, `"*"`, or some resource of the action's types. */
export type PermissionScope = 'listed' | 'account' | 'any-of-types';

export interface PermissionResult {
  readonly permission: ProfilePermission;
  readonly status: PermissionStatus;
  readonly evaluation: Evaluation;
  /** The request the status is about: an ARN (holes shown as `*`) or `*` for account-level actions. */
  readonly resource: string;
  /** Why, in words, for tables and diagnostics. */
  readonly why: string;
  /** The requests (as ARNs to write, or `*`) that an added Allow statement would grant: missing, not denied. */
  readonly unmet: readonly string[];
  readonly scope: PermissionScope;
  /** The named identity this result is about, for permissions on `${Identity}` when identities are named. */
  readonly identity?: string;
}

export interface ReadinessReport {
  readonly profile: ReadinessProfile;
  /** The identity ARNs (or other resources) checked, in display form. */
  readonly targets: readonly string[];
  readonly results: readonly PermissionResult[];
  readonly missing: number;
  readonly conditional: number;
  readonly ready: boolean;
  /** "WP Offload SES: ready", "WP Offload SES: 2 of 5 permissions not granted". */
  readonly summary: string;
}

const VARIABLE = /\$\{(\w+)\}/g;
type Binding = ReadonlyMap<string, string>;

export interface CheckOptions {
  /** Values that override the profile's own (CLI flags). */
  readonly values?: ProfileValues;
  /** Values for variables that neither the profile nor the policy names (the quick fix's defaults). */
  readonly fallback?: ProfileValues;
}

export function checkReadiness(document: PolicyDocument, profile: ReadinessProfile, knowledge: Knowledge, options: CheckOptions = {}): ReadinessReport {
  const statements = compileStatements(document);
  const values = { ...profile.values, ...options.values };
  const fallback = options.fallback ?? {};
  const identities = identitiesOf(values.Identity);
  const perIdentity = identities.map((identity) => ({ identity, bindings: findBindings(statements, profile, { ...values, Identity: identity }, fallback, knowledge) }));
  const bindings = perIdentity.length > 0 ? perIdentity.flatMap((p) => p.bindings) : findBindings(statements, profile, values, fallback, knowledge);
  const results = profile.permissions.flatMap((permission) =>
    perIdentity.length > 0 && permission.resources.some((t) => t.includes('${Identity}'))
      ? perIdentity.map((p) => ({ ...checkPermission(statements, permission, p.bindings, knowledge), identity: p.identity }))
      : [checkPermission(statements, permission, bindings, knowledge)],
  );
  const missing = results.filter((r) => r.status === 'missing').length;
  const conditional = results.filter((r) => r.status === 'conditional').length;
  const scoped = profile.permissions.flatMap((p) => p.resources);
  const targets = [...new Set(scoped.flatMap((template) => bindings.map((b) => displayResource(render(template, b)))))];
  return { profile, targets, results, missing, conditional, ready: missing === 0 && conditional === 0, summary: summarize(profile.title, results.length, missing, conditional) };
}

function summarize(title: string, total: number, missing: number, conditional: number): string {
  const parts: string[] = [];
  if (missing > 0) parts.push(`${missing} of ${total} permission${total === 1 ? '' : 's'} not granted`);
  if (conditional > 0) parts.push(`${conditional} of ${total} only under conditions`);
  return `${title}: ${parts.length ? parts.join(', ') : 'ready'}`;
}

/** The named identities, in order and without repeats: a setting's string or list, or the CLI's repeated flag. */
function identitiesOf(value: string | readonly string[] | undefined): string[] {
  const list = typeof value === 'string' ? [value] : (value ?? []);
  return [...new Set(list.map((v) => v.trim()).filter((v) => v !== ''))];
}

const RANK: Record<PermissionStatus, number> = { granted: 0, conditional: 1, missing: 2 };

function statusOf(evaluation: Evaluation): PermissionStatus {
  return evaluation.decision === 'allowed' ? 'granted' : evaluation.decision === 'conditional' ? 'conditional' : 'missing';
}

function checkPermission(statements: readonly CompiledStatement[], permission: ProfilePermission, bindings: readonly Binding[], knowledge: Knowledge): PermissionResult {
  const types = permission.resources.length === 0 ? resourceTypeScope(permission.action, knowledge) : undefined;
  if (types) return checkOnSome(statements, permission, types);
  const scope: PermissionScope = permission.resources.length === 0 ? 'account' : 'listed';
  const resources = scope === 'account' ? [ACCOUNT_RESOURCE] : [...new Set(permission.resources.flatMap((t) => bindings.map((b) => render(t, b))))];
  let worst: Omit<PermissionResult, 'unmet' | 'scope'> | undefined;
  const unmet: string[] = [];
  for (const resource of resources) {
    const evaluation = evaluate(statements, { action: permission.action, resource });
    const status = statusOf(evaluation);
    // A policy IAM rejects is fixed by mending the statement, not by adding more.
    if (evaluation.decision === 'implicit-deny' && evaluation.reason.kind !== 'invalid-statement') unmet.push(displayResource(resource));
    if (!worst || RANK[status] > RANK[worst.status]) {
      const shown = displayResource(resource);
      worst = { permission, status, evaluation, resource: shown, why: describe(evaluation.reason, permission.action, shown) };
    }
  }
  return { ...worst!, unmet, scope };
}

/**
 * The ARN templates of the action's resource types, with holes for every part; undefined for an
 * action without resource-level permissions. An action the catalog does not know gets a template
 * for any ARN of its service: whether it is account-level is unknown, so it is not assumed.
 */
function resourceTypeScope(action: string, knowledge: Knowledge): TypeScope | undefined {
  const colon = action.indexOf(':');
  const prefix = action.slice(0, colon);
  const found = knowledge.catalog.findAction(prefix, action.slice(colon + 1));
  if (found && isAccountLevel(found)) return undefined;
  const known = knowledge.catalog.getService(prefix)?.resourceTypes;
  const types = (found?.resourceTypes ?? []).flatMap((used) => known?.get(used.name) ?? []);
  const templates = types.length > 0 ? types.map((t) => t.arn) : [`arn:\${Partition}:${prefix}:\${Region}:\${Account}:\${Resource}`];
  return { names: types.map((t) => t.key), subjects: [...new Set(templates.map((t) => t.replace(/\$\{\w+\}/g, ANY)))] };
}

interface TypeScope {
  /** The resource types' names, as the Service Authorization Reference spells them. */
  readonly names: readonly string[];
  /** Their ARN templates with holes for every part. */
  readonly subjects: readonly string[];
}

/** A permission on "some resource of the action's types": granted on one is enough; never a fix. */
function checkOnSome(statements: readonly CompiledStatement[], permission: ProfilePermission, scope: TypeScope): PermissionResult {
  const { evaluation, resource } = evaluateSome(statements, permission.action, scope.subjects);
  const status = statusOf(evaluation);
  const shown = displayResource(resource);
  const action = permission.action;
  const types = scope.names.length > 0 ? ` (${scope.names.join(', ')})` : '';
  const onWhat = scope.subjects.includes(resource) ? `every resource ${action} applies to${types}` : `"${shown}", a resource ${action} applies to`;
  const why =
    status === 'granted'
      ? `granted by ${statementName(evaluation.reason)} on ${onWhat}; the profile names no resources, so one is enough`
      : `${describe(evaluation.reason, action, shown, scope.subjects.includes(resource) ? scope.subjects.map((t) => `"${displayResource(t)}"`).join(' or ') : undefined)}; the profile names no resources, so any resource ${action} applies to${types} would do`;
  return { permission, status, evaluation, resource: shown, why, unmet: [], scope: 'any-of-types' };
}

/** The template with a binding's values; unbound variables, and wildcards the user wrote ("any object"), are holes. */
function render(template: string, binding: Binding): string {
  return template.replace(/\$\{(\w+)\}|\*+|\?/g, (match, name: string | undefined) => (name ? (binding.get(name) ?? ANY) : match === '?' ? ONE : ANY));
}

/**
 * The variable bindings to check: named values first; for the rest, each binding the policy's own
 * Allow statements suggest (their Resource ARNs that fit a template, for statements that name one
 * of the profile's scoped actions); with none, the rest stay holes ("any").
 */
function findBindings(statements: readonly CompiledStatement[], profile: ReadinessProfile, values: ProfileValues, fallback: ProfileValues, knowledge: Knowledge): Binding[] {
  const templates = [...new Set(profile.permissions.flatMap((p) => p.resources))];
  const given = new Map<string, string>();
  for (const [name, text] of Object.entries(values)) if (typeof text === 'string') given.set(name, subjectOf(text));
  const variables = new Set(templates.flatMap((t) => [...t.matchAll(VARIABLE)].map((m) => m[1]!)));
  const unnamed = [...variables].filter((v) => v !== 'Partition' && !given.has(v));
  const found = new Map<string, Map<string, string>>();
  if (unnamed.length > 0) {
    const scopedActions = profile.permissions.filter((p) => p.resources.length > 0).map((p) => p.action);
    for (const statement of statements) {
      if (statement.effect !== 'Allow' || !statement.actions?.some((a) => scopedActions.some((action) => matchesWildcard(a.value, action)))) continue;
      for (const { value } of statement.resources ?? []) {
        for (const template of templates) {
          const binding = extract(template, value.value);
          if (!binding) continue;
          for (const [name, text] of given) binding.set(name, text);
          found.set(JSON.stringify([...binding].sort()), binding);
        }
      }
    }
  }
  const bindings = found.size > 0 ? [...found.values()] : [new Map(given)];
  for (const binding of bindings) {
    for (const [name, text] of Object.entries(fallback)) if (typeof text === 'string' && !binding.has(name)) binding.set(name, subjectOf(text));
    // A known Region decides the partition (cn-north-1 is aws-cn); otherwise the policy's, or aws.
    const region = binding.get('Region');
    binding.set('Partition', (region && knowledge.regions.find(region)?.partition) || binding.get('Partition') || 'aws');
  }
  return bindings;
}

/** The template's variables as the ARN fills them, or undefined when the ARN does not fit it. */
function extract(template: string, arn: string): Map<string, string> | undefined {
  const t = parseArn(template);
  const a = parseArn(arn);
  if (!t || !a) return undefined;
  const binding = new Map<string, string>();
  for (const segment of ['partition', 'service', 'region', 'account'] as const) {
    const name = /^\$\{(\w+)\}$/.exec(t[segment].text)?.[1];
    if (name) binding.set(name, subjectOf(a[segment].text));
    else if (t[segment].text !== a[segment].text && !/^\*+$/.test(a[segment].text)) return undefined;
  }
  const names: string[] = [];
  const source = t.resource.text.replace(/\$\{(\w+)\}|[.*+?^$()|[\]\\{}]/g, (match, name: string | undefined) => {
    if (!name) return `\\${match}`;
    names.push(name);
    return '(.*)';
  });
  const groups = new RegExp(`^${source}$`, 's').exec(a.resource.text);
  if (groups) names.forEach((name, i) => binding.set(name, subjectOf(groups[i + 1] ?? '')));
  else if (/^\*+$/.test(a.resource.text)) names.forEach((name) => binding.set(name, ANY));
  else return undefined;
  return binding;
}

function statementName(reason: Reason): string {
  const s = reason.statement;
  if (!s) return 'no statement';
  return s.sid ? `statement "${s.sid}"` : `statement ${s.index + 1}`;
}

function resourcesOf(reason: Reason): string {
  const list = reason.statement?.resources ?? reason.statement?.notResources ?? [];
  return list.map((r) => `"${r.value.value}"`).join(', ');
}

/** The reason in words; the first words of each are stable enough for tables and tests. */
export function describe(reason: Reason, action: string, resource: string, target = resource === ACCOUNT_RESOURCE ? '"*"' : `"${resource}"`): string {
  const where = statementName(reason);
  switch (reason.kind) {
    case 'allowed':
      return `granted by ${where}`;
    case 'allowed-if-condition':
      return `granted only if the Condition of ${where} holds`;
    case 'allowed-if-variable':
      return `granted only when the policy variable ${reason.detail ?? ''} in ${where} matches ${target}`;
    case 'allowed-unless-deny-condition':
      return `denied by ${where} whenever its Condition holds`;
    case 'allowed-unless-deny-variable':
      return `denied by ${where} when its policy variable ${reason.detail ?? ''} matches ${target}`;
    case 'allowed-except-denied-part':
      return `denied by ${where} for some of ${target} (its Resource: ${resourcesOf(reason)})`;
    case 'denied':
      return `explicitly denied by ${where}`;
    case 'granted-only-for':
      return `granted only for ${resourcesOf(reason)} by ${where}, not for every ${target}`;
    case 'account-level-in-scoped':
      return `account-level action in a scoped statement: ${where} scopes it to ${resourcesOf(reason)}, but ${action} supports no resource-level permissions and needs "Resource": "*"`;
    case 'other-resource':
      return `not granted on ${target}: ${where} grants it only on ${resourcesOf(reason)}`;
    case 'excluded-by-not-action':
      return `excluded by the NotAction of ${where}`;
    case 'excluded-by-not-resource':
      return `excluded by the NotResource of ${where}, which lists ${resourcesOf(reason)}`;
    case 'invalid-effect':
      return `${where} names it, but its Effect is "${reason.statement?.effectValue?.value ?? ''}", and only "Allow" grants`;
    case 'invalid-statement':
      return `${where} has both ${reason.detail ?? ''} and Not${reason.detail ?? ''}, which IAM rejects: the policy cannot be attached, so it grants nothing`;
    case 'misspelled':
      return `not granted: ${where} lists "${reason.detail ?? ''}", not "${action}"`;
    case 'not-mentioned':
      return 'not mentioned in any statement';
  }
}
