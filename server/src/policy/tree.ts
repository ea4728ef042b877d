/**
 * A syntax-neutral tree of the values in a policy document, every node with its source offsets.
 * The JSON front end builds it today; CloudFormation (YAML) and Terraform front ends can build the
 * same tree later, so rules never depend on jsonc-parser.
 */

/** Half-open character offsets into the document text. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export type PolicyValue = StringValue | NumberValue | BooleanValue | NullValue | ObjectValue | ArrayValue;

export interface StringValue {
  readonly kind: 'string';
  readonly value: string;
  /** Includes the quotes in JSON. */
  readonly range: OffsetRange;
}

export interface NumberValue {
  readonly kind: 'number';
  readonly value: number;
  readonly range: OffsetRange;
}

export interface BooleanValue {
  readonly kind: 'boolean';
  readonly value: boolean;
  readonly range: OffsetRange;
}

export interface NullValue {
  readonly kind: 'null';
  readonly range: OffsetRange;
}

export interface ArrayValue {
  readonly kind: 'array';
  readonly items: readonly PolicyValue[];
  readonly range: OffsetRange;
}

export interface ObjectValue {
  readonly kind: 'object';
  /** Every member in source order, duplicates included (JSON.parse would hide them). */
  readonly members: readonly Member[];
  readonly range: OffsetRange;
}

export interface Member {
  readonly key: string;
  /** The key as written, quotes included. */
  readonly keyRange: OffsetRange;
  /** Missing while the user is still typing (`"Effect":` or `"Effect"`). */
  readonly value: PolicyValue | undefined;
  /** From the key to the end of the value. */
  readonly range: OffsetRange;
}

/** The first member named exactly `key`; IAM element names are case-sensitive. */
export function findMember(object: ObjectValue, key: string): Member | undefined {
  for (const member of object.members) {
    if (member.key === key) return member;
  }
  return undefined;
}

/** How a value's JSON type is named in messages. */
export function describeKind(value: PolicyValue): string {
  switch (value.kind) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
  }
}
