import type { PolicyDocument, Statement } from '../../policy/model';
import type { Member, ObjectValue, OffsetRange, PolicyValue } from '../../policy/tree';
import type { PolicyDiagnostic } from '../diagnostics';
import type { PolicySettings } from '../settings';
import type { Knowledge } from '../validation/context';
import type { Layout } from './layout';
import { detectIndentUnit, detectLineEnding, type TextEdit } from './textEdits';

export interface PolicyCodeAction {
  readonly title: string;
  readonly kind: 'quickfix';
  readonly isPreferred?: boolean;
  readonly diagnostics: readonly PolicyDiagnostic[];
  readonly edits: readonly TextEdit[];
}

/** A code action and whether fix-all may apply it without asking (no guess between candidates). */
export interface Fix {
  readonly action: PolicyCodeAction;
  readonly safe: boolean;
  /**
   * Text besides its own edits that the fix's edits were computed from (the Sids of every
   * statement, an array's neighbouring items). Fix-all applies fixes together in one round only
   * when none edits what another reads; a fix without `reads` depends on its edited text alone.
   */
  readonly reads?: readonly OffsetRange[];
}

/** What every fix reads: the document, the user's settings, the catalog and the layout in use. */
export interface FixContext {
  readonly document: PolicyDocument;
  readonly text: string;
  readonly settings: PolicySettings;
  readonly knowledge: Knowledge;
  readonly layout: Layout;
  /** Whether the document parsed cleanly; fixes that restructure it are offered only then. */
  readonly wellFormed: boolean;
}

export function createFixContext(document: PolicyDocument, settings: PolicySettings, knowledge: Knowledge): FixContext {
  const text = document.text;
  return {
    document,
    text,
    settings,
    knowledge,
    layout: { eol: detectLineEnding(text), unit: detectIndentUnit(text) },
    wellFormed: document.syntaxIssues.length === 0 && !document.tooDeep,
  };
}

export function quickFix(title: string, diagnostics: readonly PolicyDiagnostic[], edits: readonly TextEdit[], isPreferred = false): PolicyCodeAction {
  return { title, kind: 'quickfix', ...(isPreferred ? { isPreferred } : {}), diagnostics, edits };
}

export function statementAt(ctx: FixContext, diagnostic: PolicyDiagnostic): Statement | undefined {
  const index = diagnostic.data?.statementIndex;
  return typeof index === 'number' ? ctx.document.policy?.statements[index] : undefined;
}

/** The Statement value: what a fix reading every statement (their Sids, a reusable one) depends on. */
export function statementsRange(ctx: FixContext): OffsetRange | undefined {
  return ctx.document.policy?.statementMember?.value?.range;
}

/** The object holding the member whose key covers `range` (the root or a statement). */
export function objectWithKeyAt(ctx: FixContext, start: number, end: number): { object: ObjectValue; member: Member } | undefined {
  const policy = ctx.document.policy;
  if (!policy) return undefined;
  for (const object of [policy.node, ...policy.statements.map((s) => s.node)]) {
    const member = object.members.find((m) => m.keyRange.start === start && m.keyRange.end === end);
    if (member) return { object, member };
  }
  return undefined;
}

/** The decoded string a diagnostic covers, when it covers exactly one JSON string token. */
export function stringAt(text: string, start: number, end: number): string | undefined {
  const raw = text.slice(start, end);
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Structural equality of two values, for "same Condition" and "same Principal". */
export function sameValue(a: PolicyValue | undefined, b: PolicyValue | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return a.value === (b as typeof a).value;
    case 'null':
      return true;
    case 'array': {
      const other = b as typeof a;
      return a.items.length === other.items.length && a.items.every((item, i) => sameValue(item, other.items[i]));
    }
    case 'object': {
      const other = b as typeof a;
      return (
        a.members.length === other.members.length &&
        a.members.every((m) => other.members.some((o) => o.key === m.key && sameValue(m.value, o.value)))
      );
    }
  }
}
