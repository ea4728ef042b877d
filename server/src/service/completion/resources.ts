import type { RegionCatalog } from '../../iam/regions';
import type { TypedString } from '../../policy/cursor';
import type { Statement } from '../../policy/model';
import type { Knowledge } from '../validation/context';
import {
  escapeJson,
  escapeSnippet,
  sortKey,
  stringEdit,
  type CompletionOptions,
  type CompletionSettings,
  type PolicyCompletionItem,
} from './items';
import { isAccountLevel } from '../../iam/catalog';
import { resourceTypesOf, statementActions, type UsedResourceType } from './statementFacts';

/**
 * Resource strings: the ARN templates of the resource types the statement's actions act on, with
 * tab stops, and "*"; inside an ARN's region segment, the regions.
 */
export function completeResources(
  knowledge: Knowledge,
  statement: Statement | undefined,
  at: TypedString,
  settings: CompletionSettings,
  options: CompletionOptions,
): PolicyCompletionItem[] {
  const region = regionSegment(at);
  if (region) return completeRegions(knowledge.regions, region, at.prefix.split(':')[1] ?? '', settings);
  const actions = statementActions(knowledge.catalog, statement);
  const types = resourceTypesOf(knowledge.catalog, actions);
  const items = types.map((used, index) => templateItem(knowledge.regions, used, index, at, settings, options));
  const onlyAccountLevel = actions.length > 0 && actions.every(isAccountLevel);
  const accountLevel = actions.filter(isAccountLevel).map((a) => `${a.service}:${a.name}`);
  items.push({
    label: '*',
    kind: 'value',
    detail: 'All resources',
    documentation: accountLevel.length
      ? `Every resource. Required by actions that support no resource-level permissions: ${accountLevel.slice(0, 5).map((n) => `\`${n}\``).join(', ')}${accountLevel.length > 5 ? ', ...' : ''}. Keep those in a statement of their own.`
      : 'Every resource the actions can act on.',
    sortText: sortKey(onlyAccountLevel ? 0 : 2, 0),
    edit: stringEdit(at, '*'),
    insertTextFormat: 'plain',
  });
  return items;
}

function templateItem(
  regions: RegionCatalog,
  used: UsedResourceType,
  index: number,
  at: TypedString,
  settings: CompletionSettings,
  options: CompletionOptions,
): PolicyCompletionItem {
  const partition = (settings.defaultRegion && regions.find(settings.defaultRegion)?.partition) || 'aws';
  const defaults: Record<string, string> = { Partition: partition };
  if (settings.defaultRegion) defaults.Region = settings.defaultRegion;
  if (/^\d{12}$/.test(settings.defaultAccountId)) defaults.Account = settings.defaultAccountId;
  const arn = used.type.arn;
  // Display and plain text keep `${Name}` for what is still to fill in; the arn-placeholder rule flags it.
  const display = arn.replace(/\$\{([^}]*)\}/g, (whole: string, name: string) => defaults[name] ?? whole);
  let stop = 0;
  const snippet = splitTemplate(arn)
    .map((part) => {
      if (part.variable === undefined) return escapeSnippet(escapeJson(part.text));
      if (part.variable === 'Partition') return partition;
      stop++;
      // An untouched tab stop leaves `${Name}`, which the arn-placeholder rule then points at.
      return `\${${stop}:${escapeSnippet(escapeJson(defaults[part.variable] ?? part.text))}}`;
    })
    .join('');
  const actions = used.actions.slice(0, 8).map((name) => `\`${name}\``).join(', ') + (used.actions.length > 8 ? ', ...' : '');
  return {
    label: display,
    kind: 'reference',
    detail: `${used.service} ${used.type.key}${used.required ? ' (required)' : ''}`,
    documentation: `ARN of a ${used.type.key} resource: \`${arn}\`\n\nUsed by ${actions}.`,
    sortText: sortKey(1, index),
    filterText: display,
    edit: stringEdit(at, options.snippetSupport ? snippet : escapeJson(display)),
    insertTextFormat: options.snippetSupport ? 'snippet' : 'plain',
  };
}

function splitTemplate(arn: string): { text: string; variable?: string }[] {
  const parts: { text: string; variable?: string }[] = [];
  let last = 0;
  for (const match of arn.matchAll(/\$\{([^}]*)\}/g)) {
    if (match.index > last) parts.push({ text: arn.slice(last, match.index) });
    parts.push({ text: match[0], variable: match[1] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < arn.length) parts.push({ text: arn.slice(last) });
  return parts;
}

/** The region segment of an ARN whose first three colons are typed, cursor in it. */
function regionSegment(at: TypedString): TypedString | undefined {
  if (!at.prefix.startsWith('arn:')) return undefined;
  const colons = at.prefix.split(':').length - 1;
  if (colons !== 3) return undefined;
  const start = at.prefix.lastIndexOf(':') + 1;
  const next = at.value.indexOf(':', start);
  const end = next < 0 ? at.value.length : next;
  const base = at.replace.start;
  return {
    ...at,
    prefix: at.prefix.slice(start),
    value: at.value.slice(start, end),
    replace: { start: base + start, end: base + end },
    // The region is inside the string: no quotes to add.
    openQuote: true,
    closeQuote: true,
  };
}

function completeRegions(regions: RegionCatalog, at: TypedString, partition: string, settings: CompletionSettings): PolicyCompletionItem[] {
  const all = regions.all();
  const known = all.some((r) => r.partition === partition);
  return all
    .filter((region) => !known || region.partition === partition)
    .map((region) => ({
      label: region.id,
      kind: 'constant' as const,
      detail: region.description,
      documentation: `${region.description}, partition ${region.partition}.`,
      sortText: sortKey(region.id === settings.defaultRegion ? 0 : 1, region.id),
      filterText: region.id,
      edit: stringEdit(at, region.id),
      insertTextFormat: 'plain' as const,
    }));
}
