import { example } from './workbench';

/** Texts the UI tests start from and expect, in the 4-space layout of the shipped examples. */

export const MERGED = example('wp-offload-ses-merged.json');
export const RESTRICTED = example('wp-offload-ses-restricted.json');

/** A policy whose one action is still empty: the server flags `""`, the JSON language features do not. */
export const EMPTY_ACTION = [
  '{',
  '    "Version": "2012-10-17",',
  '    "Statement": [',
  '        {',
  '            "Effect": "Allow",',
  '            "Action": "",',
  '            "Resource": "*"',
  '        }',
  '    ]',
  '}',
  '',
].join('\n');
