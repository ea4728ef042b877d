import type { IamCatalog, IamConditionKey } from '../../iam/catalog';
import { allOperatorSpellings, parseConditionOperator } from '../../iam/conditionOperators';
import type { KeyPosition } from '../../policy/cursor';
import type { Statement } from '../../policy/model';
import { operatorDoc } from './docs';
import { escapeJson, escapeSnippet, keyEdit, sortKey, type CompletionOptions, type PolicyCompletionItem } from './items';
import { statementActions } from './statementFacts';

/** Condition operators: plain ones first, then IfExists, then the set qualifiers. */
export function completeOperators(at: KeyPosition, options: CompletionOptions): PolicyCompletionItem[] {
  const present = new Set(at.present);
  const items: PolicyCompletionItem[] = [];
  allOperatorSpellings().forEach((spelling, index) => {
    const doc = operatorDoc(spelling);
    if (present.has(spelling) || !doc) return;
    const parsed = parseConditionOperator(spelling);
    const group = (parsed?.qualifier ? 2 : 0) + (parsed?.ifExists ? 1 : 0);
    items.push({
      label: spelling,
      kind: 'operator',
      detail: doc.detail,
      documentation: doc.documentation,
      sortText: sortKey(group, index),
      filterText: spelling,
      edit: keyEdit(at, spelling, options.snippetSupport ? '{\n\t"$1": "$2"\n}' : ''),
      insertTextFormat: options.snippetSupport ? 'snippet' : 'plain',
      retrigger: options.snippetSupport,
    });
  });
  return items;
}

export interface ResolvedConditionKey extends IamConditionKey {
  /** `service` for keys of the statement's actions, `global` for aws: keys. */
  readonly origin: 'service' | 'global';
}

/** The keys the statement's actions and their resource types support, then the global ones. */
export function statementConditionKeys(catalog: IamCatalog, statement: Statement | undefined): ResolvedConditionKey[] {
  const found = new Map<string, ResolvedConditionKey>();
  for (const action of statementActions(catalog, statement)) {
    const service = catalog.getService(action.service);
    const names = [
      ...action.conditionKeys,
      ...action.resourceTypes.flatMap((t) => [...t.conditionKeys, ...(service?.resourceTypes.get(t.name)?.conditionKeys ?? [])]),
    ];
    for (const name of names) {
      const lower = name.toLowerCase();
      if (found.has(lower)) continue;
      // The action's own service defines the keys it lists, aws:RequestTag/${TagKey} included.
      const known = service?.conditionKeys.find((k) => k.key.toLowerCase() === lower) ?? findServiceKey(catalog, name);
      found.set(lower, { key: name, description: known?.description ?? '', type: known?.type ?? '', origin: 'service' });
    }
  }
  const keys = [...found.values()].sort((a, b) => Number(a.key.startsWith('aws:')) - Number(b.key.startsWith('aws:')) || a.key.localeCompare(b.key));
  const global = catalog.globalConditionKeys().filter((g) => !found.has(g.key.toLowerCase()));
  return [...keys, ...global.map((g) => ({ ...g, origin: 'global' as const }))];
}

/** The catalog's entry for a service condition key, by the service its prefix names. */
export function findServiceKey(catalog: IamCatalog, key: string): IamConditionKey | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const lower = key.toLowerCase();
  for (const prefix of catalog.servicesForConditionPrefix(key.slice(0, colon))) {
    const found = catalog.getService(prefix)?.conditionKeys.find((k) => k.key.toLowerCase() === lower);
    if (found) return found;
  }
  return undefined;
}

/** What a global key without a description is about, from its category. */
export function describeKey(key: IamConditionKey & { category?: unknown }): string {
  if (key.description) return key.description;
  const category = typeof key.category === 'string' ? key.category : '';
  return `Global condition key${category ? ` (${category} properties)` : ''}, available in every service's requests.`;
}

export function completeConditionKeys(
  catalog: IamCatalog,
  statement: Statement | undefined,
  operator: string,
  at: KeyPosition,
  options: CompletionOptions,
): PolicyCompletionItem[] {
  const present = new Set(at.present.map((p) => p.toLowerCase()));
  const qualified = parseConditionOperator(operator)?.qualifier !== undefined;
  return statementConditionKeys(catalog, statement)
    .filter((key) => !present.has(key.key.toLowerCase()))
    .map((key, index) => {
      const { text, stops } = options.snippetSupport ? keySnippet(key.key) : { text: escapeJson(key.key), stops: 0 };
      const multi = qualified || key.type.startsWith('ArrayOf');
      const stop = `$${stops + 1}`;
      const value = options.snippetSupport ? (multi ? `["${stop}"]` : `"${stop}"`) : '';
      return {
        label: key.key,
        kind: 'field' as const,
        detail: `${key.type || 'unknown type'} · ${key.origin === 'global' ? 'global key' : 'supported by this statement'}`,
        documentation: describeKey(key),
        sortText: sortKey(key.origin === 'global' ? 1 : 0, index),
        filterText: key.key,
        edit: keyEdit(at, text, value),
        insertTextFormat: options.snippetSupport ? ('snippet' as const) : ('plain' as const),
      };
    });
}

/** `aws:RequestTag/${TagKey}` and `aws:PrincipalTag/tag-key` get a tab stop for the tag key. */
function keySnippet(key: string): { text: string; stops: number } {
  const variable = key.match(/^(.*\/)\$\{([^}]*)\}$/) ?? key.match(/^(aws:\w+Tag\/)(tag-key)$/);
  if (!variable) return { text: escapeSnippet(escapeJson(key)), stops: 0 };
  return { text: `${escapeSnippet(escapeJson(variable[1] ?? ''))}\${1:${variable[2]}}`, stops: 1 };
}
