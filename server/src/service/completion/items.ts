import type { KeyPosition, TypedString } from '../../policy/cursor';
import type { OffsetRange } from '../../policy/tree';
import type { PolicySettings } from '../settings';

/** A completion in offsets; the server maps `kind` to the protocol's CompletionItemKind. */
export type PolicyCompletionKind =
  | 'property'
  | 'value'
  | 'module'
  | 'function'
  | 'reference'
  | 'operator'
  | 'snippet'
  | 'constant'
  | 'field';

export interface PolicyCompletionItem {
  readonly label: string;
  readonly kind: PolicyCompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly sortText: string;
  readonly filterText?: string;
  readonly edit: { readonly range: OffsetRange; readonly newText: string };
  readonly insertTextFormat: 'plain' | 'snippet';
  /** Open completion again after inserting, e.g. actions after a service prefix. */
  readonly retrigger?: boolean;
}

export interface CompletionOptions {
  /** The client accepts snippet syntax (tab stops, placeholders, choices). */
  readonly snippetSupport: boolean;
}

export type CompletionSettings = Pick<PolicySettings, 'defaultRegion' | 'defaultAccountId'>;

/** Escapes text for a snippet, where `$`, `}` and `\` are syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (ch) => `\\${ch}`);
}

/** Escapes text for a JSON string. */
export function escapeJson(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * The edit that makes `content` the string at the cursor: quotes are added where the user has not
 * typed them, and a comma when another member follows. `content` is already JSON-escaped (and
 * snippet-escaped for snippet items).
 */
export function stringEdit(at: TypedString, content: string, keepOpen = false): PolicyCompletionItem['edit'] {
  const open = at.openQuote ? '' : '"';
  const close = at.closeQuote || keepOpen ? '' : `"${at.commaAfter ? ',' : ''}`;
  return { range: at.replace, newText: `${open}${content}${close}` };
}

/**
 * The edit that writes a member key, and its value when no colon follows yet. `value` is the text
 * after `": "` (a snippet for snippet items); empty leaves the user to type the value.
 */
export function keyEdit(at: KeyPosition, name: string, value: string): PolicyCompletionItem['edit'] {
  if (at.hasColon) return { range: at.replace, newText: `${at.openQuote ? '' : '"'}${name}${at.closeQuote ? '' : '"'}` };
  const open = at.openQuote ? '' : '"';
  const range = at.closeQuote ? { start: at.replace.start, end: at.token.end } : at.replace;
  const comma = value !== '' && at.commaAfter ? ',' : '';
  return { range, newText: `${open}${name}": ${value}${comma}` };
}

/** Sort keys that keep a chosen order among items VS Code would otherwise sort by label. */
export function sortKey(group: number, index: number | string): string {
  return typeof index === 'number' ? `${group}_${String(index).padStart(5, '0')}` : `${group}_${index}`;
}
