import { window, type QuickPickItem } from 'vscode';
import { accountIdProblem, identityProblem } from '../../server/src/service/templates/wpOffloadSes';
import type { Region } from './regions';

/**
 * The questions the "New WP Offload SES Policy" command asks. An interface so the real-editor tests
 * can answer them through the extension's API; people get the quick pick and input boxes below.
 * Every method resolves to undefined when the user cancels.
 */
export interface Prompter {
  pickRegion(regions: readonly Region[]): Promise<string | undefined>;
  inputAccountId(initial: string): Promise<string | undefined>;
  inputIdentity(): Promise<string | undefined>;
}

const TITLE = 'New WP Offload SES Policy';

interface RegionItem extends QuickPickItem {
  readonly region: string;
}

export const windowPrompter: Prompter = {
  async pickRegion(regions) {
    const items: RegionItem[] = regions.map((r) => ({
      label: r.id,
      description: r.name,
      detail: r.partition === 'aws' ? undefined : `partition ${r.partition}`,
      region: r.id,
    }));
    const picked = await window.showQuickPick(items, {
      title: `${TITLE} (1/3): Region`,
      placeHolder: 'The AWS Region your SES identity is verified in, e.g. eu-west-2 or "London"',
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    return picked?.region;
  },
  inputAccountId(initial) {
    return Promise.resolve(
      window.showInputBox({
        title: `${TITLE} (2/3): AWS account ID`,
        prompt: 'The 12-digit ID of the AWS account that owns the SES identity',
        placeHolder: '123456789012',
        value: initial,
        ignoreFocusOut: true,
        validateInput: (value) => accountIdProblem(value),
      }),
    );
  },
  inputIdentity() {
    return Promise.resolve(
      window.showInputBox({
        title: `${TITLE} (3/3): SES identity`,
        prompt: 'The verified domain or email address WP Offload SES sends from',
        placeHolder: 'example.com or mail@example.com',
        ignoreFocusOut: true,
        validateInput: (value) => identityProblem(value),
      }),
    );
  },
};
