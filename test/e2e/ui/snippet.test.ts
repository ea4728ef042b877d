import * as assert from 'node:assert/strict';
import { IAM_POLICY_SNIPPET } from '../expected';
import { withWorkbench } from './workbench';

describe('UI: snippets', () => {
  const workbenches = withWorkbench();

  it('inserts the iam-policy snippet from the suggest widget', async () => {
    const name = 'ui-snippet-policy.json';
    const workbench = await workbenches.open({ [name]: '' });
    await workbench.openFile(name);
    await workbench.page.keyboard.type('iam-pol');
    const row = workbench.page.locator('.suggest-widget .monaco-list-row[aria-label^="iam-policy,"]');
    await row.waitFor();
    await workbench.screenshot('snippet-suggest');
    await row.click();
    // Tab stops: keep the Sid, take the first Effect choice, leave Action and Resource empty.
    await workbench.page.keyboard.press('Escape');
    await workbench.page.locator('.suggest-widget').waitFor({ state: 'hidden' });
    await workbench.screenshot('snippet-inserted');
    assert.equal(await workbench.saveAndRead(name, IAM_POLICY_SNIPPET), IAM_POLICY_SNIPPET);
  });
});
