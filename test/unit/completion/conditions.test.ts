import * as assert from 'node:assert/strict';
import { assertCompletion, assertNoCompletion, complete, labels } from './helpers';

const STATEMENT = '{"Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"*",\n  "Condition":';

describe('completion in Condition', () => {
  it('offers operators with IfExists and the set qualifiers, plain ones first', () => {
    const order = labels(complete(`${STATEMENT}{"|"}}]}`));
    for (const name of ['StringEquals', 'StringLikeIfExists', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'Null']) {
      assert.ok(order.includes(name), name);
    }
    assert.equal(order[0], 'StringEquals');
    assert.ok(order.indexOf('NumericLessThan') < order.indexOf('StringEqualsIfExists'));
    assert.ok(order.indexOf('StringEqualsIfExists') < order.indexOf('ForAnyValue:StringEquals'));
    assert.ok(!order.includes('NullIfExists'));
  });

  it('writes the operator with a block for its key', () => {
    assertCompletion(`${STATEMENT}{"StringL|"}}]}`, {
      label: 'StringLike',
      resultText: `${STATEMENT}{"StringLike": {\n\t"": ""\n}}}]}`,
    });
  });

  it('leaves out operators already in the block', () => {
    assertNoCompletion(`${STATEMENT}{"StringEquals":{}, "|"}}]}`, ['StringEquals']);
  });

  it('offers the condition keys of the statement\'s actions first, then global keys', () => {
    const text = `${STATEMENT}{"StringEquals":{"ses:Fr|"}}}]}`;
    const items = complete(text);
    const order = labels(items);
    assert.deepEqual(order.slice(0, 5), ['ses:ApiVersion', 'ses:FeedbackAddress', 'ses:FromAddress', 'ses:FromDisplayName', 'ses:Recipients']);
    assert.ok(order.includes('aws:SourceIp'), 'global keys too');
    const from = items.find((i) => i.label === 'ses:FromAddress')!;
    assert.ok(from.detail?.startsWith('String'), from.detail);
    assert.equal(from.documentation, 'Filters access by the "From" address of a message');
    assertCompletion(text, { label: 'ses:FromAddress', resultText: `${STATEMENT}{"StringEquals":{"ses:FromAddress": ""}}}]}` });
  });

  it('gives a multivalued key an array', () => {
    assertCompletion(`${STATEMENT}{"ForAllValues:StringLike":{|}}}]}`, {
      label: 'ses:Recipients',
      resultText: `${STATEMENT}{"ForAllValues:StringLike":{"ses:Recipients": [""]}}}]}`,
    });
  });

  it('puts a tab stop on a tag key', () => {
    const item = complete(`${STATEMENT}{"StringEquals":{"|"}}}]}`).find((i) => i.label === 'aws:PrincipalTag/tag-key');
    assert.equal(item?.edit.newText, 'aws:PrincipalTag/${1:tag-key}": "$2"');
  });
});
