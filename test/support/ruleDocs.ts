import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo';

/** docs/rules.md, whose examples the tests hold to what the service does. */
export const RULE_DOCS = readFileSync(join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');

/** The JSON blocks under a rule's heading, in order (bad first, then good); empty without a section. */
export function ruleExamples(code: string): string[] {
  const start = RULE_DOCS.indexOf(`### \`${code}\``);
  if (start < 0) return [];
  const end = RULE_DOCS.indexOf('\n#', start + 1);
  return [...RULE_DOCS.slice(start, end < 0 ? undefined : end).matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
}
