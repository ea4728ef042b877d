import { parseArn } from '../../iam/arn';
import { stringsOf } from '../../policy/model';
import type { PolicyDiagnostic } from '../diagnostics';
import { appendItems } from './arrayItems';
import { defaultAccountId, defaultRegion } from './arnPlaceholder';
import { quickFix, statementAt, type Fix, type FixContext } from './codeAction';
import { arrayStyle, defaultArrayStyle, objectStyle, renderArray } from './layout';
import { replace } from './textEdits';

/**
 * `resource-mismatch`: add the ARN template of the action's resource type to Resource, for the user
 * to finish. Offered only when the intent is clear: the statement has one action and that action
 * one required resource type (or only one at all). Neither preferred nor applied by fix-all: it widens
 * the grant, and the template's placeholders are the user's to fill.
 */
export function addResourceTemplate(ctx: FixContext, diagnostic: PolicyDiagnostic): Fix | undefined {
  const statement = statementAt(ctx, diagnostic);
  const names = diagnostic.data?.actions;
  const resource = statement?.element('Resource')?.value;
  if (!ctx.wellFormed || !statement || !resource || !names || names.length !== 1) return undefined;
  const actionValue = statement.element('Action')?.value;
  if (stringsOf(actionValue).length !== 1 || (actionValue?.kind === 'array' && actionValue.items.length !== 1)) return undefined;
  const { catalog } = ctx.knowledge;
  const action = catalog.matchActions(names[0]!)[0];
  if (!action) return undefined;
  const required = action.resourceTypes.filter((t) => t.required);
  const type = required.length === 1 ? required[0] : action.resourceTypes.length === 1 ? action.resourceTypes[0] : undefined;
  const template = type && catalog.getService(action.service)?.resourceTypes.get(type.name)?.arn;
  if (!type || !template) return undefined;

  const resources = stringsOf(resource);
  const partitions = new Set(resources.map((r) => parseArn(r.value)?.partition.text).filter((p) => p !== undefined && /^aws[a-z-]*$/.test(p)));
  const partition = partitions.size === 1 ? [...partitions][0]! : 'aws';
  const arn = template
    .replace(/\$\{Partition\}/g, partition)
    .replace(/\$\{Region\}/g, defaultRegion(ctx.settings) ?? '${Region}')
    .replace(/\$\{Account\}/g, defaultAccountId(ctx.settings) ?? '${Account}');
  const title = `Add the ${type.name} ARN "${arn}" to Resource`;
  const quoted = JSON.stringify(arn);

  const style = objectStyle(ctx.text, statement.node, ctx.layout);
  const spaced = style.keyValue.endsWith(' ');
  if (resource.kind === 'array') {
    const edits = appendItems(ctx.text, resource, [quoted], spaced ? ' ' : '', ctx.layout.eol);
    return edits ? { action: quickFix(title, [diagnostic], edits), safe: false } : undefined;
  }
  if (resource.kind !== 'string') return undefined;
  // Lay the new array out like the statement's Action array when it has one.
  const arrayLayout = actionValue?.kind === 'array' ? arrayStyle(ctx.text, actionValue, style.memberIndent, ctx.layout, spaced) : defaultArrayStyle(style.multiline, ctx.layout, spaced);
  const items = [ctx.text.slice(resource.range.start, resource.range.end), quoted];
  const edit = replace(resource.range, renderArray(items, arrayLayout, style.memberIndent, ctx.layout));
  return { action: quickFix(title, [diagnostic], [edit]), safe: false };
}
