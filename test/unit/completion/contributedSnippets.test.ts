import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contributedSnippets } from '../../../server/src/service/completion/snippets';
import { assertDiagnostics, example, REPO, service } from '../service';
import { complete } from './helpers';

const AWS_REGIONS = service.knowledge.regions.all().filter((r) => r.partition === 'aws').map((r) => r.id);

/** What VS Code inserts when the user accepts every tab stop's default: first choice, placeholder text. */
function expandWithDefaults(body: readonly string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

describe('the snippets contributed to VS Code', () => {
  const file = contributedSnippets(AWS_REGIONS);

  it('are the server templates under the prefixes a user would guess', () => {
    assert.deepEqual(
      Object.entries(file).map(([name, s]) => `${s.prefix}: ${name}`),
      [
        'ses-wp-offload-basic: WP Offload SES policy (basic)',
        'ses-wp-offload-restricted: WP Offload SES policy (restricted)',
        'iam-policy: IAM policy',
        'iam-statement: IAM policy statement',
        'ses-send-statement: SES send statement',
        'ses-account-statement: SES account-level statement',
      ],
    );
  });

  it('offer every aws region as the choice, us-east-1 first, from the region data', () => {
    const restricted = file['WP Offload SES policy (restricted)']!.body.join('\n');
    const choice = /\$\{1\|([^|]*)\|\}/.exec(restricted)?.[1]?.split(',');
    assert.equal(choice?.[0], 'us-east-1');
    assert.deepEqual([...(choice ?? [])].sort(), [...AWS_REGIONS].sort());
    assert.ok(choice!.includes('eu-west-2') && choice!.includes('il-central-1'));
  });

  it('are what the server offers when no setting is given: same bodies, same first region', () => {
    const servers = [...complete('|'), ...complete('{"Statement":[|]}')];
    const bodies = Object.values(file).map((snippet) => snippet.body.join('\n'));
    assert.deepEqual(servers.map((item) => item.edit.newText), bodies);
  });

  it('expand the basic policy into the vendor\'s basic policy', () => {
    const text = expandWithDefaults(file['WP Offload SES policy (basic)']!.body);
    assert.deepEqual(JSON.parse(text), JSON.parse(example('wp-offload-ses-basic.json')));
    assertDiagnostics(text, []);
  });

  it('expand the restricted policy into the vendor layout, the account left for the user to fill', () => {
    const text = expandWithDefaults(file['WP Offload SES policy (restricted)']!.body);
    const vendor = example('wp-offload-ses-restricted.json').replace(/eu-west-2/g, 'us-east-1').replace(/123456789012/g, 'ACCOUNT_ID');
    assert.deepEqual(JSON.parse(text), JSON.parse(vendor));
    assertDiagnostics(text, [
      { code: 'invalid-account-id', text: 'ACCOUNT_ID' },
      { code: 'invalid-account-id', text: 'ACCOUNT_ID' },
    ]);
  });

  it('expand the statements into JSON objects with the account-level actions apart', () => {
    const account = JSON.parse(expandWithDefaults(file['SES account-level statement']!.body));
    assert.deepEqual(account, { Sid: 'AccountLevel', Effect: 'Allow', Action: ['ses:GetAccount', 'ses:ListEmailIdentities'], Resource: '*' });
    const send = JSON.parse(expandWithDefaults(file['SES send statement']!.body));
    assert.equal(send.Resource, 'arn:aws:ses:us-east-1:ACCOUNT_ID:identity/example.com');
  });

  it('are the file package.json contributes, for json and jsonc', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    const contributions: { language: string; path: string }[] = manifest.contributes.snippets;
    assert.deepEqual(contributions.map((c) => c.language), ['json', 'jsonc']);
    for (const c of contributions) {
      const built = JSON.parse(readFileSync(join(REPO, c.path), 'utf8'));
      assert.deepEqual(built, file, `${c.path} is what the build writes`);
    }
  });
});
