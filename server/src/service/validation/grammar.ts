import { POLICY_ELEMENTS, STATEMENT_ELEMENTS, type Statement } from '../../policy/model';
import { describeKind, type Member, type ObjectValue, type PolicyValue } from '../../policy/tree';
import { closest } from 'fastest-levenshtein';
import { closestMatches } from '../../iam/suggest';
import type { ValidationContext } from './context';

/** The policy's shape: elements, their types, Version, Effect, Sids. */

const VERSIONS = ['2012-10-17', '2008-10-17'];
const EFFECTS = ['Allow', 'Deny'];
const NOT_FORMS = [
  ['Action', 'NotAction'],
  ['Resource', 'NotResource'],
  ['Principal', 'NotPrincipal'],
] as const;

/** The policy object itself; the statements are checked one by one with `checkStatement`, then `checkSids`. */
export function checkPolicyGrammar(ctx: ValidationContext): void {
  const root = ctx.document.root;
  const policy = ctx.document.policy;
  if (!root) return;
  if (!policy) {
    ctx.report('invalid-type', root.range, `A policy is a JSON object with "Version" and "Statement", not ${describeKind(root)}.`);
    return;
  }
  checkDuplicateKeys(ctx, policy.node);
  for (const member of policy.node.members) {
    if (!(POLICY_ELEMENTS as readonly string[]).includes(member.key)) reportUnknownElement(ctx, member, POLICY_ELEMENTS, 'policy');
  }
  const anchor = policy.statementMember?.keyRange ?? { start: policy.node.range.start, end: policy.node.range.start + 1 };
  const version = policy.version;
  if (!version) {
    ctx.report('missing-version', anchor, 'The policy has no "Version". Add "Version": "2012-10-17"; without it IAM does not evaluate policy variables such as ${aws:username}.', {
      suggestions: ['2012-10-17'],
    });
  } else if (expectString(ctx, version, '"Version"') && version.value?.kind === 'string' && !VERSIONS.includes(version.value.value)) {
    ctx.report('invalid-version', version.value.range, `"${version.value.value}" is not a policy language version. Use "2012-10-17" (the current version).`, {
      suggestions: ['2012-10-17'],
    });
  }
  const id = policy.node.members.find((m) => m.key === 'Id');
  if (id) expectString(ctx, id, '"Id"');

  const statementMember = policy.statementMember;
  if (!statementMember) {
    ctx.report('missing-statement', anchor, 'The policy has no "Statement". Add "Statement": [ { "Effect": ..., "Action": ..., "Resource": ... } ].');
    return;
  }
  const value = statementMember.value;
  if (value && value.kind !== 'object' && value.kind !== 'array') {
    ctx.report('invalid-type', value.range, `"Statement" must be an object or an array of objects, not ${describeKind(value)}.`);
  }
  if (value?.kind === 'array') {
    for (const item of value.items) {
      if (item.kind !== 'object') ctx.report('invalid-type', item.range, `Each statement must be an object, not ${describeKind(item)}.`);
    }
  }
}

export function checkStatement(ctx: ValidationContext, statement: Statement): void {
  const node = statement.node;
  checkDuplicateKeys(ctx, node);
  const opening = { start: node.range.start, end: node.range.start + 1 };
  for (const member of node.members) {
    if (!(STATEMENT_ELEMENTS as readonly string[]).includes(member.key)) {
      reportUnknownElement(ctx, member, STATEMENT_ELEMENTS, 'statement');
      continue;
    }
    checkElementType(ctx, member);
  }
  const effect = statement.element('Effect');
  if (!effect) {
    ctx.report('missing-effect', opening, 'The statement has no "Effect". Add "Effect": "Allow" or "Effect": "Deny".', { statementIndex: statement.index });
  } else if (effect.value?.kind === 'string' && !EFFECTS.includes(effect.value.value)) {
    const typed = effect.value.value;
    // With two choices, the closer one is the likely intent; the other stays available as a second fix.
    const best = closest(typed.toLowerCase(), EFFECTS.map((e) => e.toLowerCase())) === 'deny' ? 'Deny' : 'Allow';
    ctx.report('invalid-effect', effect.value.range, `"${typed}" is not an Effect. Use exactly "Allow" or "Deny" (case-sensitive).`, {
      suggestions: [best, ...EFFECTS.filter((e) => e !== best)],
    });
  }
  const hasPrincipal = !!(statement.element('Principal') || statement.element('NotPrincipal'));
  if (!statement.element('Action') && !statement.element('NotAction')) {
    ctx.report('missing-action', opening, 'The statement has no "Action" (or "NotAction"). Add the actions it allows or denies.', {
      statementIndex: statement.index,
    });
  }
  if (!hasPrincipal && !statement.element('Resource') && !statement.element('NotResource')) {
    ctx.report('missing-resource', opening, 'The statement has no "Resource" (or "NotResource"). Identity policies need one: use ARNs, or "*" for actions that support no resource-level permissions.', {
      statementIndex: statement.index,
    });
  }
  for (const [positive, negative] of NOT_FORMS) {
    const pos = statement.element(positive);
    const neg = statement.element(negative);
    if (pos && neg) {
      const later = pos.range.start > neg.range.start ? pos : neg;
      ctx.report('conflicting-elements', later.keyRange, `A statement cannot have both "${positive}" and "${negative}". Keep one of them.`, {
        statementIndex: statement.index,
      });
    }
  }
}

function checkElementType(ctx: ValidationContext, member: Member): void {
  const value = member.value;
  if (!value) return;
  switch (member.key) {
    case 'Sid':
    case 'Effect':
      expectString(ctx, member, `"${member.key}"`);
      return;
    case 'Action':
    case 'NotAction':
    case 'Resource':
    case 'NotResource':
      expectStringOrStrings(ctx, value, `"${member.key}"`);
      return;
    case 'Principal':
    case 'NotPrincipal':
      if (value.kind === 'string') {
        if (value.value !== '*') ctx.report('invalid-type', value.range, `"${member.key}" is "*" or an object such as { "AWS": "arn:aws:iam::123456789012:root" }.`);
      } else if (value.kind === 'object') {
        checkDuplicateKeys(ctx, value);
        for (const principal of value.members) if (principal.value) expectStringOrStrings(ctx, principal.value, `"${principal.key}"`);
      } else {
        ctx.report('invalid-type', value.range, `"${member.key}" must be "*" or an object, not ${describeKind(value)}.`);
      }
      return;
    case 'Condition':
      checkConditionTypes(ctx, value);
      return;
  }
}

function checkConditionTypes(ctx: ValidationContext, value: PolicyValue): void {
  if (value.kind !== 'object') {
    ctx.report('invalid-type', value.range, `"Condition" must be an object of operators, such as { "StringEquals": { "aws:RequestedRegion": "eu-west-2" } }, not ${describeKind(value)}.`);
    return;
  }
  checkDuplicateKeys(ctx, value);
  for (const operator of value.members) {
    const block = operator.value;
    if (!block) continue;
    if (block.kind !== 'object') {
      ctx.report('invalid-type', block.range, `The "${operator.key}" block must be an object of condition keys and values, not ${describeKind(block)}.`);
      continue;
    }
    checkDuplicateKeys(ctx, block);
    for (const entry of block.members) {
      const values = entry.value;
      if (!values) continue;
      const items = values.kind === 'array' ? values.items : [values];
      for (const item of items) {
        if (item.kind === 'object' || item.kind === 'array' || item.kind === 'null') {
          ctx.report('invalid-type', item.range, `A condition value is a string, number or boolean, or an array of them, not ${describeKind(item)}.`);
        }
      }
    }
  }
}

/** Returns whether the member's value is a string (reporting when it is not). */
function expectString(ctx: ValidationContext, member: Member, name: string): boolean {
  const value = member.value;
  if (!value) return false;
  if (value.kind === 'string') return true;
  ctx.report('invalid-type', value.range, `${name} must be a string, not ${describeKind(value)}.`);
  return false;
}

function expectStringOrStrings(ctx: ValidationContext, value: PolicyValue, name: string): void {
  if (value.kind === 'string') return;
  if (value.kind !== 'array') {
    ctx.report('invalid-type', value.range, `${name} must be a string or an array of strings, not ${describeKind(value)}.`);
    return;
  }
  for (const item of ctx.items(value)) {
    if (item.kind !== 'string' && ctx.accepts('invalid-type', item.range)) {
      ctx.report('invalid-type', item.range, `Each item of ${name} must be a string, not ${describeKind(item)}.`);
    }
  }
}

function reportUnknownElement(ctx: ValidationContext, member: Member, known: readonly string[], where: 'policy' | 'statement'): void {
  const exact = known.filter((name) => name.toLowerCase() === member.key.toLowerCase());
  const suggestions = exact.length ? exact : closestMatches(member.key, known, 2);
  const misplaced = where === 'policy' && (STATEMENT_ELEMENTS as readonly string[]).includes(member.key);
  const hint = misplaced
    ? ` "${member.key}" belongs inside a statement.`
    : suggestions.length
      ? ` Did you mean "${suggestions[0]}"?`
      : ` A ${where} has only ${known.map((k) => `"${k}"`).join(', ')}.`;
  ctx.report('unknown-element', member.keyRange, `"${member.key}" is not a ${where} element; IAM rejects the policy.${hint}`, {
    suggestions: misplaced ? [] : suggestions,
  });
}

export function checkSids(ctx: ValidationContext, statements: readonly Statement[]): void {
  const seen = new Map<string, number>();
  for (const statement of statements) {
    const sid = statement.element('Sid')?.value;
    if (sid?.kind !== 'string') continue;
    const isIdentityStatement = !statement.element('Principal') && !statement.element('NotPrincipal');
    if (isIdentityStatement && !/^[A-Za-z0-9]*$/.test(sid.value)) {
      ctx.report('invalid-sid', sid.range, `The Sid "${sid.value}" holds characters IAM does not accept in identity policies. Use only ASCII letters and digits.`, {
        suggestions: [sid.value.replace(/[^A-Za-z0-9]/g, '')].filter((s) => s.length > 0),
      });
    }
    if (sid.value === '') continue;
    if (seen.has(sid.value)) {
      ctx.report('duplicate-sid', sid.range, `The Sid "${sid.value}" is already used by statement ${seen.get(sid.value)! + 1}. Give each statement its own Sid.`, {
        statementIndex: statement.index,
        sid: sid.value,
      });
    } else {
      seen.set(sid.value, statement.index);
    }
  }
}

function checkDuplicateKeys(ctx: ValidationContext, object: ObjectValue): void {
  if (object.members.length < 2) return;
  const seen = new Set<string>();
  for (const member of object.members) {
    if (seen.has(member.key) && ctx.accepts('duplicate-key', member.keyRange)) {
      ctx.report('duplicate-key', member.keyRange, `"${member.key}" appears more than once in this object; IAM uses only one of them. Merge or remove the duplicate.`);
    }
    seen.add(member.key);
  }
}
