import type { PolicyDocument } from '../../policy/model';
import type { PolicyDiagnostic } from '../diagnostics';
import type { PolicySettings } from '../settings';
import type { Knowledge } from '../validation/context';
import type { PolicyCodeAction } from './codeAction';
import { getFixes } from './fixes';

/**
 * Quick fixes, keyed on `diagnostic.code` and reading `diagnostic.data`. Pure functions of the
 * document: each returns its edits in offsets, and the server converts them to a WorkspaceEdit.
 */

export type { PolicyCodeAction } from './codeAction';
export { applyEdits, minimalTextEdit, type TextEdit } from './textEdits';
export { fixAll } from './fixAll';

export function getCodeActions(
  document: PolicyDocument,
  diagnostics: readonly PolicyDiagnostic[],
  settings: PolicySettings,
  knowledge: Knowledge,
): PolicyCodeAction[] {
  return getFixes(document, diagnostics, settings, knowledge).map((fix) => fix.action);
}
