import { IamCatalog } from '../iam/catalog';
import { bundledDataDirectory, fileDataSource, type IamDataSource } from '../iam/dataSource';
import { RegionCatalog } from '../iam/regions';
import { parsePolicyDocument, type PolicyDocument } from '../policy/model';
import type { PolicyDiagnostic } from './diagnostics';
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
  readonly knowledge: Knowledge;
}

export function getLanguageService(knowledge: Knowledge): LanguageService {
  return {
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
  };
}

export function createKnowledge(source: IamDataSource): Knowledge {
  return { catalog: new IamCatalog(source), regions: new RegionCatalog(source) };
}

/** Knowledge read from the data folder next to the bundle (dist/data), or another folder. */
export function createFileKnowledge(directory = bundledDataDirectory()): Knowledge {
  return createKnowledge(fileDataSource(directory));
}

export { RULES };
