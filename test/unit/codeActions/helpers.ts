import * as assert from 'node:assert/strict';
import { applyEdits, getCodeActions, type PolicyCodeAction } from '../../../server/src/service/codeActions';
import { DEFAULT_SETTINGS, type PolicySettings } from '../../../server/src/service/settings';
import { service, validate } from '../service';

/** Helpers for quick-fix tests: offer fixes for every diagnostic, apply one, compare whole texts. */

export function codeActions(text: string, settings: PolicySettings = DEFAULT_SETTINGS, codes?: readonly string[]): PolicyCodeAction[] {
  const diagnostics = validate(text, settings).filter((d) => !codes || codes.includes(d.code));
  return getCodeActions(service.parse(text), diagnostics, settings, service.knowledge);
}

/** Lines joined with "\n"; tests of other line endings convert the whole text. */
export function lines(...parts: string[]): string {
  return parts.join('\n');
}

export interface FixExpectation {
  /** The fix to apply: its exact title, or the first fix of this diagnostic code. */
  readonly title?: string;
  readonly code?: string;
  readonly result: string;
  readonly settings?: PolicySettings;
  readonly preferred?: boolean;
}

/**
 * Applies the fix and asserts the whole resulting document; then that it parses, that the
 * diagnostics the fix claims are gone, and that no error appeared.
 */
export function assertFix(text: string, expected: FixExpectation): PolicyCodeAction {
  const settings = expected.settings ?? DEFAULT_SETTINGS;
  const actions = codeActions(text, settings);
  const action = actions.find((a) => (expected.title ? a.title === expected.title : a.diagnostics[0]?.code === expected.code));
  assert.ok(action, `no fix ${expected.title ?? expected.code}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(action.kind, 'quickfix');
  if (expected.preferred !== undefined) assert.equal(action.isPreferred === true, expected.preferred, 'isPreferred');
  const result = applyEdits(text, action.edits);
  assert.equal(result, expected.result);
  const after = validate(result, settings);
  assert.deepEqual(after.filter((d) => d.code === 'json-syntax'), [], 'the result parses');
  const codes = new Set(action.diagnostics.map((d) => d.code));
  const before = validate(text, settings);
  for (const code of codes) {
    assert.ok(after.filter((d) => d.code === code).length < before.filter((d) => d.code === code).length, `${code} is fixed`);
  }
  const errors = (list: typeof after) => list.filter((d) => d.severity === 'error').map((d) => d.message).sort();
  for (const message of errors(after)) assert.ok(errors(before).includes(message), `new error: ${message}`);
  return action;
}

export function titles(text: string, settings?: PolicySettings, codes?: readonly string[]): string[] {
  return codeActions(text, settings, codes).map((a) => a.title);
}

export function crlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

export function tabs(text: string, width = 4): string {
  return text.replace(new RegExp(`^((?: {${width}})+)`, 'gm'), (indent) => '\t'.repeat(indent.length / width));
}
