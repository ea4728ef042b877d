import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { MAX_CHECKED_ITEMS, MAX_PROBLEMS } from '../../server/src/service/validation/context';
import { MAX_CHARACTER_RUNS } from '../../server/src/service/validation/characters';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/settings';
import { checkInvariants, service, withInput } from './support';

/** Hostile and absurd documents through the pure service: each answers quickly and sensibly. */

const validate = (text: string, settings = DEFAULT_SETTINGS) => service.doValidation(service.parse(text), settings, '/edge/policy.json');
const seen = (text: string) => validate(text).map((d) => ({ code: d.code, text: text.slice(d.range.start, d.range.end) }));
const policy = (statement: string) => `{"Version":"2012-10-17","Statement":[${statement}]}`;

function timed<T>(what: string, limitMs: number, body: () => T): T {
  const started = performance.now();
  const result = body();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < limitMs, `${what} took ${elapsed.toFixed(0)} ms (limit ${limitMs} ms)`);
  return result;
}

describe('robustness: nesting', function () {
  this.timeout(120_000);

  for (const depth of [10, 64, 65, 1000, 100_000, 1_000_000]) {
    for (const [shape, open, close] of [
      ['arrays', '[', ']'],
      ['objects', '{"a":', '}'],
    ] as const) {
      for (const closed of [true, false]) {
        it(`${depth} nested ${shape}, ${closed ? 'closed' : 'unclosed'}: ${depth >= 64 ? 'one json-too-deep' : 'parsed'}, never a stack overflow`, () => {
          const text = `{"Statement":${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}}`;
          const diagnostics = timed('validation', 3000, () => validate(text));
          // The policy object itself is one level, so the limit is reached one level early.
          if (depth >= 64) {
            assert.deepEqual(
              diagnostics.map((d) => d.code),
              ['json-too-deep'],
            );
            assert.equal(text.slice(diagnostics[0]!.range.start, diagnostics[0]!.range.end), open[0]);
          } else {
            assert.ok(!diagnostics.some((d) => d.code === 'json-too-deep'));
          }
          withInput(`${depth} ${shape}`, text, () => checkInvariants(text, [0, 20, Math.floor(text.length / 2), text.length]));
        });
      }
    }
  }
});

describe('robustness: size', function () {
  this.timeout(120_000);

  it('caps a million duplicate actions at the limit, with a summary that counts the rest', () => {
    const items = Array.from({ length: 1_000_000 }, () => '"ses:SendEmail"').join(',');
    const text = policy(`{"Effect":"Allow","Action":[${items}],"Resource":"*"}`);
    const diagnostics = timed('a million actions', 10_000, () => validate(text));
    assert.equal(diagnostics.length, MAX_PROBLEMS + 1);
    assert.ok(diagnostics.slice(0, MAX_PROBLEMS).every((d) => d.code === 'duplicate-action'));
    const last = diagnostics.at(-1)!;
    assert.equal(last.code, 'too-many-problems');
    const unchecked = 1_000_000 - MAX_CHECKED_ITEMS;
    // Duplicates among the checked items beyond the shown ones, plus the note on the unchecked rest.
    assert.equal(last.data?.hidden, MAX_CHECKED_ITEMS - 1 - MAX_PROBLEMS + 1);
    assert.ok(last.message.startsWith(`${MAX_CHECKED_ITEMS - MAX_PROBLEMS} more problems not shown`), last.message);
    assert.ok(unchecked > 0);
  });

  it('checks the first items of a huge array and says where checking stopped', () => {
    const actions: string[] = Array.from({ length: MAX_CHECKED_ITEMS + 5 }, (_, i) => (i % 2 ? '"ses:SendRawEmail"' : '"ses:SendEmail"'));
    actions[MAX_CHECKED_ITEMS + 2] = '"ses:Nope"';
    const text = policy(`{"Effect":"Allow","Action":[${actions.join(',')}],"Resource":"*"}`);
    const notes = validate(text, normalizeSettings({ rules: { 'duplicate-action': 'off' } }));
    assert.deepEqual(
      notes.map((d) => [d.code, text.slice(d.range.start, d.range.end), d.data?.unchecked]),
      [['too-many-problems', actions[MAX_CHECKED_ITEMS], 5]],
    );
  });

  it('shows the first problems in document order and points the summary at the first one hidden', () => {
    const count = MAX_PROBLEMS + 500;
    const actions = Array.from({ length: count }, (_, i) => `"ses:Nope${i}"`);
    const text = policy(`{"Effect":"Allow","Action":[${actions.join(',')}],"Resource":"*"}`);
    const diagnostics = validate(text);
    assert.deepEqual(
      diagnostics.slice(0, MAX_PROBLEMS).map((d) => text.slice(d.range.start, d.range.end)),
      actions.slice(0, MAX_PROBLEMS),
    );
    const summary = diagnostics.at(-1)!;
    assert.equal(summary.code, 'too-many-problems');
    assert.equal(text.slice(summary.range.start, summary.range.end), actions[MAX_PROBLEMS]);
    assert.equal(summary.data?.hidden, 500);
  });

  it('always shows the syntax errors, even after more than the cap of other problems', () => {
    const actions = Array.from({ length: MAX_PROBLEMS + 500 }, (_, i) => `"ses:Nope${i}"`);
    // A slip typed at the end of a big document: a trailing comma after the last statement.
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[${actions.join(',')}],"Resource":"*"},]}`;
    const diagnostics = validate(text);
    assert.equal(diagnostics.length, MAX_PROBLEMS + 1);
    const comma = diagnostics.find((d) => d.code === 'trailing-comma');
    assert.ok(comma, 'the trailing comma is reported');
    assert.equal(text.slice(comma.range.start, comma.range.end), ',');
    assert.equal(comma.range.start, text.length - 3);
    // It takes the place of the last unknown action, which the summary now counts.
    assert.deepEqual(
      diagnostics.slice(0, MAX_PROBLEMS - 1).map((d) => text.slice(d.range.start, d.range.end)),
      actions.slice(0, MAX_PROBLEMS - 1),
    );
    assert.equal(diagnostics.at(-2), comma);
    const summary = diagnostics.at(-1)!;
    assert.equal(summary.code, 'too-many-problems');
    assert.equal(summary.data?.hidden, 501);
    assert.equal(text.slice(summary.range.start, summary.range.end), actions[MAX_PROBLEMS - 1]);
  });

  it('counts only what the settings show, and lets the summary be turned off', () => {
    const actions = Array.from({ length: MAX_PROBLEMS + 10 }, (_, i) => `"ses:Nope${i}"`).join(',');
    const text = policy(`{"Effect":"Allow","Action":[${actions}],"Resource":"*"}`);
    assert.equal(validate(text, normalizeSettings({ rules: { 'unknown-action': 'off' } })).length, 0);
    const quiet = validate(text, normalizeSettings({ rules: { 'too-many-problems': 'off' } }));
    assert.equal(quiet.length, MAX_PROBLEMS);
  });

  it('validates a 10 MB policy in bounded time', () => {
    const statement = '{"Sid":"S","Effect":"Allow","Action":["ses:SendRawEmail","ses:GetAccount"],"Resource":"arn:aws:ses:eu-west-2:123456789012:identity/example.com"}';
    const statements = Array.from({ length: Math.ceil((10 << 20) / statement.length) }, (_, i) => statement.replace('"S"', `"S${i}"`));
    const text = policy(statements.join(',\n'));
    const diagnostics = timed('10 MB', 10_000, () => validate(text));
    assert.equal(diagnostics.length, MAX_PROBLEMS + 1);
    assert.equal(diagnostics[0]!.code, 'account-action-in-scoped-statement');
  });

  it('takes a 50 MB single-line string without trouble', () => {
    const text = policy(`{"Sid":"${'a'.repeat(50 << 20)}","Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"}`);
    const diagnostics = timed('50 MB string', 10_000, () => validate(text));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [],
    );
    const unterminated = `{"Statement":"${'\u2192'.repeat(50 << 20)}`;
    const found = timed('50 MB unterminated string', 10_000, () => validate(unterminated));
    assert.deepEqual(
      found.filter((d) => d.code === 'invalid-character' || d.code === 'json-syntax').map((d) => [d.code, d.range.end - d.range.start]),
      [
        ['json-syntax', (50 << 20) + 1],
        ['invalid-character', 50 << 20],
        ['json-syntax', 0],
      ],
    );
  });
});

describe('robustness: characters', () => {
  it('reports characters IAM does not accept, one finding per run, with what to do', () => {
    const text = policy('{"Sid":"A","Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:ses:eu-west-2:123456789012:identity/\u201cexample\u201d.com\u2028\u2029"}');
    assert.deepEqual(
      seen(text).filter((d) => d.code === 'invalid-character'),
      [
        { code: 'invalid-character', text: '\u201c' },
        { code: 'invalid-character', text: '\u201d' },
        { code: 'invalid-character', text: '\u2028\u2029' },
      ],
    );
    const message = validate(text).find((d) => d.code === 'invalid-character')!.message;
    assert.ok(message.includes('U+201C') && message.includes('Use plain ASCII instead (")'), message);
  });

  it('accepts Latin-1 and ignores characters in comments, which never reach IAM', () => {
    const text = `// r\u00e9sum\u00e9 \u2192 notes\n${policy('{"Sid":"Caf","Effect":"Allow","Action":"ses:SendRawEmail","Resource":"arn:aws:s3:::caf\u00e9"}')}/* \u201cdone\u201d */`;
    assert.deepEqual(
      seen(text).filter((d) => d.code === 'invalid-character'),
      [],
    );
  });

  it('takes a BOM, NUL, lone surrogates and U+2028 anywhere without failing', () => {
    const base = policy('{"Sid":"A","Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"}');
    for (const ch of ['\ufeff', '\u0000', '\ud800', '\udfff', '\u2028', '\u2029', '😀', '\u200b', '\u007f']) {
      for (let at = 0; at <= base.length; at += 7) {
        const text = base.slice(0, at) + ch + base.slice(at);
        const diagnostics = withInput(`U+${ch.charCodeAt(0).toString(16)} at ${at}`, text, () => checkInvariants(text, [at, at + 1]));
        // A leading byte-order mark is not part of the text: editors hide it and the CLI strips it.
        const allowed = ch === '\u007f' || (ch === '\ufeff' && at === 0);
        assert.equal(
          diagnostics.some((d) => d.code === 'invalid-character'),
          !allowed,
          `U+${ch.charCodeAt(0).toString(16)} at ${at}`,
        );
      }
    }
  });

  it('stops reporting runs one by one after the limit, and says how many follow', () => {
    const text = policy(`{"Sid":"${'a\u2192'.repeat(MAX_CHARACTER_RUNS + 50)}","Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*"}`);
    const found = validate(text).filter((d) => d.code === 'invalid-character');
    assert.equal(found.length, MAX_CHARACTER_RUNS + 1);
    assert.ok(found.at(-1)!.message.startsWith('50 more runs'), found.at(-1)!.message);
  });
});

describe('robustness: keys and values', () => {
  for (const key of ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'prototype']) {
    it(`"${key}" as element, Sid, Effect, action, ARN part, principal, operator and condition key: diagnostics, no prototype effect`, () => {
      const text = `{"Version":"2012-10-17","${key}":{"polluted":true},"Statement":[{"Sid":"${key}","${key}":"x","Effect":"${key}","Action":["${key}","ses:${key}","${key}:x"],"Resource":"arn:aws:ses:${key}:${key}:identity/${key}","Principal":{"${key}":"${key}"},"Condition":{"${key}":{"${key}":"1"},"StringEquals":{"${key}":"1","aws:${key}":"x","ses:${key}":"y"}}}]}`;
      const before = Object.getOwnPropertyNames(Object.prototype).join();
      const diagnostics = withInput(key, text, () => checkInvariants(text, Array.from({ length: text.length + 1 }, (_, i) => i)));
      assert.equal(Object.getOwnPropertyNames(Object.prototype).join(), before);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      const codes = new Set<string>(diagnostics.map((d) => d.code));
      for (const code of ['unknown-element', 'invalid-effect', 'unknown-action', 'unknown-service', 'unknown-condition-operator', 'unknown-condition-key']) {
        assert.ok(codes.has(code), `${key}: no ${code}`);
      }
      for (let offset = 0; offset <= text.length; offset++) {
        const hover = service.doHover(service.parse(text), offset);
        assert.ok(!hover || !hover.contents.includes('native code'), `hover at ${offset}: ${hover?.contents}`);
      }
    });
  }

  it('reports duplicate keys at every level IAM reads', () => {
    const text = '{"Version":"2012-10-17","Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"ses:SendRawEmail","Resource":"*","Principal":{"AWS":"*","AWS":"*"},"Condition":{"Bool":{"aws:SecureTransport":"true","aws:SecureTransport":"false"},"Bool":{}}}]}';
    assert.deepEqual(
      seen(text).filter((d) => d.code === 'duplicate-key'),
      [
        { code: 'duplicate-key', text: '"Version"' },
        { code: 'duplicate-key', text: '"Effect"' },
        { code: 'duplicate-key', text: '"AWS"' },
        { code: 'duplicate-key', text: '"aws:SecureTransport"' },
        { code: 'duplicate-key', text: '"Bool"' },
      ],
    );
  });

  it('takes numbers beyond double range and every JSON type in every element', () => {
    const values = ['1e999999', '-1e999999', '0', '-0', '1.5', 'true', 'false', 'null', '"x"', '"*"', '[]', '{}', '[1,"a",null,{},[]]', '{"a":1}', '""'];
    const elements = ['Version', 'Id', 'Statement', 'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
    for (const element of elements) {
      for (const value of values) {
        const text = ['Version', 'Id', 'Statement'].includes(element)
          ? `{"${element}":${value}${element === 'Statement' ? '' : ',"Statement":[]'}}`
          : policy(`{"Effect":"Allow","Action":"*","Resource":"*","${element}":${value}}`);
        const diagnostics = withInput(`${element}: ${value}`, text, () => checkInvariants(text, [text.indexOf(value) + 1]));
        const expectsType = !['"x"', '"*"', '""'].includes(value) && !['Principal', 'NotPrincipal', 'Statement', 'Condition'].includes(element);
        if (expectsType && !(value.startsWith('[') && ['Action', 'NotAction', 'Resource', 'NotResource'].includes(element))) {
          assert.ok(diagnostics.some((d) => d.code === 'invalid-type'), `${element}: ${value} gets no invalid-type`);
        }
      }
    }
  });

  it('reads condition values beyond double range as numbers, and says nothing wrong about them', () => {
    const text = policy('{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":1e999999}}}');
    assert.deepEqual(seen(text), []);
  });
});
