import { hasWildcard } from '../../iam/wildcard';
import { stringsOf, type Statement } from '../../policy/model';
import type { ArrayValue, PolicyValue, StringValue } from '../../policy/tree';
import { quoteList, type PolicyDiagnostic } from '../diagnostics';
import { appendItems, removeItems } from './arrayItems';
import { quickFix, sameValue, statementsRange, type Fix, type FixContext } from './codeAction';
import { arrayStyle, defaultArrayStyle, objectStyle, renderArray, renderObject, type ArrayStyle } from './layout';
import { insert, replace, whitespaceBefore, type TextEdit } from './textEdits';

/**
 * The centrepiece: account-level actions (ses:GetAccount) in a statement scoped to ARNs grant
 * nothing, so they move to a statement with "Resource": "*", the same Effect and the same
 * Condition. One fix per statement takes all of them. A wildcard that matches resource-level actions
 * too (ses:Get*) stays: moving it to "*" would widen what the others grant.
 */
export function moveAccountActions(ctx: FixContext, statement: Statement, diagnostics: readonly PolicyDiagnostic[]): Fix | undefined {
  if (!ctx.wellFormed) return undefined;
  const effect = statement.element('Effect')?.value;
  const resource = statement.element('Resource')?.value;
  const actionMember = statement.element('Action');
  if (effect?.kind !== 'string' || (effect.value !== 'Allow' && effect.value !== 'Deny')) return undefined;
  const resources = stringsOf(resource);
  if (!resource || resources.length === 0 || resources.some((r) => r.value === '*') || !actionMember?.value) return undefined;

  const actions = actionMember.value;
  const movable = stringsOf(actions).filter((value) => isAccountLevel(ctx, value.value));
  if (movable.length === 0) return undefined;
  const fixed = diagnostics.filter((d) => movable.some((v) => v.range.start === d.range.start && v.range.end === d.range.end));
  const names = quoteList(unique(movable).map((v) => v.value), 3);
  // It reads every statement: one to reuse, the Sids in use, what the new statement copies.
  const container = statementsRange(ctx);
  const reads = container ? [container] : [];

  const remaining = actions.kind === 'array' ? actions.items.filter((item) => !movable.includes(item as StringValue)) : [];
  if (remaining.length === 0) {
    // Every action is account-level: the scope itself is what is wrong.
    const edits = resourceToStar(ctx, resource);
    if (!edits) return undefined;
    return { action: quickFix('Change this statement\'s Resource to "*" (all its actions are account-level)', fixed, edits, true), safe: true, reads };
  }
  const removal = removeItems(ctx.text, actions as ArrayValue, new Set(movable.map((v) => (actions as ArrayValue).items.indexOf(v))));
  if (!removal) return undefined;

  const target = findReusableStatement(ctx, statement);
  if (target) {
    const additions = addToStatement(ctx, target, movable, actions as ArrayValue, statement);
    if (!additions) return undefined;
    const sid = target.element('Sid')?.value;
    const where = sid?.kind === 'string' && sid.value ? `statement "${sid.value}"` : `statement ${target.index + 1}`;
    return { action: quickFix(`Move ${names} to ${where}, which has "Resource": "*"`, fixed, [...removal, ...additions], true), safe: true, reads };
  }
  const insertion = insertStatement(ctx, statement, movable, actions as ArrayValue);
  if (!insertion) return undefined;
  const own = unique(movable).length === 1 ? 'its' : 'their';
  return { action: quickFix(`Move ${names} to ${own} own statement with "Resource": "*"`, fixed, [...removal, ...insertion], true), safe: true, reads };
}

/** "*" in place of the resources; an array stays an array, and comments between its items stay. */
function resourceToStar(ctx: FixContext, resource: PolicyValue): TextEdit[] | undefined {
  if (resource.kind !== 'array') return [replace(resource.range, '"*"')];
  const first = resource.items[0];
  if (!first) return undefined;
  const rest = new Set(resource.items.map((_, i) => i).filter((i) => i > 0));
  const removal = rest.size > 0 ? removeItems(ctx.text, resource, rest) : [];
  return removal && [replace(first.range, '"*"'), ...removal];
}

/** All the actions the string matches support no resource-level permissions. */
function isAccountLevel(ctx: FixContext, action: string): boolean {
  const colon = action.indexOf(':');
  if (colon <= 0 || hasWildcard(action.slice(0, colon))) return false;
  const matched = ctx.knowledge.catalog.matchActions(action);
  return matched.length > 0 && matched.every((a) => a.resourceTypes.length === 0);
}

/** Moved actions as written, once each (IAM compares them case-insensitively). */
function unique(values: readonly StringValue[]): StringValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A statement that already grants on "*" under the same Effect, Principal and Condition. */
function findReusableStatement(ctx: FixContext, scoped: Statement): Statement | undefined {
  const same = (s: Statement, name: 'Effect' | 'Principal' | 'NotPrincipal' | 'Condition') => sameValue(s.element(name)?.value, scoped.element(name)?.value);
  return ctx.document.policy?.statements.find((s) => {
    if (s === scoped || s.element('NotAction') || s.element('NotResource')) return false;
    const resource = s.element('Resource')?.value;
    const isStar = resource?.kind === 'string' ? resource.value === '*' : resource?.kind === 'array' && resource.items.length === 1 && resource.items[0]?.kind === 'string' && resource.items[0].value === '*';
    const action = s.element('Action')?.value;
    const hasActions = action?.kind === 'string' || (action?.kind === 'array' && action.items.length > 0);
    return isStar && hasActions && same(s, 'Effect') && same(s, 'Principal') && same(s, 'NotPrincipal') && same(s, 'Condition');
  });
}

function addToStatement(ctx: FixContext, target: Statement, movable: readonly StringValue[], from: ArrayValue, scoped: Statement): TextEdit[] | undefined {
  const existing = new Set(stringsOf(target.element('Action')?.value).map((v) => v.value.toLowerCase()));
  const added = unique(movable).filter((v) => !existing.has(v.value.toLowerCase()));
  if (added.length === 0) return [];
  const raws = added.map((v) => ctx.text.slice(v.range.start, v.range.end));
  const action = target.element('Action')!.value!;
  const style = objectStyle(ctx.text, target.node, ctx.layout);
  const spaced = style.keyValue.endsWith(' ');
  if (action.kind === 'array') return appendItems(ctx.text, action, raws, spaced ? ' ' : '', ctx.layout.eol);
  // A single-string Action becomes an array, laid out like the Action array the actions came from.
  const sourceIndent = objectStyle(ctx.text, scoped.node, ctx.layout).memberIndent;
  const source = arrayStyle(ctx.text, from, sourceIndent, ctx.layout, spaced);
  const arrayLayout: ArrayStyle = source.multiline && !style.multiline ? defaultArrayStyle(false, ctx.layout, spaced) : source;
  const items = [ctx.text.slice(action.range.start, action.range.end), ...raws];
  return [replace(action.range, renderArray(items, arrayLayout, style.memberIndent, ctx.layout))];
}

/** A new statement right after the scoped one, laid out like it. */
function insertStatement(ctx: FixContext, scoped: Statement, movable: readonly StringValue[], from: ArrayValue): TextEdit[] | undefined {
  const { text, layout } = ctx;
  const container = ctx.document.policy?.statementMember?.value;
  if (!container) return undefined;
  const style = objectStyle(text, scoped.node, layout);
  const raws = unique(movable).map((v) => text.slice(v.range.start, v.range.end));
  const actionText = raws.length === 1 ? raws[0]! : renderArray(raws, arrayStyle(text, from, style.memberIndent, layout, style.keyValue.endsWith(' ')), style.memberIndent, layout);

  const members: [string, string][] = [];
  const written = new Set<string>();
  const raw = (name: 'Effect' | 'Principal' | 'NotPrincipal' | 'Condition') => {
    const value = scoped.element(name)?.value;
    return value ? text.slice(value.range.start, value.range.end) : undefined;
  };
  const sid = JSON.stringify(uniqueSid(ctx, 'AccountLevel'));
  for (const member of scoped.node.members) {
    if (written.has(member.key)) continue;
    written.add(member.key);
    if (member.key === 'Sid') members.push(['Sid', sid]);
    else if (member.key === 'Action') members.push(['Action', actionText]);
    else if (member.key === 'Resource') members.push(['Resource', '"*"']);
    else if (member.key === 'Effect' || member.key === 'Principal' || member.key === 'NotPrincipal' || member.key === 'Condition') {
      const value = raw(member.key);
      if (value !== undefined) members.push([member.key, value]);
    }
  }
  if (!written.has('Sid')) members.unshift(['Sid', sid]);
  const statementText = renderObject(members, style, layout);

  const node = scoped.node;
  if (container.kind === 'object') {
    // A lone statement object becomes an array of two, without reindenting the first.
    const comma = style.multiline ? ', ' : style.separator;
    return [insert(node.range.start, '['), insert(node.range.end, `${comma}${statementText}]`)];
  }
  let gap = text.slice(whitespaceBefore(text, node.range.start), node.range.start);
  if (gap === '' && style.multiline) gap = ' ';
  return [insert(node.range.end, `,${gap}${statementText}`)];
}

/** `base`, or `base2`, `base3`, ... whichever no statement uses yet. */
export function uniqueSid(ctx: FixContext, base: string): string {
  const used = new Set(
    (ctx.document.policy?.statements ?? []).map((s) => s.element('Sid')?.value).flatMap((v) => (v?.kind === 'string' ? [v.value] : [])),
  );
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}
