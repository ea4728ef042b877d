import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, normalizeSettings, type PolicySettings } from '../service/settings';

/**
 * Settings per document. Clients that support `workspace/configuration` are asked (per resource,
 * so folder settings apply); others send them with initialize or didChangeConfiguration.
 */
export class SettingsStore {
  private readonly perUri = new Map<string, Promise<PolicySettings>>();
  private global: PolicySettings = DEFAULT_SETTINGS;
  pull = false;

  constructor(private readonly connection: Connection) {}

  setGlobal(raw: unknown): void {
    this.global = normalizeSettings(raw);
    this.perUri.clear();
  }

  /** After a configuration change: forget pulled settings, and take pushed ones when given. */
  invalidate(pushed: unknown): void {
    if (pushed !== undefined) this.global = normalizeSettings(pushed);
    this.perUri.clear();
  }

  get(uri: string): Promise<PolicySettings> {
    if (!this.pull) return Promise.resolve(this.global);
    let settings = this.perUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'iamPolicy' })
        .then(normalizeSettings, () => this.global);
      this.perUri.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
  }
}
