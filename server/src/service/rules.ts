/**
 * Every rule the validator can report, with its default severity. Codes are stable: users set
 * severities and suppress by them (`iamPolicy.rules`), and quick fixes key on them.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly summary: string;
}

export const RULES = {
  // Syntax
  'json-syntax': { severity: 'error', summary: 'The document is not valid JSON.' },
  'trailing-comma': { severity: 'error', summary: 'A comma before a closing brace or bracket; JSON allows none, and IAM rejects the policy.' },
  'json-too-deep': { severity: 'error', summary: 'Nesting deeper than any IAM policy; the document is not analysed.' },
  'invalid-character': {
    severity: 'error',
    summary: 'A character IAM does not accept in a policy (only tab, line breaks and U+0020 to U+00FF are allowed).',
  },
  'too-many-problems': { severity: 'information', summary: 'More findings than one document reports; the rest are counted here.' },
  'duplicate-key': { severity: 'warning', summary: 'A key appears twice in one object; IAM reads only one of them.' },
  'invalid-type': { severity: 'error', summary: 'A policy element has a value of the wrong JSON type.' },
  // Policy grammar
  'missing-version': { severity: 'warning', summary: 'The policy has no Version; policy variables are then not evaluated.' },
  'invalid-version': { severity: 'error', summary: 'Version must be "2012-10-17" (or the legacy "2008-10-17").' },
  'missing-statement': { severity: 'error', summary: 'The policy has no Statement.' },
  'unknown-element': { severity: 'error', summary: 'An element name that IAM does not know (element names are case-sensitive).' },
  'missing-effect': { severity: 'error', summary: 'A statement has no Effect.' },
  'invalid-effect': { severity: 'error', summary: 'Effect must be exactly "Allow" or "Deny".' },
  'missing-action': { severity: 'error', summary: 'A statement has neither Action nor NotAction.' },
  'missing-resource': { severity: 'error', summary: 'An identity-policy statement has neither Resource nor NotResource.' },
  'conflicting-elements': { severity: 'error', summary: 'A statement has both an element and its Not form.' },
  'duplicate-sid': { severity: 'warning', summary: 'Two statements share a Sid.' },
  'invalid-sid': { severity: 'error', summary: 'A Sid in an identity policy may hold only ASCII letters and digits.' },
  // Actions
  'unknown-service': { severity: 'error', summary: 'The service prefix of an action is not an AWS service.' },
  'unknown-action': { severity: 'error', summary: 'The action does not exist, or a wildcard matches no action.' },
  'action-case': { severity: 'hint', summary: 'The action is valid but written with other casing than AWS documents.' },
  'duplicate-action': { severity: 'warning', summary: 'The same action is listed twice in one element.' },
  'account-action-in-scoped-statement': {
    severity: 'warning',
    summary: 'An action without resource-level permissions sits in a statement whose Resource is not "*"; AWS grants it nothing.',
  },
  'account-wildcard-in-scoped-statement': {
    severity: 'information',
    summary: 'A wildcard action in a scoped statement also matches actions without resource-level permissions; AWS grants those nothing there.',
  },
  'resource-mismatch': { severity: 'warning', summary: 'None of the action’s resource types can match any Resource of the statement.' },
  // ARNs
  'invalid-arn': { severity: 'error', summary: 'A Resource that is neither "*" nor a well-formed ARN.' },
  'arn-placeholder': { severity: 'warning', summary: 'An ARN still holds a template placeholder such as YOUR_REGION_HERE or ${Region}.' },
  'unknown-region': { severity: 'warning', summary: 'The region in an ARN is not a known AWS region.' },
  'invalid-account-id': { severity: 'warning', summary: 'The account in an ARN is not 12 digits, a wildcard or a policy variable.' },
  // Conditions
  'unknown-condition-operator': { severity: 'error', summary: 'A condition operator that IAM does not know.' },
  'unknown-condition-key': { severity: 'warning', summary: 'A condition key that no AWS service or the global context defines.' },
  'condition-key-not-applicable': {
    severity: 'information',
    summary: 'A service condition key that none of the statement’s actions supports.',
  },
  // Security
  'allow-with-not-action': { severity: 'warning', summary: 'Allow with NotAction grants every action not listed, across all services.' },
  'allow-with-not-resource': { severity: 'warning', summary: 'Allow with NotResource grants on every resource not listed.' },
  'passrole-wildcard-resource': { severity: 'warning', summary: 'iam:PassRole allowed on "*" lets the principal pass any role to any service.' },
  // Readiness profiles (iamPolicy.profiles)
  'profile-permission-missing': { severity: 'warning', summary: 'A permission the file’s readiness profile needs is not granted.' },
  'profile-permission-conditional': {
    severity: 'information',
    summary: 'A permission the file’s readiness profile needs is granted only under a Condition or policy variable.',
  },
} as const satisfies Record<string, Omit<RuleInfo, 'code'>>;

export type RuleCode = keyof typeof RULES;

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, code);
}
