import { assertFix, lines } from './helpers';

const ARN = 'arn:aws:ses:eu-west-2:123456789012:identity/example.com';

describe('quick fix: move account-level actions, reusing or not an existing statement', () => {
  it('adds to an existing statement on "*" with the same Effect, turning its string Action into an array', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "Send",',
      '      "Effect": "Allow",',
      '      "Action": ["ses:SendRawEmail", "ses:GetAccount"],',
      `      "Resource": "${ARN}"`,
      '    },',
      '    { "Sid": "Everywhere", "Effect": "Allow", "Action": "ses:ListEmailIdentities", "Resource": "*" }',
      '  ]',
      '}',
    );
    assertFix(text, {
      title: 'Move "ses:GetAccount" to statement "Everywhere", which has "Resource": "*"',
      result: lines(
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Sid": "Send",',
        '      "Effect": "Allow",',
        '      "Action": ["ses:SendRawEmail"],',
        `      "Resource": "${ARN}"`,
        '    },',
        '    { "Sid": "Everywhere", "Effect": "Allow", "Action": ["ses:ListEmailIdentities", "ses:GetAccount"], "Resource": "*" }',
        '  ]',
        '}',
      ),
    });
  });

  it('appends to an existing Action array, skipping actions it already has', () => {
    const text = lines(
      '{',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": [',
      '        "ses:GetAccount",',
      '        "ses:SendRawEmail",',
      '        "ses:ListEmailIdentities"',
      '      ],',
      `      "Resource": ["${ARN}"]`,
      '    },',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": [',
      '        "ses:GetAccount"',
      '      ],',
      '      "Resource": ["*"]',
      '    }',
      '  ],',
      '  "Version": "2012-10-17"',
      '}',
    );
    assertFix(text, {
      title: 'Move "ses:GetAccount" and "ses:ListEmailIdentities" to statement 2, which has "Resource": "*"',
      result: lines(
        '{',
        '  "Statement": [',
        '    {',
        '      "Effect": "Allow",',
        '      "Action": [',
        '        "ses:SendRawEmail"',
        '      ],',
        `      "Resource": ["${ARN}"]`,
        '    },',
        '    {',
        '      "Effect": "Allow",',
        '      "Action": [',
        '        "ses:GetAccount",',
        '        "ses:ListEmailIdentities"',
        '      ],',
        '      "Resource": ["*"]',
        '    }',
        '  ],',
        '  "Version": "2012-10-17"',
        '}',
      ),
    });
  });

  it('does not reuse a "*" statement with another Effect or a Condition; copies the Condition verbatim', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "AccountLevel",',
      '      "Effect": "Deny",',
      '      "Action": "ses:GetAccount",',
      '      "Resource": "*"',
      '    },',
      '    {',
      '      "Sid": "InRegion",',
      '      "Effect": "Allow",',
      '      "Action": ["ses:SendRawEmail", "ses:GetAccount"], // both',
      `      "Resource": "${ARN}",`,
      '      "Condition": {',
      '        "StringEquals": { "aws:RequestedRegion": "eu-west-2" }',
      '      }',
      '    },',
      '    { "Effect": "Allow", "Action": "ses:ListEmailIdentities", "Resource": "*" }',
      '  ]',
      '}',
    );
    assertFix(text, {
      title: 'Move "ses:GetAccount" to its own statement with "Resource": "*"',
      result: lines(
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Sid": "AccountLevel",',
        '      "Effect": "Deny",',
        '      "Action": "ses:GetAccount",',
        '      "Resource": "*"',
        '    },',
        '    {',
        '      "Sid": "InRegion",',
        '      "Effect": "Allow",',
        '      "Action": ["ses:SendRawEmail"], // both',
        `      "Resource": "${ARN}",`,
        '      "Condition": {',
        '        "StringEquals": { "aws:RequestedRegion": "eu-west-2" }',
        '      }',
        '    },',
        '    {',
        '      "Sid": "AccountLevel2",',
        '      "Effect": "Allow",',
        '      "Action": "ses:GetAccount",',
        '      "Resource": "*",',
        '      "Condition": {',
        '        "StringEquals": { "aws:RequestedRegion": "eu-west-2" }',
        '      }',
        '    },',
        '    { "Effect": "Allow", "Action": "ses:ListEmailIdentities", "Resource": "*" }',
        '  ]',
        '}',
      ),
    });
  });

  const withConditions = (scoped: string, star: string) =>
    lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      `    { "Sid": "Send", "Effect": "Allow", "Action": ["ses:SendRawEmail", "ses:GetAccount"], "Resource": "${ARN}", "Condition": ${scoped} },`,
      `    { "Sid": "Everywhere", "Effect": "Allow", "Action": "ses:ListEmailIdentities", "Resource": "*", "Condition": ${star} }`,
      '  ]',
      '}',
    );

  it('reuses a "*" statement whose Condition is the same, however it is written', () => {
    const scoped = '{ "StringEquals": { "aws:RequestedRegion": "eu-west-2" }, "Bool": { "aws:SecureTransport": "true" } }';
    const star = '{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:RequestedRegion":"eu-west-2"}}';
    const text = withConditions(scoped, star);
    assertFix(text, {
      title: 'Move "ses:GetAccount" to statement "Everywhere", which has "Resource": "*"',
      preferred: true,
      result: text
        .replace('["ses:SendRawEmail", "ses:GetAccount"]', '["ses:SendRawEmail"]')
        .replace('"Action": "ses:ListEmailIdentities"', '"Action": ["ses:ListEmailIdentities", "ses:GetAccount"]'),
    });
  });

  it('does not reuse a "*" statement whose Condition differs, and copies the statement\'s own', () => {
    const scoped = '{ "StringEquals": { "aws:RequestedRegion": "eu-west-2" } }';
    const text = withConditions(scoped, '{ "StringEquals": { "aws:RequestedRegion": "us-east-1" } }');
    assertFix(text, {
      title: 'Move "ses:GetAccount" to its own statement with "Resource": "*"',
      result: text
        .replace('["ses:SendRawEmail", "ses:GetAccount"]', '["ses:SendRawEmail"]')
        .replace(
          `"Condition": ${scoped} },`,
          `"Condition": ${scoped} },\n    { "Sid": "AccountLevel", "Effect": "Allow", "Action": "ses:GetAccount", "Resource": "*", "Condition": ${scoped} },`,
        ),
    });
  });
});
