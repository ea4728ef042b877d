import { findPlaceholders, parseArn } from '../../iam/arn';
import { matchesWildcard } from '../../iam/wildcard';
import type { PolicyDocument } from '../../policy/model';
import type { Knowledge } from '../validation/context';
import { compileStatements, evaluate, type CompiledStatement, type Evaluation, type Reason } from './evaluate';
import { ACCOUNT_RESOURCE, ANY, displayResource, ONE } from './match';
import type { ProfilePermission, ProfileValues, ReadinessProfile } from './profiles';

/**
 * Checks a profile against a policy: every permission evaluated for every identity (more generally:
 * every binding of the profile's ARN template variables) the application may use.
 *
 * Which identities: the ones the user named (settings or CLI flags); for what is left unnamed, the
 * ones the policy itself grants the profile's scoped actions on, so a policy written for
 * example.com is checked for example.com; failing that, "any identity" (a hole that only a
 * wildcard such as `identity/*` covers). docs/readiness.md explains the choice.
 */

export type PermissionStatus = 'granted' | 'conditional' | 'missing';

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
  const bindings = findBindings(statements, profile, { ...profile.values, ...options.values }, options.fallback ?? {}, knowledge);
  const results = profile.permissions.map((permission) => checkPermission(statements, permission, bindings));
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

const RANK: Record<PermissionStatus, number> = { granted: 0, conditional: 1, missing: 2 };

function checkPermission(statements: readonly CompiledStatement[], permission: ProfilePermission, bindings: readonly Binding[]): PermissionResult {
  const resources = permission.resources.length === 0 ? [ACCOUNT_RESOURCE] : [...new Set(permission.resources.flatMap((t) => bindings.map((b) => render(t, b))))];
  let worst: Omit<PermissionResult, 'unmet'> | undefined;
  const unmet: string[] = [];
  for (const resource of resources) {
    const evaluation = evaluate(statements, { action: permission.action, resource });
    const status: PermissionStatus = evaluation.decision === 'allowed' ? 'granted' : evaluation.decision === 'conditional' ? 'conditional' : 'missing';
    if (evaluation.decision === 'implicit-deny') unmet.push(displayResource(resource));
    if (!worst || RANK[status] > RANK[worst.status]) {
      const shown = displayResource(resource);
      worst = { permission, status, evaluation, resource: shown, why: describe(evaluation.reason, permission.action, shown) };
    }
  }
  return { ...worst!, unmet };
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
  for (const [name, text] of Object.entries(values)) if (typeof text === 'string') given.set(name, asSubject(text));
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
    for (const [name, text] of Object.entries(fallback)) if (typeof text === 'string' && !binding.has(name)) binding.set(name, asSubject(text));
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
    if (name) binding.set(name, asSubject(a[segment].text));
    else if (t[segment].text !== a[segment].text && !/^\*+$/.test(a[segment].text)) return undefined;
  }
  const names: string[] = [];
  const source = t.resource.text.replace(/\$\{(\w+)\}|[.*+?^$()|[\]\\{}]/g, (match, name: string | undefined) => {
    if (!name) return `\\${match}`;
    names.push(name);
    return '(.*)';
  });
  const groups = new RegExp(`^${source}$`, 's').exec(a.resource.text);
  if (groups) names.forEach((name, i) => binding.set(name, asSubject(groups[i + 1] ?? '')));
  else if (/^\*+$/.test(a.resource.text)) names.forEach((name) => binding.set(name, ANY));
  else return undefined;
  return binding;
}

/** A value read from the policy as a request would see it: wildcards, variables and placeholders are holes. */
function asSubject(text: string): string {
  if (findPlaceholders(text).length > 0) return ANY;
  return text.replace(/\$\{[^}]*\}|\*+/g, ANY).replaceAll('?', ONE);
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
export function describe(reason: Reason, action: string, resource: string): string {
  const where = statementName(reason);
  const target = resource === ACCOUNT_RESOURCE ? '"*"' : `"${resource}"`;
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
    case 'misspelled':
      return `not granted: ${where} lists "${reason.detail ?? ''}", not "${action}"`;
    case 'not-mentioned':
      return 'not mentioned in any statement';
  }
}
