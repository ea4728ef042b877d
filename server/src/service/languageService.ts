import { IamCatalog } from '../iam/catalog';
import { bundledDataDirectory, fileDataSource, type IamDataSource } from '../iam/dataSource';
import { RegionCatalog } from '../iam/regions';
import { parsePolicyDocument, type PolicyDocument } from '../policy/model';
import { fixAll, getCodeActions, type PolicyCodeAction } from './codeActions';
import { doComplete } from './completion/completion';
import type { CompletionOptions, PolicyCompletionItem } from './completion/items';
import type { PolicyDiagnostic } from './diagnostics';
import { doHover, type PolicyHover } from './hover/hover';
import { isPolicyDocument } from './policyFiles';
import { fixProfile, getCodeLenses, getReadiness, readinessCodeActions, readinessDiagnostics, type AppliedReport, type PolicyCodeLens } from './readiness/readiness';
import { isRuleCode, RULES } from './rules';
import type { PolicySettings } from './settings';
import type { Knowledge } from './validation/context';
import { validatePolicy } from './validation/validate';

/**
 * The pure language service: functions of a document (and later a position), no LSP anywhere.
 * The server, the CLI and the tests all call it.
 */
export interface LanguageService {
  parse(text: string): PolicyDocument;
  /** Whether we speak for this document at all. `path` is a file path or a URI's path. */
  isPolicy(document: PolicyDocument, path: string, settings: PolicySettings): boolean;
  /**
   * Diagnostics with the user's severities applied; rules set to "off" are dropped. With the file's
   * `path`, also the readiness profiles that `iamPolicy.profiles` selects for it.
   */
  doValidation(document: PolicyDocument, settings: PolicySettings, path?: string): PolicyDiagnostic[];
  doComplete(document: PolicyDocument, offset: number, settings: PolicySettings, options: CompletionOptions): PolicyCompletionItem[];
  doHover(document: PolicyDocument, offset: number): PolicyHover | undefined;
  /** Quick fixes for the given diagnostics (as the editor passes them back). */
  getCodeActions(document: PolicyDocument, diagnostics: readonly PolicyDiagnostic[], settings: PolicySettings): PolicyCodeAction[];
  /** Readiness profiles that apply to the file, each checked against the policy. */
  getReadiness(document: PolicyDocument, path: string, settings: PolicySettings): AppliedReport[];
  getCodeLenses(document: PolicyDocument, path: string, settings: PolicySettings): PolicyCodeLens[];
  /** The text with the profile's missing permissions added; undefined when there is nothing to add. */
  fixProfile(document: PolicyDocument, profile: string, settings: PolicySettings): string | undefined;
  /** Every safe fix, applied until none is left. */
  fixAll(text: string, settings: PolicySettings): { text: string; fixed: { code: string; title: string }[] };
  readonly knowledge: Knowledge;
}

export function getLanguageService(knowledge: Knowledge): LanguageService {
  const service: LanguageService = {
    knowledge,
    parse: parsePolicyDocument,
    isPolicy: (document, path, settings) => isPolicyDocument(document, path, settings.files),
    doValidation(document, settings, path) {
      const diagnostics: PolicyDiagnostic[] = [];
      const found = validatePolicy(document, knowledge, settings.rules);
      if (path !== undefined) found.push(...readinessDiagnostics(document, path, settings, knowledge));
      for (const diagnostic of found) {
        const override = settings.rules[diagnostic.code];
        if (override === 'off') continue;
        diagnostics.push(override && isRuleCode(diagnostic.code) ? { ...diagnostic, severity: override } : diagnostic);
      }
      return diagnostics;
    },
    doComplete: (document, offset, settings, options) => doComplete(document, offset, settings, knowledge, options),
    doHover: (document, offset) => doHover(document, offset, knowledge),
    getCodeActions: (document, diagnostics, settings) => [
      ...getCodeActions(document, diagnostics, settings, knowledge),
      ...readinessCodeActions(document, diagnostics, settings, knowledge),
    ],
    getReadiness: (document, path, settings) => getReadiness(document, path, settings, knowledge),
    getCodeLenses: (document, path, settings) => getCodeLenses(document, path, settings, knowledge),
    fixProfile: (document, profile, settings) => fixProfile(document, profile, settings, knowledge),
    fixAll: (text, settings) => fixAll(text, service, settings),
  };
  return service;
}

export function createKnowledge(source: IamDataSource): Knowledge {
  return { catalog: new IamCatalog(source), regions: new RegionCatalog(source) };
}

/** Knowledge read from the data folder next to the bundle (dist/data), or another folder. */
export function createFileKnowledge(directory = bundledDataDirectory()): Knowledge {
  return createKnowledge(fileDataSource(directory));
}

export { RULES };
