import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import type { Member, OffsetRange, PolicyValue } from './tree';

/**
 * The JSON front end: text in, syntax-neutral tree out. jsonc-parser stays inside this file and the
 * cursor module.
 */

/** Deeper than any IAM policy can be; beyond it jsonc-parser's recursive descent can overflow the stack. */
export const MAX_DEPTH = 64;

export interface SyntaxIssue {
  readonly message: string;
  readonly range: OffsetRange;
}

export interface ParsedJson {
  readonly root: PolicyValue | undefined;
  readonly syntaxIssues: readonly SyntaxIssue[];
  /** Set when the nesting limit stopped the parse; `root` is then undefined. */
  readonly tooDeep: OffsetRange | undefined;
}

export function parseJson(text: string): ParsedJson {
  const tooDeep = findExcessiveNesting(text);
  if (tooDeep) return { root: undefined, syntaxIssues: [], tooDeep };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  const syntaxIssues = errors.map((error) => ({
    message: describeParseError(printParseErrorCode(error.error)),
    range: { start: error.offset, end: error.offset + Math.max(error.length, 0) },
  }));
  return { root: tree ? convert(tree) : undefined, syntaxIssues, tooDeep: undefined };
}

/** jsonc-parser names errors like `CommaExpected`; users read "Comma expected". */
function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An iterative bracket count, so no input can make the check itself recurse. */
function findExcessiveNesting(text: string): OffsetRange | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > MAX_DEPTH) {
        const start = scanner.getTokenOffset();
        return { start, end: start + 1 };
      }
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function rangeOf(node: Node): OffsetRange {
  return { start: node.offset, end: node.offset + node.length };
}

// Recursion is bounded by MAX_DEPTH, checked before parseTree runs.
function convert(node: Node): PolicyValue {
  const range = rangeOf(node);
  switch (node.type) {
    case 'string':
      return { kind: 'string', value: String(node.value ?? ''), range };
    case 'number':
      return { kind: 'number', value: Number(node.value), range };
    case 'boolean':
      return { kind: 'boolean', value: node.value === true, range };
    case 'null':
      return { kind: 'null', range };
    case 'array':
      return { kind: 'array', items: (node.children ?? []).map(convert), range };
    case 'object':
      return { kind: 'object', members: (node.children ?? []).flatMap(convertProperty), range };
    case 'property':
      // A property never stands where a value is expected; treat it as null rather than throw.
      return { kind: 'null', range };
  }
}

function convertProperty(property: Node): Member[] {
  const [keyNode, valueNode] = property.children ?? [];
  if (!keyNode || keyNode.type !== 'string') return [];
  return [
    {
      key: String(keyNode.value ?? ''),
      keyRange: rangeOf(keyNode),
      value: valueNode ? convert(valueNode) : undefined,
      range: rangeOf(property),
    },
  ];
}
