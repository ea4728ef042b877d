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
  /** Diagnostics with the user's severities applied; rules set to "off" are dropped. */
  doValidation(document: PolicyDocument, settings: PolicySettings): PolicyDiagnostic[];
  doComplete(document: PolicyDocument, offset: number, settings: PolicySettings, options: CompletionOptions): PolicyCompletionItem[];
  doHover(document: PolicyDocument, offset: number): PolicyHover | undefined;
  /** Quick fixes for the given diagnostics (as the editor passes them back). */
  getCodeActions(document: PolicyDocument, diagnostics: readonly PolicyDiagnostic[], settings: PolicySettings): PolicyCodeAction[];
  /** Every safe fix, applied until none is left. */
  fixAll(text: string, settings: PolicySettings): { text: string; fixed: { code: string; title: string }[] };
  readonly knowledge: Knowledge;
}

export function getLanguageService(knowledge: Knowledge): LanguageService {
  const service: LanguageService = {
    knowledge,
    parse: parsePolicyDocument,
    isPolicy: (document, path, settings) => isPolicyDocument(document, path, settings.files),
    doValidation(document, settings) {
      const diagnostics: PolicyDiagnostic[] = [];
      for (const diagnostic of validatePolicy(document, knowledge)) {
        const override = settings.rules[diagnostic.code];
        if (override === 'off') continue;
        diagnostics.push(override && isRuleCode(diagnostic.code) ? { ...diagnostic, severity: override } : diagnostic);
      }
      return diagnostics;
    },
    doComplete: (document, offset, settings, options) => doComplete(document, offset, settings, knowledge, options),
    doHover: (document, offset) => doHover(document, offset, knowledge),
    getCodeActions: (document, diagnostics, settings) => getCodeActions(document, diagnostics, settings, knowledge),
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
