import { findPlaceholders, findPolicyVariables, parseArn, type ArnSegment, type ParsedArn } from '../../iam/arn';
import { closestMatches } from '../../iam/suggest';
import { hasWildcard } from '../../iam/wildcard';
import type { Statement } from '../../policy/model';
import { innerRange, type DiagnosticData } from '../diagnostics';
import type { ValidationContext } from './context';

/** Resource and NotResource strings: well-formed ARNs, filled-in templates, real regions and accounts. */
export function checkResources(ctx: ValidationContext, statement: Statement): void {
  const findingsOf = ctx.cache<readonly ResourceFinding[]>('resource');
  for (const name of ['Resource', 'NotResource'] as const) {
    for (const value of ctx.strings(statement.element(name)?.value)) {
      // Policies repeat their ARNs; each distinct one is judged once.
      let findings = findingsOf.get(value.value);
      if (!findings) {
        findings = judgeResource(ctx, value.value);
        findingsOf.set(value.value, findings);
      }
      for (const finding of findings) {
        const range = finding.part ? innerRange(ctx.text, value, finding.part.start, finding.part.end) : value.range;
        ctx.report(finding.code, range, finding.message, finding.data);
      }
    }
  }
}

interface ResourceFinding {
  readonly code: 'invalid-arn' | 'arn-placeholder' | 'unknown-region' | 'invalid-account-id';
  /** The part of the string the finding is about, in the decoded value; the whole string when undefined. */
  readonly part: { readonly start: number; readonly end: number } | undefined;
  readonly message: string;
  readonly data: DiagnosticData | undefined;
}

function judgeResource(ctx: ValidationContext, text: string): ResourceFinding[] {
  if (text === '*') return [];
  const findings: ResourceFinding[] = [];
  const add = (code: ResourceFinding['code'], part: ResourceFinding['part'], message: string, data?: DiagnosticData) =>
    findings.push({ code, part, message, data });
  const placeholders = findPlaceholders(text);
  const arn = parseArn(text);
  if (!arn) {
    // A wildcard can stand for several segments (arn:aws:s3:*), so only a pattern without one is malformed.
    if (!text.startsWith('arn:') || !hasWildcard(text)) {
      const example = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';
      add('invalid-arn', undefined, `"${text}" is not a valid resource. Use "*" or an ARN of the form arn:partition:service:region:account-id:resource, such as "${example}".`);
    }
    return findings;
  }
  if (arn.partition.text === '' || arn.service.text === '') {
    add('invalid-arn', undefined, `"${text}" has an empty ${arn.partition.text === '' ? 'partition' : 'service'} segment. An ARN is arn:partition:service:region:account-id:resource.`);
    return findings;
  }
  for (const placeholder of placeholders) {
    const segment = segmentAt(arn, placeholder.start);
    add('arn-placeholder', placeholder, `"${placeholder.text}" is a template placeholder; AWS will look for a resource literally named so. Replace it with the real ${SEGMENT_WORDS[segment]}.`, {
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
    add('unknown-region', region, `"${region.text}" is not a known AWS region.${hint}`, { suggestions });
  }
  const account = arn.account;
  if (account.text !== '' && !touched(account) && !/^\d{12}$/.test(account.text) && account.text !== 'aws') {
    add('invalid-account-id', account, `"${account.text}" is not an AWS account ID. Use the 12-digit account ID, "*", or a policy variable such as \${aws:PrincipalAccount}.`);
  }
  return findings;
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
