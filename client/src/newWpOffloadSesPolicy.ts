import { window, workspace, type TextEditor } from 'vscode';
import { accountIdProblem, identityProblem, restrictedWpOffloadSesPolicy } from '../../server/src/service/templates/wpOffloadSes';
import type { Prompter } from './prompter';
import { orderRegions, type Region } from './regions';

export const NEW_WP_OFFLOAD_SES_POLICY_COMMAND = 'iamPolicy.newWpOffloadSesPolicy';

/**
 * Asks for region, account and identity, then opens an untitled JSON document with the restricted
 * WP Offload SES policy, the account-level actions kept in their own statement. Nothing is created
 * until every answer is in, so cancelling at any step leaves nothing behind.
 */
export async function newWpOffloadSesPolicy(prompter: Prompter, regions: readonly Region[]): Promise<TextEditor | undefined> {
  const settings = workspace.getConfiguration('iamPolicy');
  const region = await prompter.pickRegion(orderRegions(regions, settings.get<string>('defaultRegion', '')));
  if (!region) return undefined;
  const defaultAccount = settings.get<string>('defaultAccountId', '');
  const accountId = (await prompter.inputAccountId(accountIdProblem(defaultAccount) ? '' : defaultAccount))?.trim();
  // The input box validates as the user types; a prompter from the API is checked here as well.
  if (!accountId || accountIdProblem(accountId)) return undefined;
  const identity = (await prompter.inputIdentity())?.trim();
  if (!identity || identityProblem(identity)) return undefined;

  const partition = regions.find((r) => r.id === region)?.partition ?? 'aws';
  const policy = restrictedWpOffloadSesPolicy({ partition, region, accountId, identity });
  const document = await workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(policy, null, indentation())}\n` });
  return window.showTextDocument(document);
}

/** The user's JSON indentation (tabs, or N spaces; 4 like the vendor's documentation by default). */
function indentation(): string | number {
  const editor = workspace.getConfiguration('editor', { languageId: 'json' });
  if (editor.get<boolean>('insertSpaces', true) === false) return '\t';
  const size = editor.get<number | string>('tabSize', 4);
  return typeof size === 'number' && size > 0 && size <= 10 ? size : 4;
}
