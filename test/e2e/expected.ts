import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whole documents the real-editor tests expect, shared by the suite (in the extension host) and the UI
 * tests (in Node): plain strings and Node's fs, so this module imports nothing of either side. The
 * path goes from out/test/e2e to the repository, where both run.
 */

/** The merged example after the split fix: the text the unit tests of the fix expect too. */
export const MERGED_FIXED = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'wp-offload-ses-merged.fixed.json'), 'utf8');

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
