import * as assert from 'node:assert/strict';
import { applyEdits, fixAll, getCodeActions, type PolicyCodeAction, type TextEdit } from '../../../server/src/service/codeActions';
import { getFixes } from '../../../server/src/service/codeActions/fixes';
import { stringsOf } from '../../../server/src/policy/model';
import type { OffsetRange } from '../../../server/src/policy/tree';
import type { PolicyDiagnostic } from '../../../server/src/service/diagnostics';
import type { PolicySettings } from '../../../server/src/service/settings';
import { service, settingsWith, validate } from '../service';
import { generatePolicy, type Generated } from './generator';
import { grants } from './grants';

/** `PROPERTY_CASES` and `PROPERTY_SEED` explore further than the default run. */
const CASES = Number(process.env.PROPERTY_CASES ?? 2400);
const SEED = Number(process.env.PROPERTY_SEED ?? 0x1a4);
/** How often each branch of the move fix must run over the default cases (scaled for fewer). */
const MIN_BRANCH_RUNS = Math.max(1, Math.floor((5 * CASES) / 2400));
const SETTINGS = [settingsWith({}), settingsWith({ defaultRegion: 'eu-west-2', defaultAccountId: '123456789012' })];

/** Where an offset of the original text lands after the edits (`side` says which end of an edited span). */
function mapOffset(offset: number, edits: readonly TextEdit[], side: 'start' | 'end'): number {
  let delta = 0;
  for (const edit of [...edits].sort((a, b) => a.range.start - b.range.start)) {
    const { start, end } = edit.range;
    const grown = edit.newText.length - (end - start);
    if (end < offset || (end === offset && (start < end || side === 'start'))) delta += grown;
    else if (start < offset) return side === 'start' ? start + delta : start + delta + edit.newText.length;
  }
  return offset + delta;
}

/** The text between the edits, which must come through byte for byte. */
function untouched(text: string, edits: readonly TextEdit[]): string[] {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  const kept: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    assert.ok(edit.range.start >= cursor && edit.range.end >= edit.range.start && edit.range.end <= text.length, 'edits are in range and do not overlap');
    kept.push(text.slice(cursor, edit.range.start));
    cursor = edit.range.end;
  }
  kept.push(text.slice(cursor));
  return kept;
}

/** Fixes whose purpose is not to change what is granted; the move changes it only by moving to "*". */
const KEEPS_GRANTS = new Set(['account-action-in-scoped-statement', 'action-case', 'duplicate-action', 'duplicate-sid', 'missing-version', 'invalid-version', 'invalid-type']);

/**
 * Each edit is as small as it can be: it changes something, and the text it replaces and the text
 * it writes share no first or last character (that character would be rewritten for nothing).
 */
function assertMinimal(text: string, edit: TextEdit): void {
  const old = text.slice(edit.range.start, edit.range.end);
  const next = edit.newText;
  assert.ok(old !== next, `edit at ${edit.range.start} changes something`);
  if (old === '' || next === '') return;
  assert.notEqual(old[0], next[0], `edit ${JSON.stringify(old)} -> ${JSON.stringify(next)} shares its first character`);
  assert.notEqual(old[old.length - 1], next[next.length - 1], `edit ${JSON.stringify(old)} -> ${JSON.stringify(next)} shares its last character`);
}

const inside = (range: OffsetRange, outer: OffsetRange) => outer.start <= range.start && range.end <= outer.end;

/** The move fix's four ways; each must run in enough generated cases to say something. */
type MoveBranch = 'reuse' | 'new-statement' | 'resource-star' | 'lone-object';

/**
 * Where a fix may edit: inside the statement its diagnostic is in; for Version, the policy object
 * outside the Statement value. The move edits its statement, plus the reused "*" statement or the
 * new statement inserted at the statement's edge (which, for a lone object, also opens the array).
 * Returns the move's branch, checked against the result's structure.
 */
function assertEditsInPlace(text: string, result: string, action: PolicyCodeAction): MoveBranch | undefined {
  const policy = service.parse(text).policy!;
  const container = policy.statementMember?.value;
  const diagnostic = action.diagnostics[0]!;
  const code = diagnostic.code;
  const edits = action.edits;
  const statement = policy.statements.find((s) => inside(diagnostic.range, s.node.range));
  if (code !== 'account-action-in-scoped-statement') {
    if (statement) {
      for (const edit of edits) assert.ok(inside(edit.range, statement.node.range), `${code} edits only its statement`);
    } else {
      for (const edit of edits) {
        assert.ok(inside(edit.range, policy.node.range), `${code} edits only the policy`);
        assert.ok(!container || !inside(edit.range, container.range) || edit.range.end === container.range.start, `${code} edits no statement`);
      }
    }
    return undefined;
  }
  assert.ok(statement && container, 'a move has its statement');
  const after = service.parse(result).policy!;
  const moved = new Set(action.diagnostics.map((d) => JSON.parse(text.slice(d.range.start, d.range.end)) as string).map((a) => a.toLowerCase()));
  const starStatements = after.statements.filter((s) => stringsOf(s.element('Resource')?.value).every((r) => r.value === '*'));
  const isInsertAtEdge = (edit: TextEdit) => edit.range.start === edit.range.end && (edit.range.start === statement.node.range.start || edit.range.start === statement.node.range.end);
  if (action.title.startsWith('Change this statement\'s Resource')) {
    for (const edit of edits) assert.ok(inside(edit.range, statement.node.range), 'Resource to "*" edits only its statement');
    assert.equal(after.statements.length, policy.statements.length);
    assert.deepEqual(stringsOf(after.statements[statement.index]!.element('Resource')?.value).map((r) => r.value), ['*'], 'its Resource is "*"');
    return 'resource-star';
  }
  const reuse = /^Move .* to statement (\d+|".*"), which has "Resource": "\*"$/.test(action.title);
  if (reuse) {
    const targets = policy.statements.filter((s) => s !== statement && stringsOf(s.element('Resource')?.value).every((r) => r.value === '*'));
    for (const edit of edits) {
      assert.ok(inside(edit.range, statement.node.range) || targets.some((t) => inside(edit.range, t.node.range)), 'a reuse edits its statement and a "*" statement');
    }
    assert.equal(after.statements.length, policy.statements.length, 'no statement added');
  } else {
    assert.match(action.title, /own statement with "Resource": "\*"$/);
    for (const edit of edits) assert.ok(inside(edit.range, statement.node.range) || isInsertAtEdge(edit), 'a new statement is inserted next to its statement');
    assert.equal(after.statements.length, policy.statements.length + 1, 'one statement added');
    const added = after.statements[statement.index + 1]!;
    assert.match((added.element('Sid')?.value as { value?: string } | undefined)?.value ?? '', /^AccountLevel\d*$/);
    assert.ok(starStatements.includes(added), 'the new statement is on "*"');
  }
  for (const name of moved) {
    assert.ok(starStatements.some((s) => stringsOf(s.element('Action')?.value).some((a) => a.value.toLowerCase() === name)), `${name} is on "*"`);
  }
  if (reuse) return 'reuse';
  if (container.kind === 'object') {
    assert.equal(after.statementMember?.value?.kind, 'array', 'the lone statement became an array');
    return 'lone-object';
  }
  return 'new-statement';
}

const errorKinds = (diagnostics: readonly PolicyDiagnostic[]) => new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`));

/** Errors inside the value of a member a rename fixed were hidden by the typo, not made by the fix. */
function revealedBy(action: PolicyCodeAction, result: string, diagnostic: PolicyDiagnostic): boolean {
  if (action.diagnostics[0]?.code !== 'unknown-element') return false;
  const key = mapOffset(action.edits[0]!.range.start, action.edits, 'start');
  const document = service.parse(result);
  const objects = [document.policy?.node, ...(document.policy?.statements ?? []).map((s) => s.node)];
  // The edit is narrowed to the letters that change, so it starts inside the key.
  const member = objects.flatMap((o) => o?.members ?? []).find((m) => m.keyRange.start <= key && key < m.keyRange.end);
  return !!member && diagnostic.range.start >= member.range.start && diagnostic.range.end <= member.range.end;
}

function checkAction(generated: Generated, settings: PolicySettings, before: readonly PolicyDiagnostic[], action: PolicyCodeAction): MoveBranch | undefined {
  const { text } = generated;
  const result = applyEdits(text, action.edits);
  for (const edit of action.edits) assertMinimal(text, edit);
  const branch = assertEditsInPlace(text, result, action);
  // Outside the edited ranges, every byte is as it was, in place: the result is exactly the kept
  // pieces with each edit's new text between them (applyEdits is checked, not trusted).
  const pieces = untouched(text, action.edits);
  const sorted = [...action.edits].sort((a, b) => a.range.start - b.range.start);
  let cursor = 0;
  pieces.forEach((piece, i) => {
    assert.equal(result.slice(cursor, cursor + piece.length), piece, 'text outside the edits is byte-identical');
    cursor += piece.length + (sorted[i]?.newText.length ?? 0);
  });
  assert.equal(cursor, result.length, 'nothing else was written');
  for (const comment of generated.comments) assert.ok(result.includes(comment), `comment ${comment} kept`);
  if (generated.eol === '\r\n') assert.ok(!/[^\r]\n/.test(result), 'CRLF kept');
  else assert.ok(!result.includes('\r'), 'LF kept');
  if (generated.indent === '\t') assert.ok(!/\n +\S/.test(result), 'tabs kept');
  if (generated.indent !== '\t') assert.ok(!result.includes('\t'), 'spaces kept');

  const after = validate(result, settings);
  assert.deepEqual(after.filter((d) => d.code === 'json-syntax'), [], 'the result parses');
  for (const target of action.diagnostics) {
    const start = mapOffset(target.range.start, action.edits, 'start');
    const end = mapOffset(target.range.end, action.edits, 'end');
    // A removed target maps to an empty span: nothing can still be there (the count check below covers it).
    const still = after.filter((d) => d.code === target.code && d.range.start < end && start < d.range.end);
    assert.deepEqual(still.map((d) => d.message), [], `${target.code} is gone from where it was`);
  }
  const count = (list: readonly PolicyDiagnostic[], code: string) => list.filter((d) => d.code === code).length;
  const code = action.diagnostics[0]!.code;
  assert.ok(count(after, code) <= count(before, code) - action.diagnostics.length, `${code} count drops`);
  if (KEEPS_GRANTS.has(code)) {
    const moveFrom = code === 'account-action-in-scoped-statement' ? action.diagnostics[0]!.data?.statementIndex : undefined;
    assert.deepEqual([...grants(result)].sort(), [...grants(text, moveFrom)].sort(), 'grants per Effect, Principal, Condition and Resource');
  }
  const known = errorKinds(before);
  for (const d of after) {
    if (d.severity === 'error' && !known.has(`${d.code}: ${d.message}`)) assert.ok(revealedBy(action, result, d), `new error ${d.code}: ${d.message}`);
  }
  return branch;
}

describe('quick-fix properties over generated policies', function () {
  this.timeout(120_000);

  it(`hold for every offered fix and fix-all in ${CASES} seeded policies`, () => {
    let offered = 0;
    let fixedAll = 0;
    const seenCodes = new Map<string, number>();
    const branches = new Map<MoveBranch, number>();
    for (let i = 0; i < CASES; i++) {
      const generated = generatePolicy(SEED + i);
      const settings = SETTINGS[i % 2]!;
      const document = service.parse(generated.text);
      assert.deepEqual(document.syntaxIssues, [], `case ${i} is valid JSONC`);
      const before = service.doValidation(document, settings);
      for (const action of getCodeActions(document, before, settings, service.knowledge)) {
        offered++;
        const code = action.diagnostics[0]?.code ?? '';
        seenCodes.set(code, (seenCodes.get(code) ?? 0) + 1);
        try {
          const branch = checkAction(generated, settings, before, action);
          if (branch) branches.set(branch, (branches.get(branch) ?? 0) + 1);
        } catch (error) {
          throw new Error(`case ${i} (seed ${SEED + i}), fix "${action.title}":\n${generated.text}\n${(error as Error).message}`);
        }
      }
      const all = fixAll(generated.text, service, settings);
      fixedAll += all.fixed.length;
      const fixedDocument = service.parse(all.text);
      const remaining = getFixes(fixedDocument, service.doValidation(fixedDocument, settings), settings, service.knowledge).filter((f) => f.safe);
      const context = `case ${i} (seed ${SEED + i}):\n${generated.text}\n=>\n${all.text}`;
      assert.deepEqual(fixedDocument.syntaxIssues, [], `fix-all result parses, ${context}`);
      assert.deepEqual(remaining.map((f) => f.action.title), [], `fix-all reaches a fixed point, ${context}`);
      const known = errorKinds(before);
      for (const kind of errorKinds(service.doValidation(fixedDocument, settings))) assert.ok(known.has(kind), `fix-all adds no error (${kind}), ${context}`);
    }
    // The generator must exercise every fix, or the property says little.
    for (const code of ['account-action-in-scoped-statement', 'unknown-action', 'unknown-service', 'unknown-element', 'invalid-effect', 'action-case', 'missing-version', 'invalid-version', 'invalid-type', 'duplicate-sid', 'duplicate-action', 'arn-placeholder', 'resource-mismatch']) {
      assert.ok(seenCodes.has(code), `the generator produced a ${code} fix`);
    }
    for (const branch of ['reuse', 'new-statement', 'resource-star', 'lone-object'] as const) {
      assert.ok((branches.get(branch) ?? 0) >= MIN_BRANCH_RUNS, `the move fix took its ${branch} branch ${branches.get(branch) ?? 0} times`);
    }
    assert.ok(offered > CASES, `${offered} fixes checked`);
    if (process.env.PROPERTY_STATS) console.log({ offered, fixedAll, byCode: Object.fromEntries(seenCodes), moveBranches: Object.fromEntries(branches) });
    assert.ok(fixedAll > CASES / 2, `${fixedAll} fixes applied by fix-all`);
  });
});
