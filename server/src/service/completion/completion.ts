import { getCursorContext, type KeyPosition, type TypedString } from '../../policy/cursor';
import { NOT_COUNTERPARTS, POLICY_ELEMENTS, STATEMENT_ELEMENTS, type PolicyDocument } from '../../policy/model';
import type { Knowledge } from '../validation/context';
import { completeActions } from './actions';
import { completeConditionKeys, completeOperators } from './conditions';
import { ELEMENT_DOCS } from './docs';
import { keyEdit, sortKey, stringEdit, type CompletionOptions, type CompletionSettings, type PolicyCompletionItem } from './items';
import { completeResources } from './resources';
import { policySnippets, statementSnippets } from './snippets';

export type { CompletionOptions, CompletionSettings, PolicyCompletionItem, PolicyCompletionKind } from './items';

/**
 * Completions at an offset: what the cursor module says the cursor is on decides which list. Pure:
 * the server converts offsets and kinds to the protocol.
 */
export function doComplete(
  document: PolicyDocument,
  offset: number,
  settings: CompletionSettings,
  knowledge: Knowledge,
  options: CompletionOptions,
): PolicyCompletionItem[] {
  const context = getCursorContext(document, offset);
  switch (context.kind) {
    case 'emptyDocument':
      return options.snippetSupport ? policySnippets(knowledge.regions, settings, { start: offset, end: offset }) : [];
    case 'statementSlot':
      return options.snippetSupport ? statementSnippets(knowledge.regions, settings, context.insert, context) : [];
    case 'policyKey':
      return completeKeys('Policy', POLICY_ELEMENTS, POLICY_VALUES, context, options);
    case 'statementKey':
      return completeKeys('Statement', STATEMENT_ELEMENTS, STATEMENT_VALUES, context, options);
    case 'conditionOperator':
      return completeOperators(context, options);
    case 'conditionKey':
      return completeConditionKeys(knowledge.catalog, context.statement, context.operator, context, options);
    case 'value':
      switch (context.element) {
        case 'Version':
          return completeValues(context, [
            ['2012-10-17', 'The current policy language version. Use it.'],
            ['2008-10-17', 'An older version: policy variables such as ${aws:username} are not supported.'],
          ]);
        case 'Effect':
          return completeValues(context, [
            ['Allow', 'Allows the actions on the resources, unless another statement denies them.'],
            ['Deny', 'Denies the actions on the resources; a Deny always wins over an Allow.'],
          ]);
        case 'Action':
        case 'NotAction':
          return completeActions(knowledge.catalog, document, context.statement, context.element, context, options);
        case 'Resource':
        case 'NotResource':
          return completeResources(knowledge, context.statement, context, settings, options);
        default:
          return [];
      }
    case 'none':
      return [];
  }
}

/** What goes after `"Key": ` when the client takes snippets; `retrigger` opens completion for the value. */
interface KeyValue {
  readonly snippet: string;
  readonly plain?: string;
  readonly retrigger?: boolean;
}

const POLICY_VALUES: Readonly<Record<string, KeyValue>> = {
  Version: { snippet: '"2012-10-17"', plain: '"2012-10-17"' },
  Id: { snippet: '"$1"' },
  Statement: { snippet: '[\n\t{\n\t\t"Effect": "${1|Allow,Deny|}",\n\t\t"Action": "$2",\n\t\t"Resource": "$3"\n\t}\n]' },
};

const STATEMENT_VALUES: Readonly<Record<string, KeyValue>> = {
  Sid: { snippet: '"$1"' },
  Effect: { snippet: '"${1|Allow,Deny|}"' },
  Principal: { snippet: '{ "AWS": "$1" }' },
  NotPrincipal: { snippet: '{ "AWS": "$1" }' },
  Action: { snippet: '"$1"', retrigger: true },
  NotAction: { snippet: '"$1"', retrigger: true },
  Resource: { snippet: '"$1"', retrigger: true },
  NotResource: { snippet: '"$1"', retrigger: true },
  Condition: { snippet: '{\n\t"${1:StringEquals}": {\n\t\t"$2": "$3"\n\t}\n}' },
};

/** Rarely wanted in an identity policy, so listed after the others. */
const LATER = new Set(['Principal', 'NotPrincipal', 'NotAction', 'NotResource', 'Id']);

function completeKeys(
  level: 'Policy' | 'Statement',
  names: readonly string[],
  values: Readonly<Record<string, KeyValue>>,
  at: KeyPosition,
  options: CompletionOptions,
): PolicyCompletionItem[] {
  const present = new Set(at.present);
  const items: PolicyCompletionItem[] = [];
  names.forEach((name, index) => {
    const counterpart = NOT_COUNTERPARTS[name];
    if (present.has(name) || (counterpart && present.has(counterpart))) return;
    const value = values[name];
    const snippet = options.snippetSupport && !at.hasColon;
    items.push({
      label: name,
      kind: 'property',
      detail: `${level} element`,
      documentation: ELEMENT_DOCS[name] ?? '',
      sortText: sortKey(LATER.has(name) ? 1 : 0, index),
      filterText: name,
      edit: keyEdit(at, name, snippet ? (value?.snippet ?? '') : (value?.plain ?? '')),
      insertTextFormat: snippet ? 'snippet' : 'plain',
      ...(snippet && value?.retrigger ? { retrigger: true } : {}),
    });
  });
  return items;
}

function completeValues(at: TypedString, values: readonly [string, string][]): PolicyCompletionItem[] {
  return values.map(([value, documentation], index) => ({
    label: value,
    kind: 'value' as const,
    documentation,
    sortText: sortKey(0, index),
    filterText: value,
    edit: stringEdit(at, value),
    insertTextFormat: 'plain' as const,
  }));
}
