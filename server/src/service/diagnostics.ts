import type { OffsetRange, StringValue } from '../policy/tree';
import type { RuleCode, Severity } from './rules';

/** A finding of the validator, in offsets; the server turns it into an LSP Diagnostic. */
export interface PolicyDiagnostic {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range: OffsetRange;
  /** What a quick fix needs, so code actions never re-run the rule. */
  readonly data?: DiagnosticData;
}

export interface DiagnosticData {
  /** Replacement texts, best first (did-you-mean, canonical casing). */
  readonly suggestions?: readonly string[];
  /** Index of the statement the finding is about. */
  readonly statementIndex?: number;
  /** Action names the finding is about (canonical spelling). */
  readonly actions?: readonly string[];
  readonly [key: string]: unknown;
}

export const SOURCE = 'iam-policy';

/**
 * The range of part of a string value, `[from, to)` in its decoded value. When the JSON text holds
 * escapes, decoded and source offsets differ; then the whole string is the honest range.
 */
export function innerRange(text: string, value: StringValue, from: number, to: number): OffsetRange {
  const rawStart = value.range.start + 1;
  const raw = text.slice(rawStart, value.range.end - 1);
  if (raw === value.value) return { start: rawStart + from, end: rawStart + to };
  return value.range;
}

/** `"a", "b" and "c"` for messages. */
export function quoteList(items: readonly string[], limit = 5): string {
  const quoted = items.slice(0, limit).map((item) => `"${item}"`);
  const more = items.length > limit ? [`${items.length - limit} more`] : [];
  const all = [...quoted, ...more];
  if (all.length <= 1) return all.join('');
  return `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}
