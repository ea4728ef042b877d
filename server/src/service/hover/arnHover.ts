import { parseArn } from '../../iam/arn';
import { patternsIntersect } from '../../iam/wildcard';
import type { TypedString } from '../../policy/cursor';
import type { Statement } from '../../policy/model';
import { variablesAsWildcards } from '../../iam/arn';
import { actionName, isAccountLevel } from '../../iam/catalog';
import { statementActions } from '../completion/statementFacts';
import type { Knowledge } from '../validation/context';
import type { PolicyHover } from './hover';

/** A Resource string: its ARN segments spelled out, the resource type it names and the actions it serves. */
export function hoverResource(knowledge: Knowledge, statement: Statement | undefined, at: TypedString): PolicyHover | undefined {
  const { catalog, regions } = knowledge;
  const actions = statementActions(catalog, statement);
  if (at.value === '*') {
    const scoped = actions.filter((a) => !isAccountLevel(a)).length;
    const note = scoped ? ` ${scoped} of this statement's actions could be scoped to ARNs instead.` : '';
    return { contents: `\`*\`: every resource. Actions without resource-level permissions need it.${note}`, range: at.token };
  }
  const arn = parseArn(at.value);
  if (!arn) return undefined;
  const lines = [`**ARN** \`${at.value}\``];
  const service = catalog.getService(arn.service.text);
  const region = arn.region.text;
  const regionName = region === '' ? 'none (a global resource)' : region.includes('*') ? `\`${region}\` (any matching region)` : regions.find(region) ? `\`${region}\`: ${regions.find(region)!.description}` : `\`${region}\` (not a known region)`;
  lines.push(
    [
      `- Partition: \`${arn.partition.text}\``,
      `- Service: \`${arn.service.text}\`${service ? `: ${service.name}` : ' (not a known service prefix)'}`,
      `- Region: ${regionName}`,
      `- Account: ${arn.account.text === '' ? 'none' : `\`${arn.account.text}\``}`,
      `- Resource: \`${arn.resource.text}\``,
    ].join('\n'),
  );
  if (!service) return { contents: lines.join('\n\n'), range: at.token };
  const pattern = variablesAsWildcards(at.value);
  const types = [...service.resourceTypes.values()].filter((type) => patternsIntersect(variablesAsWildcards(type.arn), pattern));
  if (types.length === 0) {
    lines.push(`Matches no resource type of ${service.name}.`);
  } else {
    const listed = types.slice(0, 5).map((t) => `\`${t.key}\` (\`${t.arn}\`)`);
    const more = types.length > 5 ? ` and ${types.length - 5} more` : '';
    lines.push(`Resource type${types.length === 1 ? '' : 's'}: ${listed.join(', ')}${more}`);
  }
  const keys = new Set(types.map((t) => t.key));
  const applies = actions.filter((a) => a.service === service.prefix && a.resourceTypes.some((t) => keys.has(t.name)));
  const accountLevel = actions.filter(isAccountLevel);
  if (applies.length) lines.push(`Applies to this statement's ${applies.map((a) => `\`${actionName(a)}\``).join(', ')}.`);
  else if (actions.length) lines.push("None of this statement's actions act on this resource.");
  if (accountLevel.length) {
    lines.push(`Not to ${accountLevel.map((a) => `\`${actionName(a)}\``).join(', ')}: no resource-level permissions, so they need \`"Resource": "*"\` in their own statement.`);
  }
  return { contents: lines.join('\n\n'), range: at.token };
}
