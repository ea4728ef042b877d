import type { PolicyDocument } from '../../policy/model';
import type { OffsetRange } from '../../policy/tree';
import { quickFix, type PolicyCodeAction } from '../codeActions/codeAction';
import type { PolicyDiagnostic } from '../diagnostics';
import { RULES } from '../rules';
import type { PolicySettings } from '../settings';
import type { Knowledge } from '../validation/context';
import { checkReadiness, type PermissionResult, type ReadinessReport } from './check';
import { minimalTextEdit } from '../codeActions/textEdits';
import { addMissingPermissions } from './fix';
import { findProfile, profilesFor, type AppliedProfile, type ReadinessProfile } from './profiles';

/**
 * The readiness check in the editor: a code lens per profile that applies to the file, a
 * diagnostic per permission that a selected profile misses, and the quick fix that adds them.
 */

export const MISSING = 'profile-permission-missing';
export const CONDITIONAL = 'profile-permission-conditional';

export interface PolicyCodeLens {
  readonly range: OffsetRange;
  readonly title: string;
  readonly profile: string;
  /** `details` explains the report; `fix` adds the missing permissions. */
  readonly command: 'details' | 'fix';
}

export interface AppliedReport {
  readonly applied: AppliedProfile;
  readonly report: ReadinessReport;
}

export function getReadiness(document: PolicyDocument, path: string, settings: PolicySettings, knowledge: Knowledge): AppliedReport[] {
  if (!document.policy) return [];
  return profilesFor(document, path, settings.profiles).map((applied) => ({ applied, report: checkReadiness(document, applied.profile, knowledge) }));
}

export function readinessDiagnostics(document: PolicyDocument, path: string, settings: PolicySettings, knowledge: Knowledge): PolicyDiagnostic[] {
  // A document that does not parse already has its error; guesses about its grants would be noise.
  if (document.syntaxIssues.length > 0 || document.tooDeep) return [];
  // Only selected profiles report, so only they are checked (a check walks every action of the policy).
  if (!document.policy) return [];
  return profilesFor(document, path, settings.profiles)
    .filter((applied) => applied.selected)
    .map((applied) => checkReadiness(document, applied.profile, knowledge))
    .flatMap((report) => report.results.filter((r) => r.status !== 'granted').map((r) => toDiagnostic(document, report, r, settings)));
}

function toDiagnostic(document: PolicyDocument, report: ReadinessReport, result: PermissionResult, settings: PolicySettings): PolicyDiagnostic {
  const { reason } = result.evaluation;
  const code = result.status === 'missing' ? MISSING : CONDITIONAL;
  const on = result.resource === '*' || (result.scope === 'any-of-types' && result.status === 'missing') ? '' : ` on "${result.resource}"`;
  const todo =
    result.status === 'conditional'
      ? ' Make sure the application’s requests meet it.'
      : reason.kind === 'denied'
        ? ' Narrow that Deny to let the application through.'
        : reason.kind === 'invalid-statement'
          ? ` Keep only one of ${reason.detail ?? ''} and Not${reason.detail ?? ''} in that statement.`
          : result.unmet.length === 0
            ? ' No quick fix adds it: the profile names no resources for it, and "*" would grant more than it needs; list its "resources" in the profile, or grant it on the resources the application uses.'
            : ` The quick fix "${fixTitle(report.profile, settings)}" adds it.`;
  const range = reason.range ?? document.policy?.statementMember?.keyRange ?? { start: 0, end: Math.min(1, document.text.length) };
  return {
    code,
    severity: RULES[code].severity,
    message: `${report.profile.title} needs "${result.permission.action}"${on}: ${result.why}.${todo}`,
    range,
    data: {
      profile: report.profile.name,
      actions: [result.permission.action],
      reason: reason.kind,
      ...(reason.statement ? { statementIndex: reason.statement.index } : {}),
    },
  };
}

/**
 * The title of the fix, the same for the quick fix and the code lens. With more than one profile
 * enabled, each names its profile, so two fixes in one menu can be told apart:
 * "Add the missing permissions (Media uploads)".
 */
const FIX_TITLE = 'Add the missing permissions';

function fixTitle(profile: ReadinessProfile, settings: PolicySettings): string {
  const several = settings.profiles.filter((p) => p.enabled && p.permissions.length > 0).length > 1;
  return several ? `${FIX_TITLE} (${profile.title})` : FIX_TITLE;
}

/** Whether the fix can add something: a missing permission that is not denied and has a clear place. */
function canFix(report: ReadinessReport): boolean {
  return report.missing > 0 && report.results.some((r) => r.status === 'missing' && r.unmet.length > 0 && r.evaluation.reason.kind !== 'denied');
}

/** One fix per profile, carrying every missing-permission diagnostic of that profile. */
export function readinessCodeActions(document: PolicyDocument, diagnostics: readonly PolicyDiagnostic[], settings: PolicySettings, knowledge: Knowledge): PolicyCodeAction[] {
  const actions: PolicyCodeAction[] = [];
  const names = [...new Set(diagnostics.filter((d) => d.code === MISSING).map((d) => d.data?.profile))];
  for (const name of names) {
    const profile = typeof name === 'string' ? findProfile(settings.profiles, name) : undefined;
    const fixed = profile && addMissingPermissions(document, profile, settings, knowledge);
    if (!profile || !fixed) continue;
    const covered = diagnostics.filter((d) => d.code === MISSING && d.data?.profile === name);
    actions.push(quickFix(fixTitle(profile, settings), covered, [minimalTextEdit(document.text, fixed)], true));
  }
  return actions;
}

/** The fix for a profile without a diagnostic to hang it on (the code lens's "Add" command). */
export function fixProfile(document: PolicyDocument, name: string, settings: PolicySettings, knowledge: Knowledge): string | undefined {
  const profile = findProfile(settings.profiles, name);
  return profile && addMissingPermissions(document, profile, settings, knowledge);
}

/** Above the policy: the summary (click for details) and, when it helps, the fix. */
export function getCodeLenses(document: PolicyDocument, path: string, settings: PolicySettings, knowledge: Knowledge): PolicyCodeLens[] {
  const node = document.policy?.node;
  if (!node) return [];
  const range = { start: node.range.start, end: node.range.start + 1 };
  return getReadiness(document, path, settings, knowledge).flatMap(({ report }) => {
    const lenses: PolicyCodeLens[] = [{ range, title: report.summary, profile: report.profile.name, command: 'details' }];
    if (canFix(report)) lenses.push({ range, title: fixTitle(report.profile, settings), profile: report.profile.name, command: 'fix' });
    return lenses;
  });
}

