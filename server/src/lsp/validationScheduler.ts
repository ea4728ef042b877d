import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { LanguageService } from '../service/languageService';
import { toLspDiagnostic } from './convert';
import type { DocumentCache } from './documentCache';
import type { SettingsStore } from './settingsStore';

/**
 * Pushes diagnostics after edits. The delay scales with what validating this document last cost, so
 * a 6 KB policy is checked at once while typing in a 1 MB file does not queue up work. Results are
 * published with their version and never for a version the user has already replaced.
 */
const MAX_DELAY_MS = 250;

export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly costs = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsStore,
    private readonly current: (uri: string) => TextDocument | undefined,
  ) {}

  schedule(document: TextDocument): void {
    this.cancel(document.uri);
    const delay = Math.min(MAX_DELAY_MS, Math.round(this.costs.get(document.uri) ?? 0));
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.validate(document.uri, document.version);
      }, delay),
    );
  }

  /** Re-check every open document, for example after a settings change. */
  scheduleAll(documents: readonly TextDocument[]): void {
    for (const document of documents) this.schedule(document);
  }

  clear(uri: string): void {
    this.cancel(uri);
    this.costs.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async validate(uri: string, version: number): Promise<void> {
    const settings = await this.settings.get(uri);
    const document = this.current(uri);
    if (!document || document.version !== version) return;
    const started = performance.now();
    const parsed = this.cache.get(document);
    const path = URI.parse(uri).path;
    const diagnostics =
      settings.enable && this.service.isPolicy(parsed, path, settings)
        ? this.service.doValidation(parsed, settings).map((d) => toLspDiagnostic(document, d))
        : [];
    this.costs.set(uri, performance.now() - started);
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
