import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyDocument } from '../policy/model';

/**
 * Parsed documents by uri and version, so diagnostics, completion and hover on one version share
 * one parse. Small and evicting: editors keep few documents busy at once.
 */
export class DocumentCache {
  private readonly entries = new Map<string, { version: number; parsed: PolicyDocument }>();

  constructor(
    private readonly parse: (text: string) => PolicyDocument,
    private readonly capacity = 32,
  ) {}

  get(document: TextDocument): PolicyDocument {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) return entry.parsed;
    const parsed = this.parse(document.getText());
    this.entries.delete(document.uri);
    this.entries.set(document.uri, { version: document.version, parsed });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
