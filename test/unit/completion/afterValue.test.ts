import * as assert from 'node:assert/strict';
import { assertCompletion, assertNoCompletion, complete } from './helpers';

/**
 * After a value that is complete, nothing may be inserted without a comma first: such an edit would
 * leave a document that no longer parses. After the comma, the next key is what belongs there.
 */
describe('completion after a written value', () => {
  const noneWithOrWithoutSnippets = (textWithBar: string) => {
    assert.deepEqual(complete(textWithBar), [], textWithBar);
    assert.deepEqual(complete(textWithBar, { snippetSupport: false }), [], textWithBar);
  };

  it('offers no service prefix after an Action array, on the next line or right after it', () => {
    noneWithOrWithoutSnippets('{"Statement":[{"Action":["ses:SendRawEmail"]\n|}]}');
    noneWithOrWithoutSnippets('{"Statement":[{"Action":["ses:SendRawEmail"]|}]}');
    noneWithOrWithoutSnippets('{"Statement":[{"Action":["ses:SendRawEmail"] se|}]}');
    assertNoCompletion('{"Statement":[{"Action":"ses:SendRawEmail"} |]}', ['a2c', 'ses']);
  });

  it('offers no ARN and no "*" after a Resource array', () => {
    noneWithOrWithoutSnippets('{"Statement":[{"Action":"ses:SendRawEmail","Resource":["*"]\n|}]}');
  });

  it('offers no statement snippet after the Statement value, array or single object', () => {
    noneWithOrWithoutSnippets('{"Version":"2012-10-17","Statement":[{"Action":"ses:SendRawEmail","Resource":"*"}]\n|}');
    noneWithOrWithoutSnippets('{"Statement":{"Action":"ses:SendRawEmail","Resource":"*"} |}');
  });

  it('offers no key or operator after an object value, and no Version value after a number', () => {
    noneWithOrWithoutSnippets('{"Statement":[{"Condition":{} |}]}');
    noneWithOrWithoutSnippets('{"Statement":[{"Condition":{"StringEquals":{} |}}]}');
    noneWithOrWithoutSnippets('{"Version": 5 |}');
  });

  it('offers the next statement key after the comma', () => {
    const text = '{"Statement":[{"Action":["ses:SendRawEmail"],\n|}]}';
    assertCompletion(text, { label: 'Resource', resultText: text.replace('|', '"Resource": ""') });
    assertNoCompletion(text, ['Action', 'ses']);
  });

  it('offers the next policy key after the comma that follows the Statement array', () => {
    const text = '{"Statement":[{"Action":"ses:SendRawEmail","Resource":"*"}],\n|}';
    assertCompletion(text, { label: 'Version', resultText: text.replace('|', '"Version": "2012-10-17"') });
    assertNoCompletion(text, ['Statement', 'SES send statement']);
  });

  it('still adds a statement after the last one in the Statement array, comma included', () => {
    const text = '{"Statement":[{"Action":"ses:GetAccount","Resource":"*"} |]}';
    assertCompletion(text, {
      label: 'SES account-level statement',
      resultText: text.replace(
        '|',
        ', {\n\t"Sid": "AccountLevel",\n\t"Effect": "Allow",\n\t"Action": [\n\t\t"ses:GetAccount",\n\t\t"ses:ListEmailIdentities"\n\t],\n\t"Resource": "*"\n}',
      ),
    });
  });
});
