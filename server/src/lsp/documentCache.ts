import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePolicyDocumentInSlices, type PolicyDocument } from '../policy/model';

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
    // The outdated tree can go before the new one is built: big documents need not fit twice.
    this.entries.delete(document.uri);
    const parsed = this.parse(document.getText());
    this.store(document.uri, document.version, parsed);
    return parsed;
  }

  private store(uri: string, version: number, parsed: PolicyDocument): void {
    this.entries.delete(uri);
    this.entries.set(uri, { version, parsed });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /**
   * `get`, parsing in slices of about `sliceMs` with `pause` between them (the same parse as the
   * service's, cut into pieces); undefined when `pause` answers false because the version is outdated.
   */
  async getInSlices(document: TextDocument, sliceMs: number, pause: () => Promise<boolean>): Promise<PolicyDocument | undefined> {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) return entry.parsed;
    const version = document.version;
    const parsed = await parsePolicyDocumentInSlices(document.getText(), sliceMs, pause);
    if (parsed) this.store(document.uri, version, parsed);
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
