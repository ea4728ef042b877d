import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { findPlaceholders, parseArn } from '../../server/src/iam/arn';
import { IamCatalog } from '../../server/src/iam/catalog';
import { fileDataSource, type IamDataSource } from '../../server/src/iam/dataSource';
import { parseConditionOperator } from '../../server/src/iam/conditionOperators';
import { matchesWildcard, patternsIntersect } from '../../server/src/iam/wildcard';
import { REPO, service } from './service';

describe('IAM wildcards', () => {
  it('matches * and ? case-insensitively and everything else literally', () => {
    assert.equal(matchesWildcard('Send*', 'SendRawEmail'), true);
    assert.equal(matchesWildcard('send?awemail', 'SendRawEmail'), true);
    assert.equal(matchesWildcard('Send?', 'SendRawEmail'), false);
    assert.equal(matchesWildcard('Send.*', 'SendRawEmail'), false);
    assert.equal(matchesWildcard('a+b', 'a+b'), true);
    assert.equal(matchesWildcard('[x]', '[x]'), true);
  });

  it('tells whether two patterns can name the same thing', () => {
    assert.equal(patternsIntersect('arn:*:ses:*:*:identity/*', 'arn:aws:ses:eu-west-2:123456789012:identity/example.com'), true);
    assert.equal(patternsIntersect('arn:*:s3:::*', 'arn:aws:ses:eu-west-2:123456789012:identity/example.com'), false);
    assert.equal(patternsIntersect('a*c', '*b*'), true);
    assert.equal(patternsIntersect('a?c', 'abd'), false);
    assert.equal(patternsIntersect('', '*'), true);
    assert.equal(patternsIntersect('x', ''), false);
  });
});

describe('ARN parsing', () => {
  it('splits six segments, the resource keeping its colons', () => {
    const arn = parseArn('arn:aws:logs:eu-west-2:123456789012:log-group:app:*')!;
    assert.deepEqual([arn.partition.text, arn.service.text, arn.region.text, arn.account.text, arn.resource.text], [
      'aws',
      'logs',
      'eu-west-2',
      '123456789012',
      'log-group:app:*',
    ]);
    assert.equal(parseArn('arn:aws:s3'), undefined);
    assert.equal(parseArn('urn:aws:s3:::b'), undefined);
  });

  it('does not split inside a policy variable', () => {
    assert.equal(parseArn('arn:aws:ses:eu-west-2:${aws:PrincipalAccount}:identity/x')!.account.text, '${aws:PrincipalAccount}');
  });

  it('finds template placeholders but not policy variables', () => {
    assert.deepEqual(
      findPlaceholders('arn:aws:ses:${Region}:YOUR_ACCOUNT:identity/${aws:username}/<name>/${*}').map((p) => p.text),
      ['${Region}', 'YOUR_ACCOUNT', '<name>'],
    );
  });
});

describe('condition operators', () => {
  it('parses qualifiers and IfExists', () => {
    assert.deepEqual(parseConditionOperator('ForAnyValue:StringLikeIfExists'), {
      operator: { name: 'StringLike', category: 'String' },
      qualifier: 'ForAnyValue:',
      ifExists: true,
    });
    assert.equal(parseConditionOperator('StringLikeIfExist'), undefined);
  });
});

describe('the IAM catalog', () => {
  it('loads only the services a policy uses', () => {
    const reads: string[] = [];
    const files = fileDataSource(join(REPO, 'dist', 'data'));
    const source: IamDataSource = { readJson: (path) => (reads.push(path), files.readJson(path)) };
    const catalog = new IamCatalog(source);
    assert.equal(catalog.findAction('ses', 'sendrawemail')?.name, 'SendRawEmail');
    assert.equal(catalog.findAction('SES', 'GetAccount')?.resourceTypes.length, 0);
    assert.deepEqual(reads, ['iam/serviceNames.json', 'iam/actions/ses.json', 'iam/resourceTypes/ses.json', 'iam/conditionKeys/ses.json']);
  });

  it('has every service, with names and ARN formats', () => {
    const catalog = service.knowledge.catalog;
    assert.ok(catalog.servicePrefixes().length > 400);
    assert.equal(catalog.serviceName('S3'), 'Amazon S3');
    assert.equal(catalog.getService('ses')?.resourceTypes.get('identity')?.arn, 'arn:${Partition}:ses:${Region}:${Account}:identity/${IdentityName}');
    assert.ok(catalog.matchActions('ses:List*').length > 10);
    assert.equal(catalog.serviceName('__proto__'), undefined);
    assert.equal(catalog.getService('constructor'), undefined);
  });

  it('has region names from the SDK partitions data', () => {
    assert.equal(service.knowledge.regions.find('eu-west-2')?.description, 'Europe (London)');
    assert.equal(service.knowledge.regions.find('xx-nowhere-1'), undefined);
  });
});
