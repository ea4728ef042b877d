import type { Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The range of the `occurrence`-th (0-based) appearance of `needle`, so tests never hard-code positions. */
export function rangeOf(document: TextDocument, needle: string, occurrence = 0): Range {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) is not in ${document.uri}`);
  }
  return { start: document.positionAt(offset), end: document.positionAt(offset + needle.length) };
}

/** What a reader sees of a diagnostic: its code, severity and the text it covers. */
export interface Seen {
  readonly code: string | number | undefined;
  readonly severity: number | undefined;
  readonly text: string;
}

export function seen(document: TextDocument, diagnostics: readonly Diagnostic[]): Seen[] {
  return diagnostics.map((d) => ({ code: d.code, severity: d.severity, text: document.getText(d.range) }));
}
