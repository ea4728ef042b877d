import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { LanguageService } from '../service/languageService';
import { validateInSlices } from '../service/validation/validate';
import { toLspDiagnostic } from './convert';
import type { DocumentCache } from './documentCache';
import type { SettingsStore } from './settingsStore';

/**
 * Pushes diagnostics after edits. An edit is validated at once, unless edits of this document arrive
 * faster than validating it costs: then the work waits for a pause as long as that cost (at most
 * MAX_DELAY_MS), so typing in a 10 MB file does not queue up validations while a 6 KB policy, or a
 * single edit in a big one, gets its diagnostics without any delay. Results are published with their
 * version and never for a version the user has already replaced.
 */
const MAX_DELAY_MS = 250;

/**
 * Parsing and validating stop about this often to let other messages in, so a 10 MB document never
 * holds up completion, hover or another document's diagnostics for long; a small one is done in one go.
 */
const SLICE_MS = 40;

export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly costs = new Map<string, number>();
  private readonly lastScheduled = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsStore,
    private readonly current: (uri: string) => TextDocument | undefined,
  ) {}

  schedule(document: TextDocument): void {
    this.cancel(document.uri);
    const now = performance.now();
    const cost = this.costs.get(document.uri) ?? 0;
    const previous = this.lastScheduled.get(document.uri);
    this.lastScheduled.set(document.uri, now);
    const busy = previous !== undefined && now - previous < cost;
    const delay = busy ? Math.min(MAX_DELAY_MS, Math.round(cost)) : 0;
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
    this.lastScheduled.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async validate(uri: string, version: number): Promise<void> {
    const settings = await this.settings.get(uri);
    // The connection handles one message per turn of the event loop: after a long validation, edits
    // that queued up meanwhile are let in before the work starts, and only the newest is validated.
    const pause = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return this.current(uri)?.version === version;
    };
    if (!(await pause())) return;
    const document = this.current(uri)!;
    const started = performance.now();
    // The document counts its lines on first use (130 ms at 50 MB): here, in a turn of its own,
    // rather than inside the next edit's handler, which needs them too.
    document.positionAt(0);
    if (!(await pause())) return;
    const parsed = await this.cache.getInSlices(document, SLICE_MS, pause);
    if (!parsed) return;
    const path = URI.parse(uri).path;
    let diagnostics: Diagnostic[] = [];
    if (settings.enable && this.service.isPolicy(parsed, path, settings)) {
      // The rules in slices; doValidation then finds their result ready and adds what it adds.
      if (!(await validateInSlices(parsed, this.service.knowledge, settings.rules, SLICE_MS, pause)) || !(await pause())) return;
      diagnostics = this.service.doValidation(parsed, settings, path).map((d) => toLspDiagnostic(document, d));
    }
    this.costs.set(uri, performance.now() - started);
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
