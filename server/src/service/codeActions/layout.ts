import type { ArrayValue, ObjectValue } from '../../policy/tree';
import { hasLineBreak, lineIndent, startsLine } from './textEdits';

/**
 * How the document lays out an object or an array, read from an existing one, so that text a fix
 * writes (a new statement, an Action turned into an array) looks as if the user had typed it.
 */

export interface Layout {
  readonly eol: string;
  /** One indentation level: a tab or some spaces. */
  readonly unit: string;
}

export interface ObjectStyle {
  readonly multiline: boolean;
  /** Indentation of the members when multiline. */
  readonly memberIndent: string;
  readonly closeIndent: string;
  /** Between a key and its value, colon included (`": "`, `":"`). */
  readonly keyValue: string;
  /** Inline only: after `{`, between members (comma included) and before `}`. */
  readonly open: string;
  readonly separator: string;
  readonly close: string;
}

/** Array layout relative to the indentation of the member that holds the array. */
export interface ArrayStyle {
  readonly multiline: boolean;
  readonly itemDelta: string;
  readonly closeDelta: string;
  readonly open: string;
  readonly separator: string;
  readonly close: string;
}

const INLINE_SEPARATOR = /^[ \t]*,[ \t]*$/;
const INLINE_PAD = /^[ \t]*$/;

export function objectStyle(text: string, node: ObjectValue, layout: Layout): ObjectStyle {
  const members = node.members;
  const first = members[0];
  const keyValue = members.map((m) => (m.value ? text.slice(m.keyRange.end, m.value.range.start) : '')).find((gap) => /^[ \t]*:[ \t]*$/.test(gap)) ?? ': ';
  const spaced = keyValue.endsWith(' ');
  const baseIndent = lineIndent(text, node.range.start);
  if (first && hasLineBreak(text.slice(node.range.start + 1, first.keyRange.start))) {
    const memberIndent = startsLine(text, first.keyRange.start) ? lineIndent(text, first.keyRange.start) : baseIndent + layout.unit;
    const brace = node.range.end - 1;
    const closeIndent = text[brace] === '}' && startsLine(text, brace) ? lineIndent(text, brace) : baseIndent;
    return { multiline: true, memberIndent, closeIndent, keyValue, open: '', separator: '', close: '' };
  }
  const last = members[members.length - 1];
  const open = first ? text.slice(node.range.start + 1, first.keyRange.start) : '';
  const close = last ? text.slice(last.range.end, node.range.end - 1) : '';
  const between = members.length >= 2 ? text.slice(members[0]!.range.end, members[1]!.range.start) : '';
  return {
    multiline: false,
    memberIndent: baseIndent,
    closeIndent: baseIndent,
    keyValue,
    open: INLINE_PAD.test(open) ? open : '',
    separator: INLINE_SEPARATOR.test(between) ? between : spaced ? ', ' : ',',
    close: INLINE_PAD.test(close) ? close : '',
  };
}

/** Renders members (key, value text as written) as an object in the given style. */
export function renderObject(members: readonly (readonly [string, string])[], style: ObjectStyle, layout: Layout): string {
  const written = members.map(([key, value]) => `${JSON.stringify(key)}${style.keyValue}${value}`);
  if (!style.multiline) return `{${style.open}${written.join(style.separator)}${style.close}}`;
  const lead = layout.eol + style.memberIndent;
  return `{${lead}${written.join(`,${lead}`)}${layout.eol}${style.closeIndent}}`;
}

/** The style of an existing array held by a member indented by `memberIndent`. */
export function arrayStyle(text: string, array: ArrayValue, memberIndent: string, layout: Layout, spaced: boolean): ArrayStyle {
  const items = array.items;
  const first = items[0];
  if (first && hasLineBreak(text.slice(array.range.start + 1, first.range.start))) {
    const itemIndent = startsLine(text, first.range.start) ? lineIndent(text, first.range.start) : memberIndent + layout.unit;
    const bracket = array.range.end - 1;
    const closeIndent = text[bracket] === ']' && startsLine(text, bracket) ? lineIndent(text, bracket) : memberIndent;
    return {
      multiline: true,
      itemDelta: itemIndent.startsWith(memberIndent) && itemIndent !== memberIndent ? itemIndent.slice(memberIndent.length) : layout.unit,
      closeDelta: closeIndent.startsWith(memberIndent) ? closeIndent.slice(memberIndent.length) : '',
      open: '',
      separator: '',
      close: '',
    };
  }
  const last = items[items.length - 1];
  const open = first ? text.slice(array.range.start + 1, first.range.start) : '';
  const close = last ? text.slice(last.range.end, array.range.end - 1) : '';
  const between = items.length >= 2 ? text.slice(items[0]!.range.end, items[1]!.range.start) : '';
  return {
    ...defaultArrayStyle(false, layout, spaced),
    open: INLINE_PAD.test(open) ? open : '',
    separator: INLINE_SEPARATOR.test(between) ? between : spaced ? ', ' : ',',
    close: INLINE_PAD.test(close) ? close : '',
  };
}

export function defaultArrayStyle(multiline: boolean, layout: Layout, spaced: boolean): ArrayStyle {
  return { multiline, itemDelta: layout.unit, closeDelta: '', open: '', separator: spaced ? ', ' : ',', close: '' };
}

/** Renders item texts (as written) as an array held by a member indented by `memberIndent`. */
export function renderArray(items: readonly string[], style: ArrayStyle, memberIndent: string, layout: Layout): string {
  if (!style.multiline) return `[${style.open}${items.join(style.separator)}${style.close}]`;
  const lead = layout.eol + memberIndent + style.itemDelta;
  return `[${lead}${items.join(`,${lead}`)}${layout.eol}${memberIndent}${style.closeDelta}]`;
}
