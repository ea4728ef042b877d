import * as assert from 'node:assert/strict';
import { doComplete, type CompletionSettings, type PolicyCompletionItem } from '../../../server/src/service/completion/completion';
import { service } from '../service';

/** Helpers for completion tests: `|` marks the cursor; edits are applied and whole documents compared. */

export const NO_DEFAULTS: CompletionSettings = { defaultRegion: '', defaultAccountId: '' };

export interface At {
  readonly text: string;
  readonly offset: number;
}

export function at(textWithBar: string): At {
  const offset = textWithBar.indexOf('|');
  assert.ok(offset >= 0 && textWithBar.indexOf('|', offset + 1) < 0, 'exactly one | cursor marker');
  return { text: textWithBar.slice(0, offset) + textWithBar.slice(offset + 1), offset };
}

export interface CompleteOptions {
  readonly settings?: CompletionSettings;
  readonly snippetSupport?: boolean;
}

export function complete(textWithBar: string, options: CompleteOptions = {}): PolicyCompletionItem[] {
  const { text, offset } = at(textWithBar);
  return doComplete(service.parse(text), offset, options.settings ?? NO_DEFAULTS, service.knowledge, {
    snippetSupport: options.snippetSupport ?? true,
  });
}

/** The labels in the order a client shows them (by sortText, then label). */
export function labels(items: readonly PolicyCompletionItem[]): string[] {
  return [...items].sort(bySort).map((item) => item.label);
}

function bySort(a: PolicyCompletionItem, b: PolicyCompletionItem): number {
  return a.sortText.localeCompare(b.sortText) || a.label.localeCompare(b.label);
}

/** What a snippet leaves when every tab stop keeps its default: `${1:x}` -> x, `${1|a,b|}` -> a, `$1` -> ''. */
export function expandSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i]!;
    if (ch === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
    } else if (ch === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (ch === '$' && snippet[i + 1] === '{') {
      const close = findClose(snippet, i + 2);
      const body = snippet.slice(i + 2, close);
      const choice = body.match(/^\d+\|([^,|]*)/);
      const placeholder = body.match(/^\d+:([\s\S]*)$/);
      out += choice ? choice[1] : placeholder ? expandSnippet(placeholder[1]!) : '';
      i = close;
    } else {
      out += ch;
    }
  }
  return out;
}

/** The `}` closing a `${` whose body starts at `from`, escapes and nesting respected. */
function findClose(snippet: string, from: number): number {
  let depth = 1;
  for (let i = from; i < snippet.length; i++) {
    if (snippet[i] === '\\') i++;
    else if (snippet[i] === '$' && snippet[i + 1] === '{') depth++;
    else if (snippet[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unclosed placeholder in ${snippet}`);
}

export function applyItem(text: string, item: PolicyCompletionItem): string {
  const { range, newText } = item.edit;
  const inserted = item.insertTextFormat === 'snippet' ? expandSnippet(newText) : newText;
  return text.slice(0, range.start) + inserted + text.slice(range.end);
}

export interface ExpectedCompletion {
  readonly label: string;
  /** The whole document after the item's edit (snippets with their defaults). */
  readonly resultText: string;
}

/** Completes at `|`, finds the item by label, applies its edit and compares the whole document. */
export function assertCompletion(textWithBar: string, expected: ExpectedCompletion, options: CompleteOptions = {}): PolicyCompletionItem {
  const items = complete(textWithBar, options);
  const item = items.find((i) => i.label === expected.label);
  assert.ok(item, `no item "${expected.label}" among ${items.length}: ${labels(items).slice(0, 15).join(', ')}`);
  const { text, offset } = at(textWithBar);
  assert.ok(item.edit.range.start <= offset && offset <= item.edit.range.end, 'the edit range contains the cursor');
  assert.ok(!text.slice(item.edit.range.start, item.edit.range.end).includes('\n'), 'the edit range stays on one line');
  assert.equal(applyItem(text, item), expected.resultText);
  return item;
}

/** Completion offers none of these labels at `|`. */
export function assertNoCompletion(textWithBar: string, absent: readonly string[], options: CompleteOptions = {}): void {
  const present = new Set(complete(textWithBar, options).map((i) => i.label));
  for (const label of absent) assert.ok(!present.has(label), `"${label}" is offered`);
}
