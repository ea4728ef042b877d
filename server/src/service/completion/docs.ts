import { parseConditionOperator, type ConditionOperator } from '../../iam/conditionOperators';

/**
 * One-line documentation of the policy language itself (element names, condition operators): like
 * the operators, it is grammar rather than service data, so no data package carries it.
 */
export const ELEMENT_DOCS: Readonly<Record<string, string>> = {
  Version: 'The policy language version. Use "2012-10-17"; the older "2008-10-17" does not support policy variables.',
  Id: 'An optional identifier for the policy, such as a UUID.',
  Statement: 'The permission statements: one object, or an array of objects.',
  Sid: 'An optional statement ID, unique within the policy, that names the statement.',
  Effect: 'Whether the statement allows or denies the actions: "Allow" or "Deny".',
  Principal: 'Who the statement applies to. Only in resource-based policies (bucket, key or role trust policies), not in identity policies.',
  NotPrincipal: 'Everyone except the listed principals. Only in resource-based policies; rarely what you want.',
  Action: 'The actions the statement covers, written service:ActionName, such as "ses:SendRawEmail". Wildcards * and ? are allowed.',
  NotAction: 'Every action except the listed ones. With "Allow" this grants every other action in every service.',
  Resource: 'The resources the statement covers: ARNs, or "*" for all. Actions without resource-level permissions need "*".',
  NotResource: 'Every resource except the listed ones. With "Allow" this grants the actions on everything else.',
  Condition: 'When the statement applies: { "Operator": { "condition-key": value } }.',
};

const CATEGORY_DOCS: Readonly<Record<ConditionOperator['category'], string>> = {
  String: 'Compares the key with strings.',
  Numeric: 'Compares the key with numbers.',
  Date: 'Compares the key with dates (ISO 8601, or epoch seconds).',
  Bool: 'Compares the key with "true" or "false".',
  Binary: 'Compares the key with base64-encoded binary values.',
  IpAddress: 'Compares the key with IP addresses or CIDR ranges.',
  ARN: 'Compares the key with ARNs; ArnLike and ArnNotLike accept wildcards in each segment.',
  Null: 'Checks whether the key is absent ("true") or present ("false") in the request.',
};

const NAME_DOCS: Readonly<Record<string, string>> = {
  StringLike: 'Case-sensitive match with * and ? wildcards.',
  StringNotLike: 'Case-sensitive negated match with * and ? wildcards.',
  StringEqualsIgnoreCase: 'Exact match, ignoring case.',
  StringNotEqualsIgnoreCase: 'Negated exact match, ignoring case.',
};

/** Markdown for a condition operator as written (`ForAnyValue:StringLikeIfExists`), or undefined if it is none. */
export function operatorDoc(spelling: string): { detail: string; documentation: string } | undefined {
  const parsed = parseConditionOperator(spelling);
  if (!parsed) return undefined;
  const { operator, qualifier, ifExists } = parsed;
  const lines = [CATEGORY_DOCS[operator.category]];
  const named = NAME_DOCS[operator.name];
  if (named) lines.push(named);
  if (ifExists) lines.push('`IfExists`: the condition also holds when the key is absent from the request.');
  if (qualifier === 'ForAllValues:') {
    lines.push('`ForAllValues:` for multivalued keys: every value in the request must match one of the listed values (true when the request has none).');
  } else if (qualifier === 'ForAnyValue:') {
    lines.push('`ForAnyValue:` for multivalued keys: at least one value in the request must match one of the listed values.');
  }
  return { detail: `${operator.category} condition operator`, documentation: lines.join('\n\n') };
}

/** A page of the AWS Service Authorization Reference. */
export interface ReferencePage {
  readonly title: string;
  readonly url: string;
}

const REFERENCE_BASE = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';

/**
 * Services the reference documents on several pages under one prefix. The `ses` actions of the data
 * are SES v1's (list_amazonses.html, where ses:SendRawEmail is) merged with SES v2's; the data does
 * not say which page an action comes from, so both are linked.
 */
const SPLIT_REFERENCE: Readonly<Record<string, readonly ReferencePage[]>> = {
  ses: [
    { title: 'Amazon SES (API v1)', url: `${REFERENCE_BASE}list_amazonses.html` },
    { title: 'Amazon SES API v2', url: `${REFERENCE_BASE}list_amazonsimpleemailservicev2.html` },
  ],
};

/**
 * The service's pages in the AWS Service Authorization Reference. Derived, not looked up: the pages
 * are named list_<service name, non-alphanumerics removed, lower-cased>.html (Amazon S3 ->
 * list_amazons3.html), and the data package carries no URL; split services are listed above.
 */
export function serviceReferencePages(prefix: string, serviceName: string): readonly ReferencePage[] {
  const split = Object.hasOwn(SPLIT_REFERENCE, prefix) ? SPLIT_REFERENCE[prefix] : undefined;
  if (split) return split;
  const slug = serviceName.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  return [{ title: serviceName, url: `${REFERENCE_BASE}list_${slug}.html` }];
}
