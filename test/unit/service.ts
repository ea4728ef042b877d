import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDiagnostic } from '../../server/src/service/diagnostics';
import { createFileKnowledge, getLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS, normalizeSettings, type PolicySettings } from '../../server/src/service/settings';

/** Helpers shared by the unit tests of the pure language service. */
export const REPO = join(__dirname, '..', '..', '..');
export const service = getLanguageService(createFileKnowledge(join(REPO, 'dist', 'data')));

export function example(name: string): string {
  return readFileSync(join(REPO, 'examples', name), 'utf8');
}

export function validate(text: string, settings: PolicySettings = DEFAULT_SETTINGS): PolicyDiagnostic[] {
  return service.doValidation(service.parse(text), settings);
}

export function settingsWith(raw: Record<string, unknown>): PolicySettings {
  return normalizeSettings({ ...DEFAULT_SETTINGS, ...raw });
}

export interface Expected {
  readonly code: string;
  /** The exact text the diagnostic covers. */
  readonly text: string;
  readonly severity?: string;
  /** A fragment the message must contain. */
  readonly message?: string;
}

/** Asserts exactly these diagnostics (code and covered text, in document order). */
export function assertDiagnostics(text: string, expected: readonly Expected[], settings?: PolicySettings): PolicyDiagnostic[] {
  const actual = validate(text, settings);
  const seen = actual.map((d) => ({ code: d.code, text: text.slice(d.range.start, d.range.end) }));
  assert.deepEqual(
    seen,
    expected.map((e) => ({ code: e.code, text: e.text })),
  );
  expected.forEach((e, i) => {
    const d = actual[i]!;
    if (e.severity) assert.equal(d.severity, e.severity, `severity of ${e.code}`);
    if (e.message) assert.ok(d.message.includes(e.message), `message of ${e.code}: ${d.message}`);
  });
  return actual;
}

/** Only the diagnostics with these codes, for tests about one rule in a policy that trips others. */
export function assertCodes(text: string, codes: readonly string[], expected: readonly Expected[]): PolicyDiagnostic[] {
  const actual = validate(text).filter((d) => codes.includes(d.code));
  assert.deepEqual(
    actual.map((d) => ({ code: d.code, text: text.slice(d.range.start, d.range.end) })),
    expected.map((e) => ({ code: e.code, text: e.text })),
  );
  expected.forEach((e, i) => {
    if (e.message) assert.ok(actual[i]!.message.includes(e.message), `message of ${e.code}: ${actual[i]!.message}`);
  });
  return actual;
}

/** A one-statement identity policy around the given statement body. */
export function policy(statement: string): string {
  return `{"Version":"2012-10-17","Statement":[${statement}]}`;
}
