import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileDataSource } from '../../../server/src/iam/dataSource';
import { doComplete } from '../../../server/src/service/completion/completion';
import { createKnowledge } from '../../../server/src/service/languageService';
import { REPO, service } from '../service';
import { assertCompletion, assertNoCompletion, at, complete, labels, NO_DEFAULTS } from './helpers';

const IDENTITY = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';

describe('completion of Action strings', () => {
  it('offers SES actions after the prefix', () => {
    assertCompletion('{"Statement":[{"Effect":"Allow","Action":"ses:Send|"}]}', {
      label: 'ses:SendRawEmail',
      resultText: '{"Statement":[{"Effect":"Allow","Action":"ses:SendRawEmail"}]}',
    });
  });

  it('completes an array element, replacing the whole string content', () => {
    assertCompletion('{"Statement":[{"Effect":"Allow","Action":["ses:GetAccount", "ses:Send|Email"]}]}', {
      label: 'ses:SendRawEmail',
      resultText: '{"Statement":[{"Effect":"Allow","Action":["ses:GetAccount", "ses:SendRawEmail"]}]}',
    });
  });

  it('closes the quote when it is not typed yet', () => {
    assertCompletion('{"Statement":[{"Effect":"Allow","Action":["ses:Se|', {
      label: 'ses:SendRawEmail',
      resultText: '{"Statement":[{"Effect":"Allow","Action":["ses:SendRawEmail"',
    });
  });

  it('closes the quote and adds the comma before the next line of a multi-line array', () => {
    const text = ['{', '  "Statement": [{', '    "Action": [', '      "ses:GetAcc|', '      "ses:SendRawEmail"', '    ]', '  }]', '}'].join('\n');
    assertCompletion(text, {
      label: 'ses:GetAccount',
      resultText: text.replace('"ses:GetAcc|', '"ses:GetAccount",'),
    });
  });

  it('lists service prefixes with their names when no colon is typed', () => {
    const items = complete('{"Statement":[{"Effect":"Allow","Action":"|"}]}');
    const ses = items.find((i) => i.label === 'ses');
    assert.equal(ses?.detail, service.knowledge.catalog.serviceName('ses'));
    assert.equal(ses?.retrigger, true, 'opens the action list next');
    assert.equal(items.length, service.knowledge.catalog.servicePrefixes().length);
    assertCompletion('{"Statement":[{"Effect":"Allow","Action":"se|"}]}', {
      label: 'ses',
      resultText: '{"Statement":[{"Effect":"Allow","Action":"ses:"}]}',
    });
  });

  it('writes the quotes when the value has none yet', () => {
    assertCompletion('{"Statement":[{"Effect":"Allow","Action": |}]}', {
      label: 'ses',
      resultText: '{"Statement":[{"Effect":"Allow","Action": "ses:"}]}',
    });
    assertCompletion('{"Statement":[{"Effect":"Allow","Action": |}]}', {
      label: 'ses',
      resultText: '{"Statement":[{"Effect":"Allow","Action": "ses:}]}',
    }, { snippetSupport: false });
  });

  it('puts the services the policy already uses first', () => {
    const items = complete('{"Statement":[{"Action":"s3:GetObject"},{"Action":"|"}]}');
    assert.deepEqual(labels(items).slice(0, 1), ['s3']);
  });

  it('leaves out actions already listed in the element', () => {
    assertNoCompletion('{"Statement":[{"Action":["ses:SendRawEmail","ses:|"]}]}', ['ses:SendRawEmail']);
  });

  it('describes each action with its access level and resource types', () => {
    const item = complete('{"Statement":[{"Action":"ses:|"}]}').find((i) => i.label === 'ses:GetAccount');
    assert.ok(item?.detail?.startsWith('Read'), item?.detail);
    assert.ok(item?.documentation?.includes('"Resource": "*"'), 'says it needs "*"');
  });

  it('orders actions on the statement\'s identity first and account-level ones last', () => {
    const order = labels(complete(`{"Statement":[{"Effect":"Allow","Action":["ses:|"],"Resource":"${IDENTITY}"}]}`));
    const first = service.knowledge.catalog.findAction('ses', order[0]!.slice(4))!;
    assert.ok(first.resourceTypes.some((t) => t.name === 'identity'), `${order[0]} acts on identities`);
    assert.ok(order.indexOf('ses:SendRawEmail') < order.indexOf('ses:CreateConfigurationSet'), 'identity actions before others');
    assert.ok(order.indexOf('ses:CreateConfigurationSet') < order.indexOf('ses:GetAccount'), 'account-level actions last');
  });

  it('orders account-level actions first in a "*" statement of account-level actions', () => {
    const order = labels(complete('{"Statement":[{"Effect":"Allow","Action":["ses:GetAccount","ses:|"],"Resource":"*"}]}'));
    assert.equal(service.knowledge.catalog.findAction('ses', order[0]!.slice(4))!.resourceTypes.length, 0);
    assert.ok(order.indexOf('ses:ListEmailIdentities') < order.indexOf('ses:SendRawEmail'));
  });

  it('orders by the statement\'s other actions when it has no Resource yet', () => {
    const catalog = service.knowledge.catalog;
    const configurationSet = labels(complete('{"Statement":[{"Effect":"Allow","Action":["ses:DeleteConfigurationSet","ses:|"]}]}'));
    assert.ok(!configurationSet.includes('ses:DeleteConfigurationSet'), 'the listed action is left out');
    const first = catalog.findAction('ses', configurationSet[0]!.slice(4))!;
    assert.ok(first.resourceTypes.some((t) => t.name === 'configuration-set'), `${configurationSet[0]} acts on configuration sets`);
    assert.ok(configurationSet.indexOf('ses:SendRawEmail') < configurationSet.indexOf('ses:CreateEmailIdentity'), 'configuration-set actions before identity-only ones');
    assert.ok(configurationSet.indexOf('ses:CreateEmailIdentity') < configurationSet.indexOf('ses:GetAccount'), 'account-level actions last');

    const identity = labels(complete('{"Statement":[{"Effect":"Allow","Action":["ses:SendRawEmail","ses:|"]}]}'));
    assert.ok(identity.indexOf('ses:GetEmailIdentity') < identity.indexOf('ses:CreateDedicatedIpPool'), 'identity actions before dedicated-ip-pool ones');

    const accountLevel = labels(complete('{"Statement":[{"Effect":"Allow","Action":["ses:GetAccount","ses:|"]}]}'));
    assert.equal(catalog.findAction('ses', accountLevel[0]!.slice(4))!.resourceTypes.length, 0, 'account-level first');
    assert.ok(accountLevel.indexOf('ses:ListEmailIdentities') < accountLevel.indexOf('ses:SendRawEmail'));
  });

  it('names SES as Amazon SES, not after Pinpoint Email, in the prefix list', () => {
    const ses = complete('{"Statement":[{"Action":"|"}]}').find((i) => i.label === 'ses');
    assert.equal(ses?.detail, 'Amazon Simple Email Service (SES)');
  });

  it('loads only the services the statement names, and none for the prefix list', () => {
    const read: string[] = [];
    const source = fileDataSource(join(REPO, 'dist', 'data'));
    const knowledge = createKnowledge({ readJson: (path) => (read.push(path), source.readJson(path)) });
    const run = (textWithBar: string) => {
      const { text, offset } = at(textWithBar);
      return doComplete(service.parse(text), offset, NO_DEFAULTS, knowledge, { snippetSupport: true });
    };
    run('{"Statement":[{"Action":["s3:GetObject","|"]}]}');
    assert.deepEqual(read.filter((p) => p.startsWith('iam/actions/')), []);
    run('{"Statement":[{"Action":["s3:GetObject","ses:|"]}]}');
    assert.deepEqual(read.filter((p) => p.startsWith('iam/actions/')), ['iam/actions/ses.json', 'iam/actions/s3.json']);
  });
});
