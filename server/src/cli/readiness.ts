import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import { checkReadiness } from '../service/readiness/check';
import type { ProfileValues, ReadinessProfile } from '../service/readiness/profiles';

/**
 * `iam-policy-lint --profile NAME`: a readiness table per policy file instead of the lint report.
 * Exit 1 when any permission is missing (conditional grants pass: the condition may well be meant).
 */

export interface ReadinessFileReport {
  readonly file: string;
  readonly profile: string;
  readonly ready: boolean;
  readonly summary: string;
  readonly targets: readonly string[];
  readonly permissions: readonly ReportedPermission[];
  /** Set when the file could not be checked (it does not parse). */
  readonly error?: string;
}

interface ReportedPermission {
  readonly action: string;
  /** The named identity the row is about: one row per action and identity when identities are named. */
  readonly identity?: string;
  readonly status: 'granted' | 'conditional' | 'missing';
  readonly reason: string;
  readonly why: string;
  readonly resource: string;
  /** 0-based, where the deciding (or closest) statement says so. */
  readonly range?: { readonly start: Position; readonly end: Position };
}

interface Position {
  readonly line: number;
  readonly character: number;
}

export function checkFile(service: LanguageService, file: string, text: string, profile: ReadinessProfile, values: ProfileValues): ReadinessFileReport {
  const parsed = service.parse(text);
  if (parsed.syntaxIssues.length > 0 || parsed.tooDeep || !parsed.policy) {
    return { file, profile: profile.name, ready: false, summary: `${profile.title}: not checked`, targets: [], permissions: [], error: 'the file is not a well-formed JSON policy' };
  }
  const report = checkReadiness(parsed, profile, service.knowledge, { values });
  const document = TextDocument.create(file, 'json', 1, text);
  return {
    file,
    profile: profile.name,
    ready: report.missing === 0,
    summary: report.summary,
    targets: report.targets,
    permissions: report.results.map((r) => {
      const range = r.status === 'granted' ? undefined : r.evaluation.reason.range;
      return {
        action: r.permission.action,
        ...(r.identity !== undefined ? { identity: r.identity } : {}),
        status: r.status,
        reason: r.evaluation.reason.kind,
        why: r.why,
        resource: r.resource,
        ...(range ? { range: { start: document.positionAt(range.start), end: document.positionAt(range.end) } } : {}),
      };
    }),
  };
}

export function isReady(report: ReadinessFileReport): boolean {
  return report.ready && !report.error;
}

export function formatReadiness(reports: readonly ReadinessFileReport[], kind: 'text' | 'json'): string {
  if (kind === 'json') return JSON.stringify(reports, null, 2);
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(`${report.file}: ${report.summary}${report.error ? ` (${report.error})` : ''}`);
    if (report.targets.length > 0) lines.push(`  checked for ${report.targets.join(', ')}`);
    // With several identities named, a column says which one each row is about.
    const identities = new Set(report.permissions.flatMap((p) => p.identity ?? []));
    const actionWidth = Math.max(0, ...report.permissions.map((p) => p.action.length));
    const label = (p: ReportedPermission) => (identities.size > 1 ? `${p.action.padEnd(actionWidth)}  ${p.identity ?? ''}` : p.action);
    const width = Math.max(0, ...report.permissions.map((p) => label(p).length));
    for (const p of report.permissions) {
      const at = p.range ? ` (line ${p.range.start.line + 1}, column ${p.range.start.character + 1})` : '';
      lines.push(`  ${label(p).padEnd(width)}  ${p.status.padEnd(11)}  ${p.why}${at}`);
    }
  }
  const ready = reports.filter(isReady).length;
  lines.push(`${reports.length} file${reports.length === 1 ? '' : 's'} checked: ${ready} ready, ${reports.length - ready} not ready`);
  return lines.join('\n');
}

/** The --region and --account values, or what is wrong with them (for --profile, --fix and linting alike). */
export function checkRegionAccount(flags: { region?: string; account?: string }, knownRegion: (id: string) => boolean): string | undefined {
  if (flags.account !== undefined && !/^\d{12}$/.test(flags.account)) return `Invalid --account "${flags.account}": an AWS account ID is 12 digits.`;
  if (flags.region !== undefined && !knownRegion(flags.region)) return `Unknown --region "${flags.region}": expected an AWS Region such as eu-west-2.`;
  return undefined;
}

/** Reads the flags' values for the profile's ARN templates, or says what is wrong with them. `--identity` may be repeated. */
export function profileValues(flags: { identity?: readonly string[]; region?: string; account?: string }, knownRegion: (id: string) => boolean): ProfileValues | string {
  const problem = checkRegionAccount(flags, knownRegion);
  if (problem) return problem;
  const identities = [...new Set(flags.identity ?? [])];
  const bad = identities.find((identity) => !/^[^\s:]+$/.test(identity));
  if (bad !== undefined) return `Invalid --identity "${bad}": expected a domain or an email address.`;
  return {
    ...(identities.length === 1 ? { Identity: identities[0]! } : identities.length > 1 ? { Identity: identities } : {}),
    ...(flags.region !== undefined ? { Region: flags.region } : {}),
    ...(flags.account !== undefined ? { Account: flags.account } : {}),
  };
}
