import { BUILT_IN_PROFILES, isProfileList, normalizeProfiles, type ReadinessProfile } from './readiness/profiles';
import type { Severity } from './rules';

/** The `iamPolicy.*` settings, as the server and the CLI use them. */
export interface PolicySettings {
  readonly enable: boolean;
  /** Globs of files that are policies even when empty or incomplete. */
  readonly files: readonly string[];
  /** Severity override per rule code. */
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  readonly defaultRegion: string;
  readonly defaultAccountId: string;
  /** Readiness profiles: the built-in ones, adjusted and extended by `iamPolicy.profiles`. */
  readonly profiles: readonly ReadinessProfile[];
}

export const DEFAULT_SETTINGS: PolicySettings = {
  enable: true,
  files: ['**/*policy*.json', '**/*.iam.json'],
  rules: {},
  defaultRegion: '',
  defaultAccountId: '',
  profiles: BUILT_IN_PROFILES,
};

const LEVELS = new Set(['off', 'error', 'warning', 'information', 'hint']);

/** Settings arrive from clients as anything at all; keep what is well-typed, default the rest. */
export function normalizeSettings(raw: unknown): PolicySettings {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, Severity | 'off'> = Object.create(null) as Record<string, Severity | 'off'>;
  if (typeof record.rules === 'object' && record.rules !== null) {
    for (const [code, level] of Object.entries(record.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) rules[code] = level as Severity | 'off';
    }
  }
  return {
    enable: typeof record.enable === 'boolean' ? record.enable : DEFAULT_SETTINGS.enable,
    files: Array.isArray(record.files) ? record.files.filter((f): f is string => typeof f === 'string') : DEFAULT_SETTINGS.files,
    rules,
    defaultRegion: typeof record.defaultRegion === 'string' ? record.defaultRegion : '',
    defaultAccountId: typeof record.defaultAccountId === 'string' ? record.defaultAccountId : '',
    // Already normalized (DEFAULT_SETTINGS spread into raw settings) or as the client sent it.
    profiles: isProfileList(record.profiles) ? record.profiles : normalizeProfiles(record.profiles),
  };
}
