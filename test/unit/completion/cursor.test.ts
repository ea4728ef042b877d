import * as assert from 'node:assert/strict';
import { getCursorContext, type CursorContext } from '../../../server/src/policy/cursor';
import { service } from '../service';
import { at } from './helpers';

function contextAt(textWithBar: string): CursorContext {
  const { text, offset } = at(textWithBar);
  return getCursorContext(service.parse(text), offset);
}

/** The context's kind and the fields that say where it is, for compact comparisons. */
function summary(context: CursorContext): Record<string, unknown> {
  const { kind } = context;
  switch (context.kind) {
    case 'value':
      return { kind, element: context.element, prefix: context.prefix, inArray: context.inArray, statementIndex: context.statementIndex };
    case 'statementKey':
    case 'policyKey':
    case 'conditionOperator':
      return { kind, prefix: context.prefix, present: context.present };
    case 'conditionKey':
      return { kind, operator: context.operator, prefix: context.prefix };
    case 'statementSlot':
      return { kind, commaBefore: context.commaBefore, commaAfter: context.commaAfter, wrapInArray: context.wrapInArray };
    default:
      return { kind };
  }
}

describe('the cursor context', () => {
  it('knows values by element, statement and array position', () => {
    assert.deepEqual(summary(contextAt('{"Statement":[{},{"Action":["ses:A","ses:Se|"]}]}')), {
      kind: 'value',
      element: 'Action',
      prefix: 'ses:Se',
      inArray: true,
      statementIndex: 1,
    });
    assert.deepEqual(summary(contextAt('{"Statement":{"Resource":"arn:|')), {
      kind: 'value',
      element: 'Resource',
      prefix: 'arn:',
      inArray: false,
      statementIndex: 0,
    });
  });

  it('gives the range to replace: the content, to the closing quote or to the cursor', () => {
    const closed = at('{"Statement":[{"Action":"ses:Se|nd"}]}');
    const context = getCursorContext(service.parse(closed.text), closed.offset);
    assert.equal(context.kind, 'value');
    if (context.kind !== 'value') return;
    assert.equal(closed.text.slice(context.replace.start, context.replace.end), 'ses:Send');
    assert.equal(closed.text.slice(context.token.start, context.token.end), '"ses:Send"');
    const open = at('{"Statement":[{"Action":"ses:Se|}]}');
    const unclosed = getCursorContext(service.parse(open.text), open.offset);
    assert.ok(unclosed.kind === 'value' && !unclosed.closeQuote && unclosed.replace.end === open.offset);
  });

  it('knows keys and the keys already present', () => {
    assert.deepEqual(summary(contextAt('{"Statement":[{"Effect":"Allow", "Ac|"}]}')), { kind: 'statementKey', prefix: 'Ac', present: ['Effect'] });
    assert.deepEqual(summary(contextAt('{"Version":"2012-10-17",|}')), { kind: 'policyKey', prefix: '', present: ['Version'] });
    assert.deepEqual(summary(contextAt('{"Statement":[{"Condition":{"Null":{},"|"}}]}')), { kind: 'conditionOperator', prefix: '', present: ['Null'] });
    assert.deepEqual(summary(contextAt('{"Statement":[{"Condition":{"StringLike":{"ses:F|')), { kind: 'conditionKey', operator: 'StringLike', prefix: 'ses:F' });
  });

  it('knows where a statement object goes, and which commas it needs', () => {
    assert.deepEqual(summary(contextAt('{"Statement":[|]}')), { kind: 'statementSlot', commaBefore: false, commaAfter: false, wrapInArray: false });
    assert.deepEqual(summary(contextAt('{"Statement":[{} /* c */ |]}')), { kind: 'statementSlot', commaBefore: true, commaAfter: false, wrapInArray: false });
    assert.deepEqual(summary(contextAt('{"Statement":[| {}]}')), { kind: 'statementSlot', commaBefore: false, commaAfter: true, wrapInArray: false });
    assert.deepEqual(summary(contextAt('{"Statement": |}')), { kind: 'statementSlot', commaBefore: false, commaAfter: false, wrapInArray: true });
  });

  it('says none after a value that is already written, and a key after its comma', () => {
    assert.equal(contextAt('{"Statement":[{"Action":["ses:SendRawEmail"]\n|}]}').kind, 'none');
    assert.equal(contextAt('{"Statement":[{"Action":["ses:SendRawEmail"]|}]}').kind, 'none');
    assert.equal(contextAt('{"Statement":[{"Action":["ses:SendRawEmail"] se|}]}').kind, 'none');
    assert.equal(contextAt('{"Statement":[{"Resource":["*"] |}]}').kind, 'none');
    assert.equal(contextAt('{"Statement":[{"Condition":{} |}]}').kind, 'none');
    assert.equal(contextAt('{"Statement":[{"Condition":{"StringEquals":{} |}}]}').kind, 'none');
    assert.equal(contextAt('{"Version": 5 |}').kind, 'none');
    assert.equal(contextAt('{"Statement":[{"Action":[["ses:A"] |]}]}').kind, 'none');
    assert.equal(contextAt('{"Statement":[{"Action":"ses:A"}]\n|}').kind, 'none');
    assert.equal(contextAt('{"Statement":{"Action":"ses:A"} |}').kind, 'none');
    assert.deepEqual(summary(contextAt('{"Statement":[{"Action":["ses:SendRawEmail"],\n|}]}')), { kind: 'statementKey', prefix: '', present: ['Action'] });
    assert.deepEqual(summary(contextAt('{"Statement":{"Action":"ses:A"},|}')), { kind: 'policyKey', prefix: '', present: ['Statement'] });
  });

  it('still knows a value being written after the colon or in an array', () => {
    assert.deepEqual(summary(contextAt('{"Statement":[{"Action":se|}]}')), { kind: 'value', element: 'Action', prefix: 'se', inArray: false, statementIndex: 0 });
    assert.deepEqual(summary(contextAt('{"Statement":[{"Action":["ses:A", |]}]}')), {
      kind: 'value',
      element: 'Action',
      prefix: '',
      inArray: true,
      statementIndex: 0,
    });
    assert.deepEqual(summary(contextAt('{"Statement":[{"Resource": |}]}')), { kind: 'value', element: 'Resource', prefix: '', inArray: false, statementIndex: 0 });
  });

  it('knows an empty document, comments included, and says none elsewhere', () => {
    assert.equal(contextAt('// a new policy\n|').kind, 'emptyDocument');
    assert.equal(contextAt('{"Statement":[{"Effect":"Allow"|}]}').kind, 'none');
    assert.equal(contextAt('{"Other":{"Effect":"|"}}').kind, 'none');
  });
});
