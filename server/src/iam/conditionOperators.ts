/**
 * Condition operators, from the IAM JSON policy grammar. They are part of the policy language
 * itself (like element names), not service data, so no data package carries them.
 */
export interface ConditionOperator {
  readonly name: string;
  readonly category: 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'ARN' | 'Null';
}

const BASE: readonly ConditionOperator[] = [
  ...['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'].map(
    (name) => ({ name, category: 'String' as const }),
  ),
  ...['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'].map(
    (name) => ({ name, category: 'Numeric' as const }),
  ),
  ...['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'].map(
    (name) => ({ name, category: 'Date' as const }),
  ),
  { name: 'Bool', category: 'Bool' },
  { name: 'BinaryEquals', category: 'Binary' },
  { name: 'IpAddress', category: 'IpAddress' },
  { name: 'NotIpAddress', category: 'IpAddress' },
  ...['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'].map((name) => ({ name, category: 'ARN' as const })),
];

/** `Null` takes no IfExists suffix and no set qualifier in practice, but IAM accepts the latter. */
const NULL_OPERATOR: ConditionOperator = { name: 'Null', category: 'Null' };

export const SET_QUALIFIERS = ['ForAllValues:', 'ForAnyValue:'] as const;

export const CONDITION_OPERATORS: readonly ConditionOperator[] = [...BASE, NULL_OPERATOR];

export interface ParsedOperator {
  readonly operator: ConditionOperator;
  readonly qualifier: (typeof SET_QUALIFIERS)[number] | undefined;
  readonly ifExists: boolean;
}

/** Operator names are case-sensitive in IAM; set qualifiers too. */
export function parseConditionOperator(text: string): ParsedOperator | undefined {
  let rest = text;
  const qualifier = SET_QUALIFIERS.find((q) => rest.startsWith(q));
  if (qualifier) rest = rest.slice(qualifier.length);
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const operator = CONDITION_OPERATORS.find((op) => op.name === rest);
  if (!operator || (ifExists && operator === NULL_OPERATOR)) return undefined;
  return { operator, qualifier, ifExists };
}

/** Every spelling IAM accepts, for did-you-mean suggestions and completion. */
export function allOperatorSpellings(): string[] {
  const names: string[] = [];
  for (const op of CONDITION_OPERATORS) {
    const bases = op === NULL_OPERATOR ? [op.name] : [op.name, `${op.name}IfExists`];
    for (const base of bases) {
      names.push(base);
      for (const q of SET_QUALIFIERS) names.push(q + base);
    }
  }
  return names;
}
