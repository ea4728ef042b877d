import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE, type PolicyDiagnostic } from '../service/diagnostics';
import type { Severity } from '../service/rules';

/** Offsets inside, line/column at the edge: the one place service results become LSP shapes. */
const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(document: TextDocument, diagnostic: PolicyDiagnostic): Diagnostic {
  return {
    range: { start: document.positionAt(diagnostic.range.start), end: document.positionAt(diagnostic.range.end) },
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    source: SOURCE,
    message: diagnostic.message,
    ...(diagnostic.data ? { data: diagnostic.data } : {}),
  };
}
