import type { IamCatalog, IamConditionKey } from '../../iam/catalog';
import { matchesWildcard } from '../../iam/wildcard';
import { getCursorContext } from '../../policy/cursor';
import type { PolicyDocument, Statement } from '../../policy/model';
import type { OffsetRange } from '../../policy/tree';
import { describeKey, statementConditionKeys } from '../completion/conditions';
import { ELEMENT_DOCS, operatorDoc } from '../completion/docs';
import { variablesAsWildcards } from '../../iam/arn';
import type { Knowledge } from '../validation/context';
import { hoverAction } from './actionHover';
import { hoverResource } from './arnHover';

export interface PolicyHover {
  /** Markdown. */
  readonly contents: string;
  /** The text the hover is about. */
  readonly range: OffsetRange;
}

const VALUE_DOCS: Readonly<Record<string, string>> = {
  '2012-10-17': 'The current policy language version.',
  '2008-10-17': 'An older policy language version: policy variables such as `${aws:username}` are not supported. Use "2012-10-17".',
  Allow: 'Allows the actions on the resources, unless another statement or policy denies them.',
  Deny: 'Denies the actions on the resources; an explicit Deny always wins over an Allow.',
};

/** A table entry for text the user typed: "constructor" or "toString" must not find Object.prototype's. */
function ownEntry(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The hover at the character `offset`: what the cursor module says is there, explained from the catalog. */
export function doHover(document: PolicyDocument, offset: number, knowledge: Knowledge): PolicyHover | undefined {
  const context = getCursorContext(document, offset, 'hover');
  switch (context.kind) {
    case 'policyKey':
    case 'statementKey': {
      const doc = ownEntry(ELEMENT_DOCS, context.value);
      return doc ? { contents: `**${context.value}**: ${doc}`, range: context.token } : undefined;
    }
    case 'conditionOperator': {
      const doc = operatorDoc(context.value);
      return doc ? { contents: `**${context.value}**: ${doc.detail}\n\n${doc.documentation}`, range: context.token } : undefined;
    }
    case 'conditionKey': {
      const key = findConditionKey(knowledge.catalog, context.statement, context.value);
      if (!key) return undefined;
      return { contents: `**${context.value}** (${key.type || 'unknown type'})\n\n${describeKey(key)}`, range: context.token };
    }
    case 'value':
      switch (context.element) {
        case 'Action':
        case 'NotAction':
          return hoverAction(knowledge.catalog, context, offset);
        case 'Resource':
        case 'NotResource':
          return hoverResource(knowledge, context.statement, context);
        case 'Effect':
        case 'Version': {
          const doc = ownEntry(VALUE_DOCS, context.value);
          return doc ? { contents: `**${context.value}**: ${doc}`, range: context.token } : undefined;
        }
        default:
          return undefined;
      }
    default:
      return undefined;
  }
}

/** The key as the statement's actions or the global keys define it; tag keys match their `${TagKey}` pattern. */
function findConditionKey(catalog: IamCatalog, statement: Statement | undefined, written: string): IamConditionKey | undefined {
  const candidates = statementConditionKeys(catalog, statement);
  const lower = written.toLowerCase();
  const exact = candidates.find((k) => k.key.toLowerCase() === lower);
  if (exact) return exact;
  const pattern = candidates.find((k) => keyPattern(k.key) !== undefined && matchesWildcard(keyPattern(k.key)!, written));
  if (pattern) return pattern;
  // A key of a service the statement does not use, such as ses:FromAddress under s3 actions.
  const colon = written.indexOf(':');
  if (colon <= 0) return undefined;
  for (const prefix of catalog.servicesForConditionPrefix(written.slice(0, colon))) {
    const keys = catalog.getService(prefix)?.conditionKeys ?? [];
    const found = keys.find((k) => k.key.toLowerCase() === lower || (keyPattern(k.key) !== undefined && matchesWildcard(keyPattern(k.key)!, written)));
    if (found) return found;
  }
  return undefined;
}

/** `aws:RequestTag/${TagKey}` and the global `aws:PrincipalTag/tag-key` as wildcard patterns. */
function keyPattern(key: string): string | undefined {
  if (key.includes('${')) return variablesAsWildcards(key);
  if (key.endsWith('/tag-key')) return `${key.slice(0, -'tag-key'.length)}*`;
  return undefined;
}
