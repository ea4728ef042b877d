import type { IamCatalog, IamAction } from '../../iam/catalog';
import type { RegionCatalog } from '../../iam/regions';
import { stringItems, type PolicyDocument, type Statement } from '../../policy/model';
import type { ArrayValue, OffsetRange, PolicyValue, StringValue } from '../../policy/tree';
import type { DiagnosticData, PolicyDiagnostic } from '../diagnostics';
import { patternsIntersect } from '../../iam/wildcard';
import { RULES, type RuleCode, type Severity } from '../rules';

export interface Knowledge {
  readonly catalog: IamCatalog;
  readonly regions: RegionCatalog;
}

/** An action string of a statement and what it names in the catalog. */
export interface ResolvedAction {
  readonly value: StringValue;
  readonly matched: readonly IamAction[];
  /** `*` or a wildcard in the service part: could be anything, so rules stay quiet about it. */
  readonly unbounded: boolean;
}

/** Severity overrides per rule code, as in `iamPolicy.rules`; "off" drops the rule. */
export type RuleOverrides = Readonly<Record<string, Severity | 'off'>>;

/** The most diagnostics one document gets; the rest are counted in one `too-many-problems`. */
export const MAX_PROBLEMS = 1000;

/**
 * The most items of one element array (Action, Resource, ...) the rules look at. IAM policies are
 * at most tens of kilobytes, a few thousand strings; this bounds the work on a pasted million.
 */
export const MAX_CHECKED_ITEMS = 10_000;

/**
 * What the rules share while validating one document: the findings so far, and caches keyed by
 * string, because large policies repeat the same actions and ARNs in statement after statement and
 * each distinct string needs judging only once.
 *
 * Findings are capped: only the first `limit` in document order are kept, so a document with a
 * million problems costs memory for a thousand. Rules whose messages are expensive (did-you-mean
 * searches) ask `accepts` first and skip the work for findings that would not be shown.
 */
/**
 * Findings that the cap never hides behind others: a policy that does not parse is rejected by IAM
 * whatever else is wrong, and a slip typed at the end of a big document must show at once.
 */
const ALWAYS_SHOWN: ReadonlySet<RuleCode> = new Set<RuleCode>(['json-syntax', 'trailing-comma']);

export class ValidationContext {
  private kept: PolicyDiagnostic[] = [];
  /** Findings of ALWAYS_SHOWN codes, in report order, at most `limit`. */
  private readonly syntax: PolicyDiagnostic[] = [];
  /** Once `kept` was pruned: the last finding kept; anything sorting at or after it is hidden. */
  private cutoff: OffsetRange | undefined;
  private hiddenCount = 0;
  private firstHidden: OffsetRange | undefined;
  private readonly resolved = new Map<Statement, ResolvedAction[]>();
  private readonly resolvedText = new StringCache<{ matched: readonly IamAction[]; unbounded: boolean }>();
  private readonly intersections = new Map<string, Map<string, boolean>>();
  private readonly caches = new Map<string, StringCache<unknown>>();
  /** Arrays cut at MAX_CHECKED_ITEMS, with the first string left unchecked. */
  private readonly truncated = new Map<ArrayValue, { checked: readonly PolicyValue[]; firstUnchecked: OffsetRange; unchecked: number }>();

  constructor(
    readonly document: PolicyDocument,
    readonly knowledge: Knowledge,
    private readonly overrides: RuleOverrides = {},
    private readonly limit = MAX_PROBLEMS,
  ) {}

  get text(): string {
    return this.document.text;
  }

  report(code: RuleCode, range: OffsetRange, message: string, data?: DiagnosticData): void {
    if (this.accepts(code, range)) this.add(code, range, message, data);
  }

  /**
   * Whether a finding of `code` at `range` would be shown. When it would not because of the cap, it
   * is counted as hidden; a caller that gets false must not report it.
   */
  accepts(code: RuleCode, range: OffsetRange): boolean {
    if (this.overrides[code] === 'off') return false;
    if (ALWAYS_SHOWN.has(code)) {
      if (this.syntax.length < this.limit) return true;
      this.hide(range);
      return false;
    }
    if (this.cutoff && compareRanges(range, this.cutoff) >= 0) {
      this.hide(range);
      return false;
    }
    return true;
  }

  /**
   * The items of an element's array that the rules look at: at most MAX_CHECKED_ITEMS. A longer
   * array gets one note on its first unchecked item.
   */
  items(value: ArrayValue): readonly PolicyValue[] {
    if (value.items.length <= MAX_CHECKED_ITEMS) return value.items;
    let cut = this.truncated.get(value);
    if (!cut) {
      cut = { checked: value.items.slice(0, MAX_CHECKED_ITEMS), firstUnchecked: value.items[MAX_CHECKED_ITEMS]!.range, unchecked: value.items.length - MAX_CHECKED_ITEMS };
      this.truncated.set(value, cut);
    }
    return cut.checked;
  }

  /** The strings of an element's value (a string, or the checked items of an array that are strings; the type rule reports the others). */
  strings(value: PolicyValue | undefined): readonly StringValue[] {
    if (value?.kind !== 'array' || value.items.length <= MAX_CHECKED_ITEMS) return stringItems(value);
    const items = this.items(value);
    return items.every((item) => item.kind === 'string') ? (items as readonly StringValue[]) : items.filter((item): item is StringValue => item.kind === 'string');
  }

  /** The findings in document order, capped (syntax first), with a `too-many-problems` summary when some were hidden. */
  results(): PolicyDiagnostic[] {
    for (const cut of this.truncated.values()) {
      const count = cut.unchecked;
      this.report('too-many-problems', cut.firstUnchecked, `This array has ${count} more items than the ${MAX_CHECKED_ITEMS} that are checked; they are not analysed. An IAM policy is at most tens of kilobytes; split the list or generate it differently.`, {
        unchecked: count,
      });
    }
    this.prune();
    // Syntax findings first, then as many of the others, in document order, as the cap leaves room for.
    const room = this.limit - this.syntax.length;
    for (let i = room; i < this.kept.length; i++) this.hide(this.kept[i]!.range);
    const results = [...this.syntax, ...this.kept.slice(0, Math.max(0, room))].sort((a, b) => compareRanges(a.range, b.range));
    if (this.hiddenCount > 0 && this.firstHidden && this.overrides['too-many-problems'] !== 'off') {
      const count = this.hiddenCount;
      results.push(
        this.diagnostic(
          'too-many-problems',
          { start: this.firstHidden.start, end: this.firstHidden.end },
          `${count} more problem${count === 1 ? '' : 's'} not shown: only the first ${this.limit} are reported for one document. Fix these, or turn noisy rules off in iamPolicy.rules.`,
          { hidden: count },
        ),
      );
    }
    return results;
  }

  /** A cache that lives as long as this validation, one per `name`. */
  cache<T>(name: string): StringCache<T> {
    let cache = this.caches.get(name);
    if (!cache) {
      cache = new StringCache();
      // Names can carry a statement's scope; past a thousand of them, caching stops paying off.
      if (this.caches.size < 1000) this.caches.set(name, cache);
    }
    return cache as StringCache<T>;
  }

  /**
   * The statement's Action strings resolved against the catalog, once per statement: several rules
   * (account-level, resource match, condition keys) need them.
   */
  actionsOf(statement: Statement): ResolvedAction[] {
    let actions = this.resolved.get(statement);
    if (!actions) {
      actions = this.strings(statement.element('Action')?.value).map((value) => {
        const { matched, unbounded } = this.resolve(value.value);
        return { value, matched, unbounded };
      });
      this.resolved.set(statement, actions);
    }
    return actions;
  }

  /** Whether two ARN patterns can name the same resource; cached because policies repeat ARNs. */
  intersects(a: string, b: string): boolean {
    let row = this.intersections.get(a);
    if (!row) {
      row = new Map();
      this.intersections.set(a, row);
    }
    let result = row.get(b);
    if (result === undefined) {
      result = patternsIntersect(a, b);
      row.set(b, result);
    }
    return result;
  }

  private add(code: RuleCode, range: OffsetRange, message: string, data: DiagnosticData | undefined): void {
    if (ALWAYS_SHOWN.has(code)) {
      this.syntax.push(this.diagnostic(code, range, message, data));
      return;
    }
    this.kept.push(this.diagnostic(code, range, message, data));
    // Pruning at twice the limit keeps the sorting cost per finding constant.
    if (this.kept.length >= 2 * this.limit) this.prune();
  }

  private diagnostic(code: RuleCode, range: OffsetRange, message: string, data: DiagnosticData | undefined): PolicyDiagnostic {
    const override = this.overrides[code];
    const severity = override && override !== 'off' ? override : RULES[code].severity;
    return data ? { code, severity, message, range, data } : { code, severity, message, range };
  }

  /** Sorts (stably, so equal ranges keep report order) and keeps the first `limit`. */
  private prune(): void {
    this.kept.sort((a, b) => compareRanges(a.range, b.range));
    if (this.kept.length <= this.limit) return;
    for (let i = this.limit; i < this.kept.length; i++) this.hide(this.kept[i]!.range);
    this.kept.length = this.limit;
    this.cutoff = this.kept[this.limit - 1]!.range;
  }

  private hide(range: OffsetRange): void {
    this.hiddenCount++;
    if (!this.firstHidden || compareRanges(range, this.firstHidden) < 0) this.firstHidden = range;
  }

  private resolve(text: string): { matched: readonly IamAction[]; unbounded: boolean } {
    let resolved = this.resolvedText.get(text);
    if (!resolved) {
      const colon = text.indexOf(':');
      const unbounded = text === '*' || (colon > 0 && /[*?]/.test(text.slice(0, colon)));
      resolved = { matched: unbounded ? [] : this.knowledge.catalog.matchActions(text), unbounded };
      this.resolvedText.set(text, resolved);
    }
    return resolved;
  }
}

/**
 * A memo by string that stops growing at a few thousand entries: repeated strings are what it is
 * for, and a document of a million distinct ones would otherwise spend its time growing hash tables.
 */
export class StringCache<T> {
  private readonly entries = new Map<string, T>();

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): void {
    if (this.entries.size < STRING_CACHE_LIMIT) this.entries.set(key, value);
  }
}

const STRING_CACHE_LIMIT = 5000;

function compareRanges(a: OffsetRange, b: OffsetRange): number {
  return a.start - b.start || a.end - b.end;
}
