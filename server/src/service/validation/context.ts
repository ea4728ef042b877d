import type { IamCatalog, IamAction } from '../../iam/catalog';
import type { RegionCatalog } from '../../iam/regions';
import { stringsOf, type PolicyDocument, type Statement } from '../../policy/model';
import type { OffsetRange, StringValue } from '../../policy/tree';
import type { DiagnosticData, PolicyDiagnostic } from '../diagnostics';
import { patternsIntersect } from '../../iam/wildcard';
import { RULES, type RuleCode } from '../rules';

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

/** What the rules share while validating one document. */
export class ValidationContext {
  readonly diagnostics: PolicyDiagnostic[] = [];
  private readonly resolved = new Map<Statement, ResolvedAction[]>();
  private readonly intersections = new Map<string, boolean>();

  constructor(
    readonly document: PolicyDocument,
    readonly knowledge: Knowledge,
  ) {}

  get text(): string {
    return this.document.text;
  }

  report(code: RuleCode, range: OffsetRange, message: string, data?: DiagnosticData): void {
    this.diagnostics.push({ code, severity: RULES[code].severity, message, range, ...(data ? { data } : {}) });
  }

  /**
   * The statement's Action strings resolved against the catalog, once per statement: several rules
   * (account-level, resource match, condition keys) need them.
   */
  actionsOf(statement: Statement): ResolvedAction[] {
    let actions = this.resolved.get(statement);
    if (!actions) {
      actions = stringsOf(statement.element('Action')?.value).map((value) => this.resolve(value));
      this.resolved.set(statement, actions);
    }
    return actions;
  }

  /** Whether two ARN patterns can name the same resource; cached because policies repeat ARNs. */
  intersects(a: string, b: string): boolean {
    const key = `${a}\u0000${b}`;
    let result = this.intersections.get(key);
    if (result === undefined) {
      result = patternsIntersect(a, b);
      this.intersections.set(key, result);
    }
    return result;
  }

  private resolve(value: StringValue): ResolvedAction {
    const text = value.value;
    const colon = text.indexOf(':');
    const unbounded = text === '*' || (colon > 0 && /[*?]/.test(text.slice(0, colon)));
    const matched = unbounded ? [] : this.knowledge.catalog.matchActions(text);
    return { value, matched, unbounded };
  }
}
