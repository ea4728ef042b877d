import { parsePolicyDocument, stringsOf, type PolicyDocument, type Statement } from '../../policy/model';
import type { ArrayValue } from '../../policy/tree';
import { defaultAccountId, defaultRegion } from '../codeActions/arnPlaceholder';
import { appendItems } from '../codeActions/arrayItems';
import { createFixContext, type FixContext } from '../codeActions/codeAction';
import { arrayStyle, defaultArrayStyle, objectStyle, renderArray, renderObject, type ObjectStyle } from '../codeActions/layout';
import { moveAccountActions, uniqueSid } from '../codeActions/moveAccountActions';
import { applyEdits, insert, lineIndent, replace, type TextEdit } from '../codeActions/textEdits';
import type { PolicySettings } from '../settings';
import type { Knowledge } from '../validation/context';
import { checkReadiness, type PermissionResult } from './check';
import type { ReadinessProfile } from './profiles';

/**
 * "Add the missing permissions": the policy rewritten the way the vendor documents it. Account-level
 * actions stuck in a scoped statement move out (the move fix); what is still missing is added to a
 * statement that already has exactly the needed Resource, or to a new statement (scoped ones on the
 * identity ARNs, account-level ones on "*"). Each step re-parses, so later steps see earlier ones.
 * Explicit denials and conditional grants are left alone: widening them is the user's decision.
 */
const MAX_ROUNDS = 20;

export function addMissingPermissions(document: PolicyDocument, profile: ReadinessProfile, settings: PolicySettings, knowledge: Knowledge): string | undefined {
  if (document.syntaxIssues.length > 0 || document.tooDeep || !document.policy?.statementMember?.value) return undefined;
  const fallback = { ...(defaultRegion(settings) ? { Region: defaultRegion(settings) } : {}), ...(defaultAccountId(settings) ? { Account: defaultAccountId(settings) } : {}) };
  const check = (doc: PolicyDocument) => checkReadiness(doc, profile, knowledge, { fallback });
  let current = document;
  const step = (edits: readonly TextEdit[] | undefined): boolean => {
    if (!edits || edits.length === 0) return false;
    const next = parsePolicyDocument(applyEdits(current.text, edits));
    if (next.syntaxIssues.length > 0) return false;
    current = next;
    return true;
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const stuck = check(current).results.find((r) => r.status === 'missing' && r.evaluation.reason.kind === 'account-level-in-scoped');
    const statement = stuck?.evaluation.reason.statement?.statement;
    if (!statement || !step(moveAccountActions(createFixContext(current, settings, knowledge), statement, [])?.action.edits)) break;
  }
  // Statements this fix adds keep the profile's grouping (the vendor's Sids); the user's own are reused.
  const added = new Set<string>();
  const tried = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const group = firstGroup(check(current).results);
    // The same group twice means the last addition did not grant it; adding it again would not either.
    const key = group && JSON.stringify(group);
    if (!group || !key || tried.has(key)) break;
    tried.add(key);
    const ctx = createFixContext(current, settings, knowledge);
    const siblings = profile.permissions.filter((p) => p.sid === group.sid).map((p) => p.action.toLowerCase());
    const target = findStatementWith(ctx, group, siblings, added);
    const sid = uniqueSid(ctx, group.sid);
    if (!step(target ? addActions(ctx, target, group.actions) : appendStatement(ctx, group, sid))) break;
    if (!target) added.add(sid);
  }
  return current.text === document.text ? undefined : current.text;
}

interface Group {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** The first missing permissions that one statement can grant: same Sid hint, same resources. */
function firstGroup(results: readonly PermissionResult[]): Group | undefined {
  const addable = results.filter((r) => r.status === 'missing' && r.unmet.length > 0 && r.evaluation.reason.kind !== 'denied');
  const first = addable[0];
  if (!first) return undefined;
  const key = (r: PermissionResult) => `${r.permission.sid}\u0000${[...r.unmet].sort().join('\u0000')}`;
  const members = addable.filter((r) => key(r) === key(first));
  return { sid: first.permission.sid, actions: members.map((r) => r.permission.action), resources: first.unmet };
}

/**
 * An unconditional Allow statement whose Resource is exactly the group's resources and which is the
 * group's statement: any such one for "*", otherwise one with the group's Sid or already holding
 * one of its actions (so sending is not folded into the identity-management statement).
 */
function findStatementWith(ctx: FixContext, group: Group, siblings: readonly string[], skipSids: ReadonlySet<string>): Statement | undefined {
  const wanted = [...group.resources].sort().join('\u0000');
  return ctx.document.policy?.statements.find((s) => {
    const sid = s.element('Sid')?.value;
    if (sid?.kind === 'string' && skipSids.has(sid.value)) return false;
    const own = wanted === '*' || (sid?.kind === 'string' && sid.value === group.sid) || stringsOf(s.element('Action')?.value).some((a) => siblings.includes(a.value.toLowerCase()));
    if (!own) return false;
    const effect = s.element('Effect')?.value;
    if (effect?.kind !== 'string' || effect.value !== 'Allow') return false;
    if (s.element('Condition') || s.element('NotAction') || s.element('NotResource') || s.element('Principal') || s.element('NotPrincipal')) return false;
    const action = s.element('Action')?.value;
    if (action?.kind !== 'string' && !(action?.kind === 'array' && action.items.length > 0 && action.items.every((i) => i.kind === 'string'))) return false;
    const listed = stringsOf(s.element('Resource')?.value).map((r) => r.value);
    return listed.length > 0 && [...new Set(listed)].sort().join('\u0000') === wanted;
  });
}

function addActions(ctx: FixContext, statement: Statement, actions: readonly string[]): TextEdit[] | undefined {
  const value = statement.element('Action')?.value;
  if (!value) return undefined;
  const items = actions.map((a) => JSON.stringify(a));
  const style = objectStyle(ctx.text, statement.node, ctx.layout);
  const spaced = style.keyValue.endsWith(' ');
  if (value.kind === 'array') return appendItems(ctx.text, value, items, spaced ? ' ' : '', ctx.layout.eol);
  const layout = defaultArrayStyle(style.multiline, ctx.layout, spaced);
  return [replace(value.range, renderArray([ctx.text.slice(value.range.start, value.range.end), ...items], layout, style.memberIndent, ctx.layout))];
}

/** A new Allow statement after the last one, laid out like it. */
function appendStatement(ctx: FixContext, group: Group, sid: string): TextEdit[] | undefined {
  const container = ctx.document.policy?.statementMember?.value;
  if (!container) return undefined;
  const statements = ctx.document.policy?.statements ?? [];
  const model = statements[statements.length - 1];
  const style: ObjectStyle = model ? objectStyle(ctx.text, model.node, ctx.layout) : emptyArrayStyle(ctx, container.range.start);
  const spaced = style.keyValue.endsWith(' ');
  const modelActions = model?.element('Action')?.value;
  const arrays = modelActions?.kind === 'array' && modelActions.items.length > 1 ? arrayStyle(ctx.text, modelActions, style.memberIndent, ctx.layout, spaced) : defaultArrayStyle(style.multiline, ctx.layout, spaced);
  const list = (values: readonly string[]) => (values.length === 1 ? JSON.stringify(values[0]) : renderArray(values.map((v) => JSON.stringify(v)), arrays, style.memberIndent, ctx.layout));
  const statement = renderObject(
    [
      ['Sid', JSON.stringify(sid)],
      ['Effect', '"Allow"'],
      ['Action', list(group.actions)],
      ['Resource', list(group.resources)],
    ],
    style,
    ctx.layout,
  );
  if (container.kind === 'object') {
    // A lone statement object becomes an array of two, without reindenting the first.
    return [insert(container.range.start, '['), insert(container.range.end, `${style.multiline ? ', ' : style.separator}${statement}]`)];
  }
  if (container.kind !== 'array') return undefined;
  const last = container.items[container.items.length - 1];
  if (last) return appendItems(ctx.text, container as ArrayValue, [statement], spaced ? ' ' : '', ctx.layout.eol);
  const indent = lineIndent(ctx.text, container.range.start);
  return [replace(container.range, `[${ctx.layout.eol}${indent}${ctx.layout.unit}${statement}${ctx.layout.eol}${indent}]`)];
}

/** For a first statement in an empty array: one level deeper than the line holding the array. */
function emptyArrayStyle(ctx: FixContext, offset: number): ObjectStyle {
  const indent = lineIndent(ctx.text, offset) + ctx.layout.unit;
  return { multiline: true, memberIndent: indent + ctx.layout.unit, closeIndent: indent, keyValue: ': ', open: '', separator: '', close: '' };
}
