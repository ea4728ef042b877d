/**
 * Whole documents the real-editor tests expect, shared by the suite (in the extension host) and the UI
 * tests (in Node): plain strings, so this module imports nothing of either side.
 */

const ARN = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';

/** The merged example after the split fix: the same text test/unit/codeActions/moveAccountActions.test.ts expects. */
export const MERGED_FIXED = [
  '{',
  '    "Version": "2012-10-17",',
  '    "Statement": [',
  '        {',
  '            "Sid": "OffloadSes",',
  '            "Effect": "Allow",',
  '            "Action": [',
  '                "ses:CreateEmailIdentity",',
  '                "ses:DeleteEmailIdentity",',
  '                "ses:SendRawEmail"',
  '            ],',
  `            "Resource": "${ARN}"`,
  '        },',
  '        {',
  '            "Sid": "AccountLevel",',
  '            "Effect": "Allow",',
  '            "Action": [',
  '                "ses:GetAccount",',
  '                "ses:ListEmailIdentities"',
  '            ],',
  '            "Resource": "*"',
  '        }',
  '    ]',
  '}',
  '',
].join('\n');

/** The "IAM policy" snippet of dist/snippets/iam-policy.code-snippets expanded with its defaults (first Effect choice). */
export const IAM_POLICY_SNIPPET = [
  '{',
  '    "Version": "2012-10-17",',
  '    "Statement": [',
  '        {',
  '            "Sid": "StatementId",',
  '            "Effect": "Allow",',
  '            "Action": "",',
  '            "Resource": ""',
  '        }',
  '    ]',
  '}',
].join('\n');

/** The title of the split fix for the merged example. */
export const MOVE_BOTH = 'Move "ses:GetAccount" and "ses:ListEmailIdentities" to their own statement with "Resource": "*"';
