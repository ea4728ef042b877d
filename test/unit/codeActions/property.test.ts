import * as assert from 'node:assert/strict';
import { applyEdits, fixAll, getCodeActions, type PolicyCodeAction, type TextEdit } from '../../../server/src/service/codeActions';
import { getFixes } from '../../../server/src/service/codeActions/fixes';
import type { PolicyDiagnostic } from '../../../server/src/service/diagnostics';
import type { PolicySettings } from '../../../server/src/service/settings';
import { service, settingsWith, validate } from '../service';
import { generatePolicy, type Generated } from './generator';
import { grants } from './grants';

/** `PROPERTY_CASES` and `PROPERTY_SEED` explore further than the default run. */
const CASES = Number(process.env.PROPERTY_CASES ?? 2400);
const SEED = Number(process.env.PROPERTY_SEED ?? 0x1a4);
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
const KEEPS_GRANTS = new Set(['account-action-in-scoped-statement', 'action-case', 'duplicate-action', 'duplicate-sid', 'missing-version', 'invalid-version']);

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

function checkAction(generated: Generated, settings: PolicySettings, before: readonly PolicyDiagnostic[], action: PolicyCodeAction): void {
  const { text } = generated;
  const result = applyEdits(text, action.edits);
  // Outside the edited ranges, every byte is as it was, in order.
  let cursor = 0;
  for (const piece of untouched(text, action.edits)) {
    const at = result.indexOf(piece, cursor);
    assert.ok(at >= cursor, 'text outside the edits is byte-identical');
    cursor = at + piece.length;
  }
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
}

describe('quick-fix properties over generated policies', function () {
  this.timeout(120_000);

  it(`hold for every offered fix and fix-all in ${CASES} seeded policies`, () => {
    let offered = 0;
    let fixedAll = 0;
    const seenCodes = new Map<string, number>();
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
          checkAction(generated, settings, before, action);
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
    for (const code of ['account-action-in-scoped-statement', 'unknown-action', 'unknown-service', 'unknown-element', 'invalid-effect', 'action-case', 'missing-version', 'invalid-version', 'duplicate-sid', 'duplicate-action', 'arn-placeholder', 'resource-mismatch']) {
      assert.ok(seenCodes.has(code), `the generator produced a ${code} fix`);
    }
    assert.ok(offered > CASES, `${offered} fixes checked`);
    if (process.env.PROPERTY_STATS) console.log({ offered, fixedAll, byCode: Object.fromEntries(seenCodes) });
    assert.ok(fixedAll > CASES / 2, `${fixedAll} fixes applied by fix-all`);
  });
});
