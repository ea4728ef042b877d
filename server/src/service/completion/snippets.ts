import type { RegionCatalog } from '../../iam/regions';
import type { OffsetRange } from '../../policy/tree';
import { ACCOUNT_ACTIONS, SEND_ACTIONS, wpOffloadSesStatements, type StatementTemplate } from '../templates/wpOffloadSes';
import { sortKey, type CompletionSettings, type PolicyCompletionItem } from './items';

/**
 * Whole policies and statements as snippets. The WP Offload SES policies follow the vendor's
 * documentation: identity management and sending in statements that may be scoped to one identity,
 * the account-level actions (no resource-level permissions) in their own "Resource": "*" statement.
 */

interface Template {
  readonly label: string;
  /** Name and prefix of the same template in the snippets file contributed to VS Code (built by `contributedSnippets`). */
  readonly contributed: { readonly name: string; readonly prefix: string };
  readonly detail: string;
  readonly documentation: string;
  /** Lines of the snippet body, indented with tabs; `arn(n)` writes the identity ARN with tab stops from n. */
  readonly body: (arn: Arn) => string[];
}

/** The identity ARN, as tab stops numbered from `first`. */
type Arn = (first: number) => string;

function statement(sid: string, actions: readonly string[], resource: string): string[] {
  const list = actions.map((a, i) => `\t\t"${a}"${i < actions.length - 1 ? ',' : ''}`);
  const action = actions.length === 1 ? [`\t"Action": "${actions[0]}",`] : ['\t"Action": [', ...list, '\t],'];
  return ['{', `\t"Sid": "${sid}",`, '\t"Effect": "Allow",', ...action, `\t"Resource": "${resource}"`, '}'];
}

function wpOffloadSes(identityResource: string): string[] {
  return policy(wpOffloadSesStatements(identityResource).map((s: StatementTemplate) => statement(s.sid, s.actions, s.resource)));
}

function policy(statements: string[][]): string[] {
  const inner = statements.flatMap((lines, i) =>
    lines.map((line, j) => `\t\t${line}${j === lines.length - 1 && i < statements.length - 1 ? ',' : ''}`),
  );
  return ['{', '\t"Version": "2012-10-17",', '\t"Statement": [', ...inner, '\t]', '}'];
}

const POLICIES: readonly Template[] = [
  {
    label: 'WP Offload SES policy (basic)',
    contributed: { name: 'WP Offload SES policy (basic)', prefix: 'ses-wp-offload-basic' },
    detail: 'SES identity management, sending and account-level reads on "*"',
    documentation: 'The permissions WP Offload SES documents as its basic need, every statement on `"Resource": "*"`.',
    body: () => wpOffloadSes('*'),
  },
  {
    label: 'WP Offload SES policy (one identity and region)',
    contributed: { name: 'WP Offload SES policy (restricted)', prefix: 'ses-wp-offload-restricted' },
    detail: 'Identity management and sending limited to one SES identity',
    documentation:
      'Identity management and sending scoped to one identity in one region; the account-level actions stay in their own `"Resource": "*"` statement, because they support no resource-level permissions.',
    body: (arn) => wpOffloadSes(arn(1)),
  },
  {
    label: 'Empty IAM policy',
    contributed: { name: 'IAM policy', prefix: 'iam-policy' },
    detail: 'Version and one statement to fill in',
    documentation: 'A policy with the current language version and one statement skeleton.',
    body: () => policy([skeleton(1)]),
  },
];

function skeleton(first: number): string[] {
  return [
    '{',
    `\t"Sid": "\${${first}:StatementId}",`,
    `\t"Effect": "\${${first + 1}|Allow,Deny|}",`,
    `\t"Action": "$${first + 2}",`,
    `\t"Resource": "$${first + 3}"`,
    '}',
  ];
}

const STATEMENTS: readonly Template[] = [
  {
    label: 'IAM statement',
    contributed: { name: 'IAM policy statement', prefix: 'iam-statement' },
    detail: 'Sid, Effect, Action, Resource',
    documentation: 'A statement skeleton.',
    body: () => skeleton(1),
  },
  {
    label: 'SES send statement',
    contributed: { name: 'SES send statement', prefix: 'ses-send-statement' },
    detail: 'ses:SendRawEmail on one identity',
    documentation: 'Sending with `ses:SendRawEmail`, scoped to one SES identity (a domain or an email address).',
    body: (arn) => statement('SendEmail', SEND_ACTIONS, arn(1)),
  },
  {
    label: 'SES account-level statement',
    contributed: { name: 'SES account-level statement', prefix: 'ses-account-statement' },
    detail: 'ses:GetAccount and ses:ListEmailIdentities on "*"',
    documentation:
      'Actions that support no resource-level permissions need `"Resource": "*"`; keep them in this statement of their own so the other statements can stay scoped.',
    body: () => statement('AccountLevel', ACCOUNT_ACTIONS, '*'),
  },
];

function identityArn(regions: RegionCatalog, settings: CompletionSettings): Arn {
  const ids = regions.all().filter((r) => r.partition === 'aws').map((r) => r.id);
  const preferred = settings.defaultRegion && ids.includes(settings.defaultRegion) ? settings.defaultRegion : FIRST_REGION;
  const account = /^\d{12}$/.test(settings.defaultAccountId) ? settings.defaultAccountId : ACCOUNT_PLACEHOLDER;
  return arnTemplate(ids, preferred, account);
}

/**
 * The region choice starts here when iamPolicy.defaultRegion is not set, in the server's snippets and
 * in the contributed file alike: us-east-1, SES's default region.
 */
export const FIRST_REGION = 'us-east-1';

/** Not a valid account id on purpose: a snippet accepted with its defaults gets a diagnostic right there. */
const ACCOUNT_PLACEHOLDER = 'ACCOUNT_ID';

function arnTemplate(regionIds: readonly string[], preferred: string, account: string): Arn {
  const choice = [preferred, ...regionIds.filter((id) => id !== preferred)].join(',');
  return (first) => `arn:aws:ses:\${${first}|${choice}|}:\${${first + 1}:${account}}:identity/\${${first + 2}:example.com}`;
}

export interface ContributedSnippet {
  readonly prefix: string;
  readonly description: string;
  readonly body: string[];
}

/**
 * The static snippets file VS Code loads for json and jsonc (`dist/snippets/`, written by the build
 * from the region data): the same templates as the server's snippet completions, so the two cannot
 * drift. The region choice lists the `aws` partition's regions, FIRST_REGION first (the file cannot
 * read the settings).
 */
export function contributedSnippets(awsRegionIds: readonly string[]): Record<string, ContributedSnippet> {
  const arn = arnTemplate(awsRegionIds, FIRST_REGION, ACCOUNT_PLACEHOLDER);
  const file: Record<string, ContributedSnippet> = {};
  for (const template of [...POLICIES, ...STATEMENTS]) {
    file[template.contributed.name] = { prefix: template.contributed.prefix, description: template.detail, body: template.body(arn) };
  }
  return file;
}

function items(templates: readonly Template[], arn: Arn, range: OffsetRange, wrap: (lines: string[]) => string[]): PolicyCompletionItem[] {
  return templates.map((template, index) => ({
    label: template.label,
    kind: 'snippet' as const,
    detail: template.detail,
    documentation: template.documentation,
    sortText: sortKey(0, index),
    edit: { range, newText: wrap(template.body(arn)).join('\n') },
    insertTextFormat: 'snippet' as const,
  }));
}

export function policySnippets(regions: RegionCatalog, settings: CompletionSettings, range: OffsetRange): PolicyCompletionItem[] {
  return items(POLICIES, identityArn(regions, settings), range, (lines) => lines);
}

export interface SlotShape {
  readonly commaBefore: boolean;
  readonly commaAfter: boolean;
  readonly wrapInArray: boolean;
}

export function statementSnippets(regions: RegionCatalog, settings: CompletionSettings, range: OffsetRange, shape: SlotShape): PolicyCompletionItem[] {
  return items(STATEMENTS, identityArn(regions, settings), range, (lines) => {
    const body = shape.wrapInArray ? ['[', ...lines.map((l) => `\t${l}`), ']'] : [...lines];
    if (shape.commaBefore) body[0] = `, ${body[0]}`;
    if (shape.commaAfter) body[body.length - 1] += ',';
    return body;
  });
}
