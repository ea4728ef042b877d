import * as assert from 'node:assert/strict';
import { MAX_DEPTH, parseJson, TolerantParse } from '../../server/src/policy/parseJson';
import { normalizeSettings } from '../../server/src/service/settings';
import { assertSameAsReference } from './parserReference';
import { service, withInput } from './support';

/** Text that is not strict JSON: server/src/policy/tolerantJson.ts against jsonc-parser's visit, paused or not. */
describe('robustness: the resumable tolerant parser', function () {
  this.timeout(120_000);

  it('reports and recovers from the slips of typing as visit does, sliced or not', () => {
    // [text, [message, start, covered text] of every syntax issue]
    const cases: [string, [string, number, string][]][] = [
      ['[1,2,]', [['Value expected', 5, ']']]],
      ['{"a":1,}', [['Property name expected', 7, '}'], ['Value expected', 7, '}']]],
      [
        '{"Statement":[{"Effect":"Allow",},],}',
        [
          ['Property name expected', 32, '}'],
          ['Value expected', 32, '}'],
          ['Value expected', 34, ']'],
          ['Property name expected', 36, '}'],
          ['Value expected', 36, '}'],
        ],
      ],
      ['// lead\n{"a":/* mid */1}// end', []],
      ['{"a":1/* unclosed', [['Unexpected end of comment', 6, '/* unclosed'], ['Close brace expected', 17, '']]],
      ['{"a":"unclosed', [['Unexpected end of string', 5, '"unclosed'], ['Close brace expected', 14, '']]],
      ['{"a":[1,2', [['Close bracket expected', 9, ''], ['Close brace expected', 9, '']]],
      ['{"a":{"b":', [['Value expected', 10, ''], ['Close brace expected', 10, ''], ['Close brace expected', 10, '']]],
      ['{"a" 1}', [['Colon expected', 5, '1']]],
      ['{"a":}', [['Value expected', 5, '}']]],
      ['{,}', [['Value expected', 1, ','], ['Property name expected', 2, '}'], ['Value expected', 2, '}']]],
      ['[,]', [['Value expected', 1, ','], ['Value expected', 2, ']']]],
      ['@ # !', [['Invalid symbol', 0, '@'], ['Invalid symbol', 2, '#'], ['Invalid symbol', 4, '!'], ['Value expected', 5, '']]],
      ['{"a":1} tail', [['Invalid symbol', 8, 'tail']]],
      ['{"a":tru}', [['Invalid symbol', 5, 'tru'], ['Value expected', 8, '}']]],
      ['{"a":01}', [['Comma expected', 6, '1'], ['Property name expected', 6, '1'], ['Value expected', 7, '}']]],
      ['{"a":1.}', [['Unexpected end of number', 5, '1.']]],
      ['{"a":"\\u12"}', [['Invalid unicode', 5, '"\\u12"']]],
      ['{"a":"\\q"}', [['Invalid escape character', 5, '"\\q"']]],
      ['{"a":"x\u0001"}', [['Invalid character', 5, '"x\u0001"']]],
      ['{"a":1 "b":2}', [['Comma expected', 7, '"b"']]],
      ['[1 2]', [['Comma expected', 3, '2']]],
      ['{]', [['Property name expected', 1, ']'], ['Value expected', 2, ''], ['Close brace expected', 2, '']]],
      ['[}', [['Value expected', 1, '}'], ['Close bracket expected', 2, '']]],
      ['{"a":[}]}', [['Value expected', 6, '}']]],
      ['{"a":1,,"b":2}', [['Property name expected', 7, ','], ['Value expected', 7, ',']]],
      ['', [['Value expected', 0, '']]],
      [' \n ', [['Value expected', 3, '']]],
      ['{"a":1}}', [['End of file expected', 7, '}']]],
    ];
    for (const [text, expected] of cases) {
      const parsed = withInput(text, text, () => assertSameAsReference(text));
      assert.deepEqual(
        parsed.syntaxIssues.map((i) => [i.message, i.range.start, text.slice(i.range.start, i.range.end)]),
        expected,
        text,
      );
    }
    assert.deepEqual(parseJson('// lead\n{"a":/* mid */1}// end').comments, [
      { start: 0, end: 7 },
      { start: 13, end: 22 },
      { start: 24, end: 30 },
    ]);
  });

  it('pauses inside long runs of skipped tokens, comments and unknown symbols', () => {
    const runs = [
      // ColonExpected, then every `1` skipped up to the `}`.
      `{"a" ${'1 '.repeat(10_000)}}`,
      // Each `#` an invalid symbol, all read while looking for the next token.
      `[${'# '.repeat(10_000)}1]`,
      `[${'/*c*/'.repeat(10_000)}1]`,
      // An array left open inside an object: skipped to the `]`.
      `{"a":[1 ${'} '.repeat(10_000)}]}`,
    ];
    for (const text of runs) {
      withInput(text.slice(0, 40), text, () => assertSameAsReference(text));
      const parser = new TolerantParse(text, 1);
      let slices = 1;
      while (parser.run(-Infinity) === 'pending') slices++;
      assert.ok(slices > 10_000, `${slices} slices`);
    }
  });

  it('stops at the nesting limit at the same bracket on every path, sliced or not, to a million levels', () => {
    const settings = normalizeSettings({});
    for (const depth of [63, 64, 1000, 1_000_000]) {
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ] as const) {
        for (const closed of [true, false]) {
          // Without the comment a closed document is strict JSON; with it, every path is the tolerant one.
          for (const prefix of ['', '/* c */']) {
            const text = `${prefix}{"Statement":${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}}`;
            const label = `${prefix}${depth} × ${open} ${closed ? 'closed' : 'unclosed'}`;
            const parsed = withInput(label, text.slice(0, 200), () => assertSameAsReference(text));
            // The policy object is level 1: the bracket of level MAX_DEPTH + 1 is the MAX_DEPTH-th repeated one.
            const at = prefix.length + '{"Statement":'.length + (MAX_DEPTH - 1) * open.length;
            assert.deepEqual(parsed.tooDeep, depth >= MAX_DEPTH ? { start: at, end: at + 1 } : undefined, label);
            if (depth >= MAX_DEPTH) {
              assert.equal(text[at], open[0]);
              const codes = service.doValidation(service.parse(text), settings, '/r/policy.json').map((d) => d.code);
              assert.deepEqual(codes, ['json-too-deep'], label);
            }
          }
        }
      }
    }
  });
});
