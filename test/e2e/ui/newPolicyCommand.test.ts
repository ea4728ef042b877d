import * as assert from 'node:assert/strict';
import { RESTRICTED } from './fixtures';
import { withWorkbench } from './workbench';

describe('UI: New WP Offload SES Policy command', () => {
  const workbenches = withWorkbench();

  it('asks region, account and identity with the keyboard, refuses a short account id and a bad identity, then opens the policy', async () => {
    const workbench = await workbenches.open();
    const { page } = workbench;
    const quickInput = page.locator('.quick-input-widget');
    const title = quickInput.locator('.quick-input-title');
    await workbench.runCommand('New WP Offload SES Policy');

    await title.filter({ hasText: '(1/3)' }).waitFor();
    await page.keyboard.type('London');
    // The region's name matches too: the one row left is eu-west-2.
    await quickInput.locator('.monaco-list-row.focused', { hasText: 'eu-west-2' }).waitFor();
    await workbench.screenshot('new-policy-region');
    await page.keyboard.press('Enter');

    await title.filter({ hasText: '(2/3)' }).waitFor();
    // Too short: the box says why and Enter does not take it.
    await page.keyboard.type('1234');
    await quickInput.getByText('An AWS account ID is exactly 12 digits').waitFor();
    await workbench.screenshot('new-policy-account-refused');
    await page.keyboard.press('Enter');
    await title.filter({ hasText: '(2/3)' }).waitFor();
    await page.keyboard.type('56789012');
    await page.keyboard.press('Enter');

    await title.filter({ hasText: '(3/3)' }).waitFor();
    await page.keyboard.type('example');
    await quickInput.getByText('"example" is not a domain name like example.com').waitFor();
    await page.keyboard.type('.com');
    await quickInput.getByText('is not a domain name').waitFor({ state: 'hidden' });
    await workbench.screenshot('new-policy-identity');
    await page.keyboard.press('Enter');

    const editor = page.locator('.monaco-editor[data-uri^="untitled:"]').first();
    await editor.locator('.view-line', { hasText: 'AccountLevel' }).waitFor();
    await workbench.screenshot('new-policy-opened');
    // The final newline's empty line sits at the viewport's bottom edge, where the editor renders it
    // only some of the time; the integration suite compares the document's text to the byte.
    assert.equal((await workbench.visibleText(editor)).replace(/\n$/, ''), RESTRICTED.replace(/\n$/, ''));
  });
});
