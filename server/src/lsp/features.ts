import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { minimalTextEdit, type PolicyCodeAction } from '../service/codeActions';
import type { PolicyCompletionItem, PolicyCompletionKind } from '../service/completion/items';
import { SOURCE, type PolicyDiagnostic } from '../service/diagnostics';
import type { PolicyHover } from '../service/hover/hover';
import type { AppliedReport, PolicyCodeLens } from '../service/readiness/readiness';
import { isRuleCode, type Severity } from '../service/rules';
import type { OffsetRange } from '../policy/tree';

/** Service results (offsets) to protocol shapes (line/character), and back for diagnostics. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.iamPolicy`;

const KINDS: Record<PolicyCompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  module: CompletionItemKind.Module,
  function: CompletionItemKind.Function,
  reference: CompletionItemKind.Reference,
  operator: CompletionItemKind.Operator,
  snippet: CompletionItemKind.Snippet,
  constant: CompletionItemKind.Constant,
  field: CompletionItemKind.Field,
};

export function toLspRange(document: TextDocument, range: OffsetRange) {
  return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
}

/**
 * `editor.action.triggerSuggest` (open completion again after a service prefix) is a VS Code
 * command; other editors answer an unknown command with an error or ignore it. So it goes only to
 * clients that name themselves after VS Code (Visual Studio Code, Code - OSS, code-server, VSCodium).
 */
export function runsVsCodeCommands(clientInfo: { readonly name: string } | undefined): boolean {
  return /cod(e|ium)/i.test(clientInfo?.name ?? '');
}

export function toCompletionItem(document: TextDocument, item: PolicyCompletionItem, retriggerCommand: boolean): CompletionItem {
  return {
    label: item.label,
    kind: KINDS[item.kind],
    ...(item.detail ? { detail: item.detail } : {}),
    ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
    sortText: item.sortText,
    ...(item.filterText ? { filterText: item.filterText } : {}),
    textEdit: { range: toLspRange(document, item.edit.range), newText: item.edit.newText },
    insertTextFormat: item.insertTextFormat === 'snippet' ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    ...(item.retrigger && retriggerCommand ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  };
}

export function toHover(document: TextDocument, hover: PolicyHover): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: toLspRange(document, hover.range) };
}

/** The editor hands our diagnostics back with a code action request; only ours are turned back. */
export function fromLspDiagnostics(document: TextDocument, diagnostics: readonly Diagnostic[]): PolicyDiagnostic[] {
  const severities: Severity[] = ['error', 'error', 'warning', 'information', 'hint'];
  return diagnostics.flatMap((d) => {
    const code = typeof d.code === 'string' ? d.code : '';
    if (d.source !== SOURCE || !isRuleCode(code)) return [];
    const range = { start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end) };
    const data = typeof d.data === 'object' && d.data !== null ? (d.data as PolicyDiagnostic['data']) : undefined;
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    return [{ code, severity: severities[d.severity ?? 1] ?? 'error', message, range, ...(data ? { data } : {}) }];
  });
}

export function toCodeAction(document: TextDocument, action: PolicyCodeAction, lspDiagnostics: readonly Diagnostic[]): CodeAction {
  const covered = new Set(action.diagnostics.map((d) => `${d.code}@${d.range.start}`));
  return {
    title: action.title,
    kind: CodeActionKind.QuickFix,
    ...(action.isPreferred ? { isPreferred: true } : {}),
    diagnostics: lspDiagnostics.filter((d) => covered.has(`${String(d.code)}@${document.offsetAt(d.range.start)}`)),
    edit: { changes: { [document.uri]: action.edits.map((edit) => ({ range: toLspRange(document, edit.range), newText: edit.newText })) } },
  };
}

/** One edit covering only what fix-all changed: the common prefix and suffix stay untouched. */
export function minimalEdit(document: TextDocument, before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const edit = minimalTextEdit(before, after);
  return { range: toLspRange(document, edit.range), newText: edit.newText };
}

/**
 * Server-side commands behind the readiness code lenses, announced in `executeCommandProvider`, so
 * they work in any LSP editor (vscode-languageclient registers them in VS Code by itself; the
 * client must not register the same ids). Arguments: `[uri, profileName]`.
 */
export const READINESS_DETAILS_COMMAND = 'iamPolicy.readiness.showDetails';
export const ADD_PERMISSIONS_COMMAND = 'iamPolicy.readiness.addMissingPermissions';

export function toCodeLens(document: TextDocument, lens: PolicyCodeLens): CodeLens {
  const command = lens.command === 'fix' ? ADD_PERMISSIONS_COMMAND : READINESS_DETAILS_COMMAND;
  return { range: toLspRange(document, lens.range), command: { title: lens.title, command, arguments: [document.uri, lens.profile] } };
}

/** The details a click on the summary lens shows: one line per permission (editors may show it as one paragraph). */
export function readinessMessage(reports: readonly AppliedReport[], profile: string): string | undefined {
  const report = reports.find((r) => r.report.profile.name === profile)?.report;
  if (!report) return undefined;
  const lines = report.results.map((r) => `${r.permission.action}${r.identity ? ` for ${r.identity}` : ''}: ${r.status}, ${r.why}.`);
  const targets = report.targets.length > 0 ? ` Checked for ${report.targets.map((t) => `"${t}"`).join(', ')}.` : '';
  return [`${report.summary}.${targets}`, ...lines].join('\n');
}

export function wantsKind(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}
