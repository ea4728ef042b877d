import { hasWildcard, patternsIntersect } from '../../iam/wildcard';
import type { TypedString } from '../../policy/cursor';
import { stringsOf, type PolicyDocument, type Statement } from '../../policy/model';
import { escapeJson, sortKey, stringEdit, type CompletionOptions, type PolicyCompletionItem } from './items';
import { variablesAsWildcards } from '../../iam/arn';
import { isAccountLevel, type IamAction, type IamCatalog, type IamService } from '../../iam/catalog';
import { statementActions } from './statementFacts';

/**
 * Action strings: service prefixes until a colon is typed, then the service's actions, the ones that
 * fit the rest of the statement first. Only the typed service is loaded.
 */
export function completeActions(
  catalog: IamCatalog,
  document: PolicyDocument,
  statement: Statement | undefined,
  element: 'Action' | 'NotAction',
  at: TypedString,
  options: CompletionOptions,
): PolicyCompletionItem[] {
  const colon = at.prefix.indexOf(':');
  if (colon < 0) return servicePrefixes(catalog, document, at, options);
  const servicePart = at.prefix.slice(0, colon);
  if (hasWildcard(servicePart)) return [];
  const service = catalog.getService(servicePart);
  if (!service) return [];
  const listed = new Set(
    stringsOf(statement?.element(element)?.value)
      .filter((value) => value.range.start !== at.token.start)
      .map((value) => value.value.toLowerCase()),
  );
  const tierOf = element === 'Action' ? fitTiers(catalog, service, statement, at) : () => 0;
  const items: PolicyCompletionItem[] = [];
  for (const action of service.actions) {
    const name = `${service.prefix}:${action.name}`;
    if (listed.has(name.toLowerCase())) continue;
    items.push({
      label: name,
      kind: 'function',
      detail: actionDetail(action),
      documentation: actionDocumentation(action),
      sortText: sortKey(tierOf(action), action.name),
      filterText: name,
      edit: stringEdit(at, escapeJson(name)),
      insertTextFormat: 'plain',
    });
  }
  return items;
}

function servicePrefixes(catalog: IamCatalog, document: PolicyDocument, at: TypedString, options: CompletionOptions): PolicyCompletionItem[] {
  const used = servicesInDocument(document);
  return catalog.servicePrefixes().map((prefix) => {
    const name = catalog.serviceName(prefix) ?? prefix;
    // With snippets the closing quote goes in now and the cursor stays before it.
    const edit = options.snippetSupport ? stringEdit(at, `${prefix}:$0`) : stringEdit(at, `${prefix}:`, true);
    return {
      label: prefix,
      kind: 'module' as const,
      detail: name,
      documentation: `Actions of ${name}: \`${prefix}:ActionName\`.`,
      sortText: sortKey(used.has(prefix) ? 0 : 1, prefix),
      filterText: prefix,
      edit,
      insertTextFormat: options.snippetSupport ? ('snippet' as const) : ('plain' as const),
      retrigger: true,
    };
  });
}

/** Service prefixes the policy already uses, read from the text: no service is loaded. */
function servicesInDocument(document: PolicyDocument): Set<string> {
  const used = new Set<string>();
  for (const statement of document.policy?.statements ?? []) {
    for (const value of stringsOf(statement.element('Action')?.value)) {
      const colon = value.value.indexOf(':');
      if (colon > 0) used.add(value.value.slice(0, colon).toLowerCase());
    }
  }
  return used;
}

/**
 * How well an action fits the statement, 0 best. A statement scoped to ARNs wants actions on those
 * resource types and not account-level ones; a statement of account-level actions wants more of
 * them (AWS and the SES vendors keep them in their own "Resource": "*" statement); otherwise
 * actions sharing a resource type with the others come first.
 */
function fitTiers(catalog: IamCatalog, service: IamService, statement: Statement | undefined, at: TypedString): (action: IamAction) => number {
  const resources = stringsOf(statement?.element('Resource')?.value).map((r) => r.value);
  const scoped = resources.length > 0 && !resources.includes('*');
  if (scoped) {
    const patterns = resources.map(variablesAsWildcards);
    const fitting = new Set<string>();
    for (const type of service.resourceTypes.values()) {
      if (patterns.some((pattern) => patternsIntersect(variablesAsWildcards(type.arn), pattern))) fitting.add(type.key);
    }
    return (action) => (isAccountLevel(action) ? 2 : action.resourceTypes.some((t) => fitting.has(t.name)) ? 0 : 1);
  }
  const others = statementActions(catalog, statement, at.token);
  if (others.length === 0) return () => 0;
  if (others.every(isAccountLevel)) return (action) => (isAccountLevel(action) ? 0 : 1);
  const types = new Set(others.flatMap((other) => other.resourceTypes.map((t) => `${other.service}/${t.name}`)));
  return (action) =>
    isAccountLevel(action) ? 2 : action.resourceTypes.some((t) => types.has(`${action.service}/${t.name}`)) ? 0 : 1;
}

export function actionDetail(action: IamAction): string {
  if (isAccountLevel(action)) return `${action.accessLevel} · needs "Resource": "*"`;
  const types = action.resourceTypes.map((t) => `${t.name}${t.required ? '*' : ''}`);
  return `${action.accessLevel} · ${types.join(', ')}`;
}

function actionDocumentation(action: IamAction): string {
  const scope = isAccountLevel(action)
    ? 'Supports no resource-level permissions: use `"Resource": "*"`, in a statement of its own.'
    : `Resource types: ${action.resourceTypes.map((t) => `\`${t.name}\`${t.required ? ' (required)' : ''}`).join(', ')}.`;
  return `${action.description}\n\nAccess level: ${action.accessLevel}. ${scope}`;
}
