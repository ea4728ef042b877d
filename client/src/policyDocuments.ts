import { languages, workspace, type DocumentFilter, type TextDocument } from 'vscode';

const JSON_LANGUAGES = ['json', 'jsonc'];

/**
 * Whether a document looks like an IAM policy, the same two ways the server decides: a path matching
 * `iamPolicy.files`, or JSON text with a `"Statement"` key. The client asks only to know when to start
 * the server: opening package.json or settings.json costs nothing, while the server still makes the
 * precise decision (root object with Statement) for every document it is sent.
 */
export function looksLikePolicy(document: TextDocument): boolean {
  if (!JSON_LANGUAGES.includes(document.languageId)) return false;
  const settings = workspace.getConfiguration('iamPolicy', document);
  if (!settings.get<boolean>('enable', true)) return false;
  const patterns = settings.get<string[]>('files', []);
  const filters: DocumentFilter[] = patterns.filter((p) => typeof p === 'string' && p).map((pattern) => ({ pattern }));
  if (filters.length > 0 && languages.match(filters, document) > 0) return true;
  return document.getText().includes('"Statement"');
}
