import { hasWildcard } from '../../../server/src/iam/wildcard';
import { stringsOf } from '../../../server/src/policy/model';
import type { PolicyValue } from '../../../server/src/policy/tree';
import { service } from '../service';

/**
 * What a policy grants, statement boundaries, Sids and layout aside: one entry per action and the
 * Effect, Principal, Condition and Resource set it sits under. `moveFrom` reads the account-level
 * actions of that statement as if they already sat under "Resource": "*".
 */
export function grants(text: string, moveFrom?: number): Set<string> {
  const result = new Set<string>();
  for (const statement of service.parse(text).policy?.statements ?? []) {
    const scope = (['Effect', 'Principal', 'NotPrincipal', 'Condition', 'NotAction', 'NotResource'] as const).map((name) => plain(statement.element(name)?.value));
    const resources = JSON.stringify(stringsOf(statement.element('Resource')?.value).map((r) => r.value).sort());
    for (const action of stringsOf(statement.element('Action')?.value)) {
      const moved = statement.index === moveFrom && isAccountLevel(action.value);
      result.add([...scope, moved ? '["*"]' : resources, action.value.toLowerCase()].join(' | '));
    }
  }
  return result;
}

/** As the move fix reads it: every action the string matches supports no resource-level permissions. */
export function isAccountLevel(action: string): boolean {
  const colon = action.indexOf(':');
  if (colon <= 0 || hasWildcard(action.slice(0, colon))) return false;
  const matched = service.knowledge.catalog.matchActions(action);
  return matched.length > 0 && matched.every((a) => a.resourceTypes.length === 0);
}

function plain(value: PolicyValue | undefined): string {
  return JSON.stringify(toJson(value)) ?? '-';
}

function toJson(value: PolicyValue | undefined): unknown {
  if (!value) return undefined;
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'array':
      return value.items.map(toJson);
    case 'object':
      return Object.fromEntries(value.members.map((m) => [m.key, toJson(m.value)]));
  }
}
