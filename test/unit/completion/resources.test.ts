import * as assert from 'node:assert/strict';
import { assertCompletion, complete, labels } from './helpers';

const SEND = '{"Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail","Resource":"|"}]}';
const DEFAULTS = { defaultRegion: 'eu-west-2', defaultAccountId: '123456789012' };

describe('completion of Resource strings', () => {
  it('offers the ARN templates of the statement\'s actions, filled from the settings', () => {
    const item = assertCompletion(SEND, {
      label: 'arn:aws:ses:eu-west-2:123456789012:identity/${IdentityName}',
      resultText: SEND.replace('|', 'arn:aws:ses:eu-west-2:123456789012:identity/${IdentityName}'),
    }, { settings: DEFAULTS });
    assert.equal(item.edit.newText, 'arn:aws:ses:${1:eu-west-2}:${2:123456789012}:identity/${3:\\${IdentityName\\}}');
    assert.equal(item.detail, 'ses identity (required)');
  });

  it('leaves tab stops on the template variables without settings', () => {
    const items = complete(SEND);
    assert.deepEqual(labels(items), [
      'arn:aws:ses:${Region}:${Account}:identity/${IdentityName}',
      'arn:aws:ses:${Region}:${Account}:configuration-set/${ConfigurationSetName}',
      '*',
    ]);
    assert.equal(items[0]!.edit.newText, 'arn:aws:ses:${1:\\${Region\\}}:${2:\\${Account\\}}:identity/${3:\\${IdentityName\\}}');
  });

  it('inserts plain text when the client takes no snippets', () => {
    assertCompletion(SEND, {
      label: 'arn:aws:ses:eu-west-2:123456789012:identity/${IdentityName}',
      resultText: SEND.replace('|', 'arn:aws:ses:eu-west-2:123456789012:identity/${IdentityName}'),
    }, { settings: DEFAULTS, snippetSupport: false });
  });

  it('puts "*" first for actions without resource-level permissions', () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":["ses:GetAccount","ses:ListEmailIdentities"],"Resource":|}]}';
    assert.deepEqual(labels(complete(text)), ['*']);
    assertCompletion(text, { label: '*', resultText: text.replace('|', '"*"') });
  });

  it('offers regions with their names in an ARN\'s region segment', () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail",\n  "Resource":"arn:aws:ses:eu-w|:123456789012:identity/example.com"}]}';
    const item = assertCompletion(text, {
      label: 'eu-west-2',
      resultText: text.replace('eu-w|', 'eu-west-2'),
    });
    assert.equal(item.detail, 'Europe (London)');
    assert.ok(!complete(text).some((i) => i.label === 'cn-north-1'), 'only the ARN\'s partition');
  });

  it('completes the region of an ARN still being typed', () => {
    assertCompletion('{"Statement":[{"Action":"ses:SendRawEmail","Resource":["arn:aws:ses:|', {
      label: 'us-east-1',
      resultText: '{"Statement":[{"Action":"ses:SendRawEmail","Resource":["arn:aws:ses:us-east-1',
    });
  });
});
