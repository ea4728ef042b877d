import { parseJson, parseJsonInSlices, type ParsedJson, type SyntaxIssue } from './parseJson';
import { findMember, type ArrayValue, type Member, type ObjectValue, type OffsetRange, type PolicyValue, type StringValue } from './tree';

/**
 * The policy model: a parsed document seen as an IAM policy (root object, Version, statements and
 * their elements). Built once per document version; every rule, completion and hover reads it.
 */
export interface PolicyDocument {
  readonly text: string;
  readonly root: PolicyValue | undefined;
  readonly syntaxIssues: readonly SyntaxIssue[];
  readonly tooDeep: OffsetRange | undefined;
  /** Comments (JSONC), in document order. */
  readonly comments: readonly OffsetRange[];
  /** Undefined when the root is not an object. */
  readonly policy: Policy | undefined;
}

export interface Policy {
  readonly node: ObjectValue;
  readonly version: Member | undefined;
  readonly statementMember: Member | undefined;
  readonly statements: readonly Statement[];
}

export interface Statement {
  readonly node: ObjectValue;
  /** Position in the Statement array (0 for a single statement object). */
  readonly index: number;
  /** The first member of each element name, as IAM reads it. */
  readonly element: (name: ElementName) => Member | undefined;
}

export const POLICY_ELEMENTS = ['Version', 'Id', 'Statement'] as const;
export const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;
export type ElementName = (typeof STATEMENT_ELEMENTS)[number];

/** Each element and its Not form; IAM rejects a statement that has both. */
export const NOT_COUNTERPARTS: Readonly<Record<string, ElementName>> = {
  Action: 'NotAction',
  NotAction: 'Action',
  Resource: 'NotResource',
  NotResource: 'Resource',
  Principal: 'NotPrincipal',
  NotPrincipal: 'Principal',
};

export function parsePolicyDocument(text: string): PolicyDocument {
  return toDocument(text, parseJson(text));
}

/** `parsePolicyDocument` in slices (see parseJsonInSlices); undefined when `pause` answers false. */
export async function parsePolicyDocumentInSlices(text: string, sliceMs: number, pause: () => Promise<boolean>): Promise<PolicyDocument | undefined> {
  const parsed = await parseJsonInSlices(text, sliceMs, pause);
  return parsed && toDocument(text, parsed);
}

function toDocument(text: string, parsed: ParsedJson): PolicyDocument {
  const root = parsed.root;
  const policy = root?.kind === 'object' ? toPolicy(root) : undefined;
  return { text, root, syntaxIssues: parsed.syntaxIssues, tooDeep: parsed.tooDeep, comments: parsed.comments, policy };
}

function toPolicy(node: ObjectValue): Policy {
  const statementMember = findMember(node, 'Statement');
  const value = statementMember?.value;
  const statementNodes: ObjectValue[] = [];
  if (value?.kind === 'object') statementNodes.push(value);
  if (value?.kind === 'array') {
    for (const item of value.items) if (item.kind === 'object') statementNodes.push(item);
  }
  const statements = statementNodes.map((statementNode, index) => toStatement(statementNode, index));
  return { node, version: findMember(node, 'Version'), statementMember, statements };
}

function toStatement(node: ObjectValue, index: number): Statement {
  return { node, index, element: (name) => findMember(node, name) };
}

/**
 * The strings of an element whose value is a string or an array of strings; other items are
 * skipped here (the type rule reports them).
 */
export function stringsOf(value: PolicyValue | undefined): StringValue[] {
  if (!value) return [];
  if (value.kind === 'string') return [value];
  if (value.kind === 'array') return value.items.filter((item): item is StringValue => item.kind === 'string');
  return [];
}

/**
 * `stringsOf` without the copy when every item is a string (the usual case), for validation, which
 * reads the strings of big arrays several times.
 */
export function stringItems(value: PolicyValue | undefined): readonly StringValue[] {
  if (value?.kind !== 'array') return stringsOf(value);
  for (const item of value.items) if (item.kind !== 'string') return stringsOf(value);
  return value.items as readonly StringValue[];
}

export function isArray(value: PolicyValue | undefined): value is ArrayValue {
  return value?.kind === 'array';
}
