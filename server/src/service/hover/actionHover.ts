import type { IamAction, IamCatalog, IamService } from '../../iam/catalog';
import { hasWildcard, matchesWildcard } from '../../iam/wildcard';
import type { TypedString } from '../../policy/cursor';
import type { OffsetRange } from '../../policy/tree';
import { serviceReferencePages } from '../completion/docs';
import { actionName, isAccountLevel } from '../../iam/catalog';
import type { PolicyHover } from './hover';

/** How many actions a wildcard hover lists before it says how many more there are. */
const LIST_LIMIT = 25;

/** An Action string: the service when the pointer is on the prefix, else the action or the pattern. */
export function hoverAction(catalog: IamCatalog, at: TypedString, offset: number): PolicyHover | undefined {
  const text = at.value;
  if (text === '*') return { contents: '`*`: every action of every AWS service.', range: at.token };
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const servicePart = text.slice(0, colon);
  const actionPart = text.slice(colon + 1);
  // Raw and decoded text differ only with escapes, which action names never need.
  const rawPrefix: OffsetRange = { start: at.replace.start, end: at.replace.start + colon };
  if (hasWildcard(servicePart)) return hoverServicePattern(catalog, servicePart, at.token);
  const service = catalog.getService(servicePart);
  if (!service) return undefined;
  if (offset >= rawPrefix.start && offset < rawPrefix.end) return { contents: serviceContents(service), range: rawPrefix };
  if (hasWildcard(actionPart)) return { contents: wildcardContents(service, text, actionPart), range: at.token };
  const action = service.findAction(actionPart);
  if (!action) return undefined;
  return { contents: actionContents(catalog, service, action, text), range: at.token };
}

function serviceLink(service: IamService): string {
  const pages = serviceReferencePages(service.prefix, service.name);
  if (pages.length === 1) return `[${pages[0].title} in the Service Authorization Reference](${pages[0].url})`;
  return `In the Service Authorization Reference: ${pages.map((page) => `[${page.title}](${page.url})`).join(', ')}`;
}

function serviceContents(service: IamService): string {
  const accountLevel = service.actions.filter(isAccountLevel).length;
  return [
    `**${service.prefix}**: ${service.name}`,
    `${service.actions.length} actions, ${service.resourceTypes.size} resource types, ${service.conditionKeys.length} condition keys; ${accountLevel} actions support no resource-level permissions.`,
    serviceLink(service),
  ].join('\n\n');
}

export function actionContents(catalog: IamCatalog, service: IamService, action: IamAction, written: string): string {
  const canonical = actionName(action);
  const lines = [`**${canonical}** (${service.name})`, action.description, `Access level: **${action.accessLevel}**`];
  if (written !== canonical) lines.push(`IAM matches action names case-insensitively; AWS documents this one as \`${canonical}\`.`);
  if (isAccountLevel(action)) {
    lines.push(
      `Supports no resource-level permissions: it needs \`"Resource": "*"\`. Put it in its own statement, apart from actions scoped to ARNs, or a scoped statement grants nothing for it.`,
    );
  } else {
    const types = action.resourceTypes.map((type) => {
      const arn = catalog.getService(action.service)?.resourceTypes.get(type.name)?.arn ?? '';
      return `- \`${type.name}\`${type.required ? ' (required)' : ''}: \`${arn}\``;
    });
    lines.push(`Resource types:\n${types.join('\n')}`);
  }
  const keys = [...new Set([...action.conditionKeys, ...action.resourceTypes.flatMap((t) => t.conditionKeys)])];
  if (keys.length) lines.push(`Condition keys: ${keys.map((k) => `\`${k}\``).join(', ')}`);
  const dependent = [...new Set([...action.dependentActions, ...action.resourceTypes.flatMap((t) => t.dependentActions)])];
  if (dependent.length) lines.push(`Dependent actions: ${dependent.map((k) => `\`${k}\``).join(', ')}`);
  lines.push(serviceLink(service));
  return lines.join('\n\n');
}

function wildcardContents(service: IamService, written: string, actionPart: string): string {
  const matched = service.actions.filter((action) => matchesWildcard(actionPart, action.name));
  if (matched.length === 0) return `\`${written}\` matches no action of ${service.name}.`;
  const accountLevel = matched.filter(isAccountLevel).length;
  const shown = matched.slice(0, LIST_LIMIT).map((a) => `- \`${actionName(a)}\` (${a.accessLevel}${isAccountLevel(a) ? ', needs "*"' : ''})`);
  const more = matched.length > LIST_LIMIT ? [`- ... and ${matched.length - LIST_LIMIT} more`] : [];
  const lines = [
    `**${written}** matches **${matched.length}** action${matched.length === 1 ? '' : 's'} of ${service.name}.`,
    [...shown, ...more].join('\n'),
  ];
  if (accountLevel) {
    lines.push(`${accountLevel} of them support no resource-level permissions and take effect only with \`"Resource": "*"\`.`);
  }
  lines.push(serviceLink(service));
  return lines.join('\n\n');
}

/** `s?s:Send*`: only the matching prefixes are named; loading every service for a hover is too much. */
function hoverServicePattern(catalog: IamCatalog, servicePart: string, range: OffsetRange): PolicyHover {
  const prefixes = catalog.servicePrefixes().filter((prefix) => matchesWildcard(servicePart, prefix));
  const names = prefixes.slice(0, LIST_LIMIT).map((p) => `- \`${p}\`: ${catalog.serviceName(p) ?? p}`);
  const more = prefixes.length > LIST_LIMIT ? [`- ... and ${prefixes.length - LIST_LIMIT} more`] : [];
  return {
    contents: `\`${servicePart}\` matches ${prefixes.length} service prefix${prefixes.length === 1 ? '' : 'es'}.\n\n${[...names, ...more].join('\n')}`,
    range,
  };
}
