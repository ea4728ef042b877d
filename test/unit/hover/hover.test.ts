import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileDataSource } from '../../../server/src/iam/dataSource';
import { doHover } from '../../../server/src/service/hover/hover';
import { createKnowledge } from '../../../server/src/service/languageService';
import type { Knowledge } from '../../../server/src/service/validation/context';
import { at } from '../completion/helpers';
import { REPO, service } from '../service';

const IDENTITY = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';

interface ExpectedHover {
  /** The text the hover range covers. */
  readonly covers: string;
  /** Fragments the markdown must contain. */
  readonly contains: readonly string[];
}

/** Hovers the character after `|` and checks the covered text and content fragments. */
function assertHover(textWithBar: string, expected: ExpectedHover, knowledge: Knowledge = service.knowledge): string {
  const { text, offset } = at(textWithBar);
  const hover = doHover(service.parse(text), offset, knowledge);
  assert.ok(hover, 'a hover');
  assert.equal(text.slice(hover.range.start, hover.range.end), expected.covers);
  for (const fragment of expected.contains) assert.ok(hover.contents.includes(fragment), `"${fragment}" in:\n${hover.contents}`);
  return hover.contents;
}

function noHover(textWithBar: string): void {
  const { text, offset } = at(textWithBar);
  assert.equal(doHover(service.parse(text), offset, service.knowledge), undefined);
}

describe('hover', () => {
  it('explains an action: description, access level, resource types, keys and the reference page', () => {
    assertHover('{"Statement":[{"Effect":"Allow","Action":"ses:Send|RawEmail"}]}', {
      covers: '"ses:SendRawEmail"',
      contains: [
        '**ses:SendRawEmail**',
        'Grants permission to send an email message',
        'Access level: **Write**',
        '`identity` (required): `arn:${Partition}:ses:${Region}:${Account}:identity/${IdentityName}`',
        '`configuration-set`: `arn:',
        '`ses:FromAddress`',
        '[Amazon SES (API v1)](https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonses.html)',
        '[Amazon SES API v2](https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html)',
      ],
    });
  });

  it('names SES as Amazon SES: the data names the shared ses prefix after Pinpoint Email', () => {
    const text = assertHover('{"Statement":[{"Action":"s|es:SendRawEmail"}]}', {
      covers: 'ses',
      contains: ['**ses**: Amazon Simple Email Service (SES)', 'list_amazonses.html', 'list_amazonsimpleemailservicev2.html'],
    });
    assert.ok(!/pinpoint/i.test(text), text);
    assertHover('{"Statement":[{"Action":"ses:Send|RawEmail"}]}', { covers: '"ses:SendRawEmail"', contains: ['**ses:SendRawEmail** (Amazon Simple Email Service (SES))'] });
  });

  it('links one reference page for other services, derived from the name', () => {
    assertHover('{"Statement":[{"Action":"s3:Get|Object"}]}', {
      covers: '"s3:GetObject"',
      contains: ['[Amazon S3 in the Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html)'],
    });
  });

  it('lists dependent actions, from the action and from its resource types', () => {
    // The data package lists no dependent actions at all today, so the catalog is given some, as the
    // reference documents them for lambda:CreateFunction (iam:PassRole on the function row).
    const source = fileDataSource(join(REPO, 'dist', 'data'));
    const knowledge = createKnowledge({
      readJson: (path) => {
        const raw = source.readJson(path);
        if (path !== 'iam/actions/lambda.json') return raw;
        const actions = raw as Record<string, { dependentActions: string[]; resourceTypes: { dependentActions: string[] }[] }>;
        actions.createfunction!.resourceTypes[0]!.dependentActions = ['iam:PassRole'];
        actions.createfunction!.dependentActions = ['iam:PassRole', 'lambda:TagResource'];
        return raw;
      },
    });
    assertHover('{"Statement":[{"Action":"lambda:Create|Function"}]}', {
      covers: '"lambda:CreateFunction"',
      contains: ['Dependent actions: `iam:PassRole`, `lambda:TagResource`'],
    }, knowledge);
    const text = assertHover('{"Statement":[{"Action":"lambda:Create|Function"}]}', { covers: '"lambda:CreateFunction"', contains: [] });
    assert.ok(!text.includes('Dependent actions'), 'none without them');
  });

  it('says plainly that an account-level action needs "Resource": "*" in its own statement', () => {
    const text = assertHover(`{"Statement":[{"Action":["ses:SendRawEmail",|"ses:GetAccount"],"Resource":"${IDENTITY}"}]}`, {
      covers: '"ses:GetAccount"',
      contains: ['Access level: **Read**', 'needs `"Resource": "*"`', 'own statement'],
    });
    assert.ok(!text.includes('Resource types:'));
  });

  it('gives the canonical name of a differently cased action', () => {
    assertHover('{"Statement":[{"Action":"ses:sendraw|email"}]}', { covers: '"ses:sendrawemail"', contains: ['**ses:SendRawEmail**', 'documents this one as `ses:SendRawEmail`'] });
  });

  it('names the service when the pointer is on the prefix', () => {
    const name = service.knowledge.catalog.serviceName('ses')!;
    assertHover('{"Statement":[{"Action":"s|es:SendRawEmail"}]}', { covers: 'ses', contains: [`**ses**: ${name}`, 'list_'] });
  });

  it('counts and lists the actions a wildcard matches, capped', () => {
    const matched = service.knowledge.catalog.matchActions('ses:Get*');
    assertHover('{"Statement":[{"Action":"ses:Get|*"}]}', {
      covers: '"ses:Get*"',
      contains: [`matches **${matched.length}** actions`, '`ses:GetAccount` (Read, needs "*")', `... and ${matched.length - 25} more`, 'support no resource-level permissions'],
    });
  });

  it('spells out an ARN and says which of the statement\'s actions it serves', () => {
    const text = ['{', '  "Statement": [{', '    "Action": ["ses:SendRawEmail", "ses:GetAccount"],', `    "Resource": "arn:aws:ses:|eu-west-2:123456789012:identity/example.com"`, '  }]', '}'].join('\n');
    assertHover(text, {
      covers: `"${IDENTITY}"`,
      contains: [
        'Partition: `aws`',
        `Service: \`ses\`: ${service.knowledge.catalog.serviceName('ses')}`,
        'Region: `eu-west-2`: Europe (London)',
        'Account: `123456789012`',
        'Resource type: `identity` (`arn:${Partition}:ses:${Region}:${Account}:identity/${IdentityName}`)',
        "Applies to this statement's `ses:SendRawEmail`",
        'Not to `ses:GetAccount`',
      ],
    });
  });

  it('explains a condition key with its type, tag keys included', () => {
    const statement = '{"Statement":[{"Action":"ses:SendRawEmail","Condition":{"StringLikeIfExists":{';
    assertHover(`${statement}"ses:From|Address":"*@example.com"}}}]}`, {
      covers: '"ses:FromAddress"',
      contains: ['(String)', 'Filters access by the "From" address of a message'],
    });
    assertHover(`${statement}"aws:Principal|Tag/team":"mail"}}}]}`, { covers: '"aws:PrincipalTag/team"', contains: ['(String)', 'Global condition key'] });
  });

  it('explains a condition operator', () => {
    assertHover('{"Statement":[{"Condition":{"ForAnyValue:String|LikeIfExists":{}}}]}', {
      covers: '"ForAnyValue:StringLikeIfExists"',
      contains: ['String condition operator', 'wildcards', '`IfExists`', '`ForAnyValue:`'],
    });
  });

  it('explains element names and Effect values, from the opening quote on', () => {
    assertHover('{"Statement":[{|"Effect":"Allow"}]}', { covers: '"Effect"', contains: ['**Effect**', '"Allow" or "Deny"'] });
    assertHover('{"Statement":[{"Effect":"Allow|"}]}', { covers: '"Allow"', contains: ['**Allow**'] });
  });

  it('has nothing to say between tokens or about unknown actions', () => {
    noHover('{"Statement":[{"Effect"|:"Allow"}]}');
    noHover('{"Statement":[{"Effect":"Allow"}, |{}]}');
    noHover('{"Statement":[{"Action":"ses:No|SuchAction"}]}');
    noHover('|');
  });

  it('loads only the service it hovers', () => {
    const read: string[] = [];
    const source = fileDataSource(join(REPO, 'dist', 'data'));
    const knowledge = createKnowledge({ readJson: (path) => (read.push(path), source.readJson(path)) });
    assertHover('{"Statement":[{"Action":"ses:Send|RawEmail"}]}', { covers: '"ses:SendRawEmail"', contains: [] }, knowledge);
    assert.deepEqual(read.filter((p) => p.startsWith('iam/actions/')), ['iam/actions/ses.json']);
  });
});
