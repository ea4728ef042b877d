import { findPlaceholders, findPolicyVariables, parseArn, type ArnSegment, type ParsedArn } from '../../iam/arn';
import { closestMatches } from '../../iam/suggest';
import { hasWildcard } from '../../iam/wildcard';
import { stringsOf, type Statement } from '../../policy/model';
import type { StringValue } from '../../policy/tree';
import { innerRange } from '../diagnostics';
import type { ValidationContext } from './context';

/** Resource and NotResource strings: well-formed ARNs, filled-in templates, real regions and accounts. */
export function checkResources(ctx: ValidationContext, statement: Statement): void {
  for (const name of ['Resource', 'NotResource'] as const) {
    for (const value of stringsOf(statement.element(name)?.value)) checkResource(ctx, value);
  }
}

function checkResource(ctx: ValidationContext, value: StringValue): void {
  const text = value.value;
  if (text === '*') return;
  const placeholders = findPlaceholders(text);
  const arn = parseArn(text);
  if (!arn) {
    // A wildcard can stand for several segments (arn:aws:s3:*), so only a pattern without one is malformed.
    if (!text.startsWith('arn:') || !hasWildcard(text)) {
      const example = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';
      ctx.report('invalid-arn', value.range, `"${text}" is not a valid resource. Use "*" or an ARN of the form arn:partition:service:region:account-id:resource, such as "${example}".`);
    }
    return;
  }
  if (arn.partition.text === '' || arn.service.text === '') {
    ctx.report('invalid-arn', value.range, `"${text}" has an empty ${arn.partition.text === '' ? 'partition' : 'service'} segment. An ARN is arn:partition:service:region:account-id:resource.`);
    return;
  }
  for (const placeholder of placeholders) {
    const segment = segmentAt(arn, placeholder.start);
    ctx.report('arn-placeholder', innerRange(ctx.text, value, placeholder.start, placeholder.end), `"${placeholder.text}" is a template placeholder; AWS will look for a resource literally named so. Replace it with the real ${SEGMENT_WORDS[segment]}.`, {
      placeholder: placeholder.text,
      segment,
    });
  }
  const touched = (segment: ArnSegment) =>
    hasWildcard(segment.text) ||
    findPolicyVariables(segment.text).length > 0 ||
    placeholders.some((p) => p.start < segment.end && p.end > segment.start);
  const region = arn.region;
  if (region.text !== '' && !touched(region) && !ctx.knowledge.regions.find(region.text)) {
    const suggestions = closestMatches(region.text, ctx.knowledge.regions.all().map((r) => r.id), 3);
    const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
    ctx.report('unknown-region', innerRange(ctx.text, value, region.start, region.end), `"${region.text}" is not a known AWS region.${hint}`, {
      suggestions,
    });
  }
  const account = arn.account;
  if (account.text !== '' && !touched(account) && !/^\d{12}$/.test(account.text) && account.text !== 'aws') {
    ctx.report('invalid-account-id', innerRange(ctx.text, value, account.start, account.end), `"${account.text}" is not an AWS account ID. Use the 12-digit account ID, "*", or a policy variable such as \${aws:PrincipalAccount}.`);
  }
}

type SegmentName = 'region' | 'account' | 'other';

const SEGMENT_WORDS: Record<SegmentName, string> = {
  region: 'region, such as eu-west-2',
  account: '12-digit account ID',
  other: 'value',
};

function segmentAt(arn: ParsedArn, offset: number): SegmentName {
  if (offset >= arn.region.start && offset < arn.region.end) return 'region';
  if (offset >= arn.account.start && offset < arn.account.end) return 'account';
  return 'other';
}
