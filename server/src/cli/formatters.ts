import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type Severity } from '../service/rules';

/** One file's findings with line/column already computed (0-based). */
export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly ReportedDiagnostic[];
}

export interface ReportedDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: { readonly start: Position; readonly end: Position };
}

interface Position {
  readonly line: number;
  readonly character: number;
}

export type Format = 'text' | 'json' | 'sarif';

export function format(reports: readonly FileReport[], kind: Format, toolVersion: string): string {
  switch (kind) {
    case 'json':
      return JSON.stringify(reports, null, 2);
    case 'sarif':
      return JSON.stringify(toSarif(reports, toolVersion), null, 2);
    case 'text':
      return toText(reports);
  }
}

function toText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  const totals: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) {
    for (const d of report.diagnostics) {
      totals[d.severity]++;
      lines.push(`${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.message} [${d.code}]`);
    }
  }
  const files = reports.length;
  lines.push(
    `${files} file${files === 1 ? '' : 's'} checked: ${totals.error} error${totals.error === 1 ? '' : 's'}, ${totals.warning} warning${totals.warning === 1 ? '' : 's'}, ${totals.information} info, ${totals.hint} hint${totals.hint === 1 ? '' : 's'}`,
  );
  return lines.join('\n');
}

/** SARIF wants a URI reference: absolute paths become file URIs, relative ones stay relative. */
function toUriReference(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, as GitHub code scanning reads it; columns are 1-based there. */
function toSarif(reports: readonly FileReport[], toolVersion: string): object {
  const rules = Object.entries(RULES).map(([id, rule]) => ({
    id,
    shortDescription: { text: rule.summary },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
  }));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUriReference(report.file) },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'iam-policy-lint', version: toolVersion, rules } }, results }],
  };
}
