/**
 * The WP Offload SES policy as the vendor documents it: identity management and sending may be scoped
 * to identity ARNs; `ses:GetAccount` and `ses:ListEmailIdentities` support no resource-level
 * permissions and so stay in their own `"Resource": "*"` statement.
 *
 * Dependency-free on purpose: the VS Code client bundles this module for its "New WP Offload SES
 * Policy" command, and the server's snippets use the same action lists, so the two cannot drift.
 */

export const IDENTITY_ACTIONS: readonly string[] = ['ses:CreateEmailIdentity', 'ses:DeleteEmailIdentity'];
export const SEND_ACTIONS: readonly string[] = ['ses:SendRawEmail'];
export const ACCOUNT_ACTIONS: readonly string[] = ['ses:GetAccount', 'ses:ListEmailIdentities'];

export interface StatementTemplate {
  readonly sid: string;
  readonly actions: readonly string[];
  /** The identity ARN for scoped statements, `*` for the account-level one. */
  readonly resource: string;
}

/** The three statements, scoped to `identityResource` (an identity ARN, or `*` for the basic policy). */
export function wpOffloadSesStatements(identityResource: string): StatementTemplate[] {
  return [
    { sid: 'IdentityManagement', actions: IDENTITY_ACTIONS, resource: identityResource },
    { sid: 'SendEmail', actions: SEND_ACTIONS, resource: identityResource },
    { sid: 'AccountLevel', actions: ACCOUNT_ACTIONS, resource: '*' },
  ];
}

export interface IdentityTarget {
  /** The ARN partition of the region: `aws`, `aws-cn`, `aws-us-gov`, ... */
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** A domain (`example.com`) or an email address (`mail@example.com`). */
  readonly identity: string;
}

export function identityArn(target: IdentityTarget): string {
  return `arn:${target.partition}:ses:${target.region}:${target.accountId}:identity/${target.identity}`;
}

/** The restricted policy as a JSON value, ready for `JSON.stringify` with the editor's indentation. */
export function restrictedWpOffloadSesPolicy(target: IdentityTarget): object {
  return {
    Version: '2012-10-17',
    Statement: wpOffloadSesStatements(identityArn(target)).map((s) => ({
      Sid: s.sid,
      Effect: 'Allow',
      Action: s.actions.length === 1 ? s.actions[0] : [...s.actions],
      Resource: s.resource,
    })),
  };
}

/** Why `value` is not an AWS account id, or undefined when it is one. */
export function accountIdProblem(value: string): string | undefined {
  return /^\d{12}$/.test(value.trim()) ? undefined : 'An AWS account ID is exactly 12 digits, for example 123456789012.';
}

// SES identities are verified domains or email addresses. IAM policies allow only U+0020-U+00FF, so an
// internationalised domain has to be given in its ASCII (punycode, xn--) form.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$`, 'i');
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/i;

/** Why `value` is not an SES identity (domain or email address), or undefined when it is one. */
export function identityProblem(value: string): string | undefined {
  const text = value.trim();
  if (!text) return 'Enter the domain (example.com) or email address (mail@example.com) WP Offload SES sends from.';
  if (/[^\x20-\x7e]/.test(text)) return 'Use ASCII only: give an internationalised domain in its xn-- (punycode) form.';
  const at = text.lastIndexOf('@');
  const domain = at < 0 ? text : text.slice(at + 1);
  if (at >= 0 && !LOCAL_PART.test(text.slice(0, at))) return `"${text.slice(0, at)}" is not a valid local part of an email address.`;
  if (domain.length > 253 || !DOMAIN.test(domain)) return `"${domain}" is not a domain name like example.com.`;
  return undefined;
}
