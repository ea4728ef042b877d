import { actionName, type IamAction, type IamCatalog, type IamResourceType } from '../../iam/catalog';
import { hasWildcard } from '../../iam/wildcard';
import { stringsOf, type Statement } from '../../policy/model';
import type { OffsetRange } from '../../policy/tree';

/** What completion and hover read from a statement: its actions and their resource types, resolved lazily. */

/**
 * The actions a statement's `Action` strings name, the string at `skip` (the one being typed) left
 * out. Patterns with a wildcard in the service part would load many services, so they are skipped.
 */
export function statementActions(catalog: IamCatalog, statement: Statement | undefined, skip?: OffsetRange): IamAction[] {
  const seen = new Set<IamAction>();
  for (const value of stringsOf(statement?.element('Action')?.value)) {
    if (skip && value.range.start <= skip.start && skip.end <= value.range.end) continue;
    const colon = value.value.indexOf(':');
    if (colon <= 0 || hasWildcard(value.value.slice(0, colon))) continue;
    for (const action of catalog.matchActions(value.value)) seen.add(action);
  }
  return [...seen];
}

export interface UsedResourceType {
  readonly service: string;
  readonly type: IamResourceType;
  /** The statement's actions that act on it. */
  readonly actions: readonly string[];
  /** Some of those actions require it. */
  readonly required: boolean;
}

/** The resource types the actions act on, most used first. */
export function resourceTypesOf(catalog: IamCatalog, actions: readonly IamAction[]): UsedResourceType[] {
  const byKey = new Map<string, { service: string; type: IamResourceType; actions: string[]; required: boolean }>();
  for (const action of actions) {
    const service = catalog.getService(action.service);
    for (const used of action.resourceTypes) {
      const type = service?.resourceTypes.get(used.name);
      if (!type) continue;
      const key = `${action.service}/${used.name}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { service: action.service, type, actions: [], required: false };
        byKey.set(key, entry);
      }
      entry.actions.push(actionName(action));
      entry.required ||= used.required;
    }
  }
  return [...byKey.values()].sort((a, b) => b.actions.length - a.actions.length || Number(b.required) - Number(a.required));
}

