import * as assert from 'node:assert/strict';
import { ACCOUNT_RESOURCE, ANY, compilePattern, covers, displayResource, ONE, overlaps, resourceCoverage } from '../../../server/src/service/readiness/match';

/** ARN patterns against request resources whose unknown parts are holes. */
const pattern = (text: string) => compilePattern(text, true);

describe('readiness: ARN matching with unknown parts', () => {
  it('covers a hole only with a "*" (the pattern must match every filling)', () => {
    assert.equal(covers(pattern('identity/*'), `identity/${ANY}`), true);
    assert.equal(covers(pattern('identity/*.com'), `identity/${ANY}.com`), true);
    assert.equal(covers(pattern('identity/example.com'), `identity/${ANY}`), false);
    assert.equal(covers(pattern('identity/?'), `identity/${ANY}`), false);
    assert.equal(covers(pattern('identity/?'), `identity/${ONE}`), true);
  });

  it('overlaps when some filling matches', () => {
    assert.equal(overlaps(pattern('identity/example.com'), `identity/${ANY}`), true);
    assert.equal(overlaps(pattern('identity/*.org'), `identity/${ANY}.com`), false);
    assert.equal(overlaps(pattern('a:b'), `${ANY}`), false, 'a hole never holds a colon');
  });

  it('matches ARNs case-sensitively', () => {
    assert.equal(covers(pattern('arn:aws:ses:eu-west-2:1:identity/Example.com'), 'arn:aws:ses:eu-west-2:1:identity/example.com'), false);
  });

  it('takes ${*}, ${?} and ${$} as the literal characters and other ${...} as variables', () => {
    assert.equal(covers(pattern('a${*}'), 'a*'), true);
    assert.equal(covers(pattern('a${*}'), 'ab'), false);
    assert.equal(pattern('identity/${aws:username}').variable, '${aws:username}');
    assert.equal(compilePattern('identity/${aws:username}', false).variable, undefined);
  });

  it('answers all, some, depends or none for Resource, and the reverse for NotResource', () => {
    const subject = `identity/${ANY}`;
    assert.equal(resourceCoverage([pattern('identity/*')], subject, false), 'all');
    assert.equal(resourceCoverage([pattern('identity/a.com')], subject, false), 'some');
    assert.equal(resourceCoverage([pattern('identity/${aws:username}')], subject, false), 'depends');
    assert.equal(resourceCoverage([pattern('other/*')], subject, false), 'none');
    assert.equal(resourceCoverage([pattern('identity/*')], subject, true), 'none');
    assert.equal(resourceCoverage([pattern('other/*')], subject, true), 'all');
  });

  it('matches the account-level request only with "*"', () => {
    assert.equal(covers(pattern('*'), ACCOUNT_RESOURCE), true);
    assert.equal(covers(pattern('arn:aws:ses:*:*:*'), ACCOUNT_RESOURCE), false);
  });

  it('shows holes as the wildcards they stand for', () => {
    assert.equal(displayResource(`arn:aws:ses:${ANY}:${ANY}:identity/${ONE}`), 'arn:aws:ses:*:*:identity/?');
  });
});
