import * as assert from 'node:assert/strict';
import { assertCompletion, assertNoCompletion, complete, labels } from './helpers';

describe('completion of keys and values', () => {
  it('offers the statement keys not already present, with a one-line doc', () => {
    const items = complete('{"Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail", |}]}');
    assert.deepEqual(labels(items), ['Sid', 'Resource', 'Condition', 'Principal', 'NotPrincipal', 'NotResource']);
    assert.ok(items.every((i) => i.documentation && !i.documentation.includes('\n')), 'one line each');
  });

  it('writes the key with an empty value to fill in, and reopens completion for it', () => {
    const item = assertCompletion('{"Statement":[{"Effect":"Allow", |}]}', {
      label: 'Action',
      resultText: '{"Statement":[{"Effect":"Allow", "Action": ""}]}',
    });
    assert.equal(item.retrigger, true);
    assertCompletion('{"Statement":[{"Effect":"Allow", |}]}', {
      label: 'Action',
      resultText: '{"Statement":[{"Effect":"Allow", "Action": }]}',
    }, { snippetSupport: false });
  });

  it('completes a key being typed in quotes, adding the comma before the next member', () => {
    const text = ['{', '  "Statement": [{', '    "Eff|"', '    "Action": "ses:SendRawEmail"', '  }]', '}'].join('\n');
    assertCompletion(text, { label: 'Effect', resultText: text.replace('"Eff|"', '"Effect": "Allow",') });
  });

  it('replaces only the key when its value is already there', () => {
    assertCompletion('{"Statement":[{"Eff|": "Deny"}]}', { label: 'Effect', resultText: '{"Statement":[{"Effect": "Deny"}]}' });
  });

  it('completes an unquoted key', () => {
    assertCompletion('{"Statement":[{Con|}]}', {
      label: 'Condition',
      resultText: '{"Statement":[{"Condition": {\n\t"StringEquals": {\n\t\t"": ""\n\t}\n}}]}',
    });
  });

  it('offers policy keys, with a statement skeleton for Statement', () => {
    assertNoCompletion('{"Version":"2012-10-17", "|"}', ['Version', 'Effect']);
    assertCompletion('{"Version":"2012-10-17", "|"}', {
      label: 'Statement',
      resultText: '{"Version":"2012-10-17", "Statement": [\n\t{\n\t\t"Effect": "Allow",\n\t\t"Action": "",\n\t\t"Resource": ""\n\t}\n]}',
    });
    assertCompletion('{|}', { label: 'Version', resultText: '{"Version": "2012-10-17"}' }, { snippetSupport: false });
  });

  it('does not offer an element next to its Not counterpart', () => {
    assertNoCompletion('{"Statement":[{"NotAction":"ses:*","Resource":"*", |}]}', ['Action', 'NotResource', 'NotAction', 'Resource']);
  });

  it('offers Effect values, quoted or not', () => {
    assertCompletion('{"Statement":[{"Effect":"|"}]}', { label: 'Deny', resultText: '{"Statement":[{"Effect":"Deny"}]}' });
    assertCompletion('{"Statement":[{"Effect": |}]}', { label: 'Allow', resultText: '{"Statement":[{"Effect": "Allow"}]}' });
    assertCompletion('{"Statement":{"Effect":"Al|"}}', { label: 'Allow', resultText: '{"Statement":{"Effect":"Allow"}}' });
  });

  it('offers the current Version first', () => {
    const items = complete('{"Version":"|","Statement":[]}');
    assert.deepEqual(labels(items), ['2012-10-17', '2008-10-17']);
    assertCompletion('{"Version":"|","Statement":[]}', { label: '2012-10-17', resultText: '{"Version":"2012-10-17","Statement":[]}' });
  });

  it('offers nothing after a complete value or outside strings it knows', () => {
    assert.deepEqual(complete('{"Statement":[{"Effect":"Allow"|}]}'), []);
    assert.deepEqual(complete('{"Statement":[{"Sid":"|"}]}'), []);
    assert.deepEqual(complete('{"Statement":[{"Principal":{"AWS":"|"}}]}'), []);
  });
});
