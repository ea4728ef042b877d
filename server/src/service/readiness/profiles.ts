import type { PolicyDocument } from '../../policy/model';
import { stringsOf } from '../../policy/model';
import { matchesPolicyGlobs } from '../policyFiles';
import { ACCOUNT_ACTIONS, IDENTITY_ACTIONS, SEND_ACTIONS } from '../templates/wpOffloadSes';

/**
 * Readiness profiles: the permissions an application needs, checked against a policy. One is built
 * in (WP Offload SES); users add their own, or adjust the built-in one, in `iamPolicy.profiles`.
 */

export interface ProfilePermission {
  /** `service:ActionName`, no wildcards: the request the application makes. */
  readonly action: string;
  /**
   * ARN templates the action must be granted on, with `${Partition}`, `${Region}`, `${Account}`
   * and `${Identity}` filled from the profile's values, the policy, or "any". Empty: none given, so
   * the IAM catalog decides (check.ts): an action without resource-level permissions is requested
   * on `"*"`, any other on "some resource of the action's types".
   */
  readonly resources: readonly string[];
  /** Sid of the statement the quick fix adds the action to. */
  readonly sid: string;
}

/** Values for the template variables; unset ones are read from the policy or stand for "any". */
export interface ProfileValues {
  /** One identity, or several: each permission on `${Identity}` is checked for each. */
  readonly Identity?: string | readonly string[];
  readonly Region?: string;
  readonly Account?: string;
}

export interface ReadinessProfile {
  readonly name: string;
  readonly title: string;
  readonly permissions: readonly ProfilePermission[];
  /** Files the profile is checked on, with a diagnostic per missing permission. */
  readonly files: readonly string[];
  readonly values: ProfileValues;
  readonly enabled: boolean;
}

export const WP_OFFLOAD_SES = 'wp-offload-ses';
export const SES_IDENTITY_ARN = 'arn:${Partition}:ses:${Region}:${Account}:identity/${Identity}';

/** As the vendor documents it: identity management and sending scoped to identities, the rest on "*". */
export const BUILT_IN_PROFILES: readonly ReadinessProfile[] = [
  {
    name: WP_OFFLOAD_SES,
    title: 'WP Offload SES',
    permissions: [
      ...IDENTITY_ACTIONS.map((action) => ({ action, resources: [SES_IDENTITY_ARN], sid: 'IdentityManagement' })),
      ...SEND_ACTIONS.map((action) => ({ action, resources: [SES_IDENTITY_ARN], sid: 'SendEmail' })),
      ...ACCOUNT_ACTIONS.map((action) => ({ action, resources: [], sid: 'AccountLevel' })),
    ],
    files: [],
    values: {},
    enabled: true,
  },
];

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/;

/**
 * `iamPolicy.profiles` as clients send it (anything at all): well-formed entries kept, the rest
 * dropped. An entry named like a built-in profile adjusts it (files, values, or its actions).
 */
export function normalizeProfiles(raw: unknown): ReadinessProfile[] {
  const entries = isRecord(raw) ? raw : {};
  const profiles = new Map(BUILT_IN_PROFILES.map((p) => [p.name, p]));
  for (const [name, value] of Object.entries(entries)) {
    if (!isRecord(value) || !name) continue;
    const base = profiles.get(name);
    const permissions = Array.isArray(value.actions) ? value.actions.flatMap((entry) => toPermission(entry, name)) : undefined;
    if (!base && !permissions?.length) continue;
    const values: { -readonly [K in keyof ProfileValues]: ProfileValues[K] } = { ...base?.values };
    for (const [key, setting] of [['Identity', 'identity'], ['Region', 'region'], ['Account', 'account']] as const) {
      const text = value[setting];
      if (typeof text === 'string' && text.trim()) values[key] = text.trim();
    }
    if (Array.isArray(value.identity)) {
      const identities = [...new Set(value.identity.filter((i): i is string => typeof i === 'string').map((i) => i.trim()).filter((i) => i !== ''))];
      if (identities.length > 0) values.Identity = identities;
    }
    profiles.set(name, {
      name,
      title: typeof value.title === 'string' && value.title.trim() ? value.title.trim() : (base?.title ?? name),
      permissions: permissions?.length ? permissions : (base?.permissions ?? []),
      files: Array.isArray(value.files) ? value.files.filter((f): f is string => typeof f === 'string') : (base?.files ?? []),
      values,
      enabled: typeof value.enabled === 'boolean' ? value.enabled : true,
    });
  }
  return [...profiles.values()];
}

/** A list normalizeProfiles produced (settings objects are re-normalized after spreading). */
export function isProfileList(value: unknown): value is ReadinessProfile[] {
  return Array.isArray(value) && value.every((p) => isRecord(p) && typeof p.name === 'string' && Array.isArray(p.permissions) && Array.isArray(p.files) && isRecord(p.values));
}

function toPermission(entry: unknown, profile: string): ProfilePermission[] {
  const record = typeof entry === 'string' ? { action: entry } : isRecord(entry) ? entry : {};
  const action = typeof record.action === 'string' ? record.action.trim() : '';
  if (!ACTION.test(action)) return [];
  const resources = Array.isArray(record.resources) ? record.resources.filter((r): r is string => typeof r === 'string' && r !== '') : [];
  const sid = typeof record.sid === 'string' && /^[A-Za-z0-9]+$/.test(record.sid) ? record.sid : sidFor(profile);
  // "*" (or no resources) names no particular resource: the catalog decides what is requested (check.ts).
  return [{ action, resources: resources.filter((r) => r !== '*'), sid }];
}

/** `my-app` -> `MyApp`: Sids allow only ASCII letters and digits. */
function sidFor(name: string): string {
  const sid = name.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase()).replace(/^./, (ch) => ch.toUpperCase());
  return sid || 'Permissions';
}

export function findProfile(profiles: readonly ReadinessProfile[], name: string): ReadinessProfile | undefined {
  return profiles.find((p) => p.name === name);
}

export interface AppliedProfile {
  readonly profile: ReadinessProfile;
  /** Chosen by the file's path (`files`): checked with diagnostics. Otherwise only offered in a code lens. */
  readonly selected: boolean;
}

/**
 * Which profiles a policy file gets: those whose `files` globs match its path (diagnostics and a
 * code lens), user profiles without `files` (a code lens), and the built-in WP Offload SES profile
 * as a code lens on any policy that uses `ses:` actions.
 */
export function profilesFor(document: PolicyDocument, path: string, profiles: readonly ReadinessProfile[]): AppliedProfile[] {
  const applied: AppliedProfile[] = [];
  for (const profile of profiles) {
    if (!profile.enabled || profile.permissions.length === 0) continue;
    if (profile.files.length > 0 && matchesPolicyGlobs(path, profile.files)) applied.push({ profile, selected: true });
    else if (profile.name === WP_OFFLOAD_SES ? usesService(document, 'ses') : profile.files.length === 0) applied.push({ profile, selected: false });
  }
  return applied;
}

function usesService(document: PolicyDocument, prefix: string): boolean {
  const wanted = `${prefix}:`;
  return (document.policy?.statements ?? []).some((s) =>
    [...stringsOf(s.element('Action')?.value), ...stringsOf(s.element('NotAction')?.value)].some((v) => v.value.toLowerCase().startsWith(wanted)),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
