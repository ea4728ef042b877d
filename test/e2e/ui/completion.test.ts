import * as assert from 'node:assert/strict';
import { EMPTY_ACTION } from './fixtures';
import { withWorkbench } from './workbench';

describe('UI: completion', () => {
  const workbenches = withWorkbench();

  it('types "ses:Se and picks ses:SendRawEmail from the suggest widget', async () => {
    const name = 'ui-completion-policy.json';
    const workbench = await workbenches.open({ [name]: EMPTY_ACTION });
    const editor = await workbench.openFile(name);
    // The empty action's error squiggle: the server runs and knows this document.
    await workbench.waitForSquiggle(editor, 'error');
    // Line 6 is `            "Action": "",`; remove the empty string, then type as a person would.
    await workbench.hideSideBar();
    await workbench.goTo(6, 23);
    await workbench.page.keyboard.press('Delete');
    await workbench.page.keyboard.press('Delete');
    await workbench.page.keyboard.type('"ses:Se');
    const suggest = workbench.page.locator('.suggest-widget');
    await suggest.locator('.monaco-list-row[aria-label^="ses:SendRawEmail,"]').waitFor();
    // The documentation beside the list (Ctrl+Space), then down to the action with the arrow keys.
    await workbench.page.keyboard.press('Control+Space');
    await workbench.page.locator('.suggest-details').waitFor();
    const focused = suggest.locator('.monaco-list-row.focused');
    for (let i = 0; i < 30 && !((await focused.getAttribute('aria-label')) ?? '').startsWith('ses:SendRawEmail,'); i++) {
      await workbench.page.keyboard.press('ArrowDown');
    }
    assert.match((await focused.getAttribute('aria-label')) ?? '', /^ses:SendRawEmail,/);
    await workbench.page.locator('.suggest-details', { hasText: 'Grants permission to send an email message' }).waitFor();
    await workbench.screenshot('completion', true);
    await workbench.page.keyboard.press('Enter');
    await suggest.waitFor({ state: 'hidden' });
    const expected = EMPTY_ACTION.replace('"Action": ""', '"Action": "ses:SendRawEmail"');
    assert.equal(await workbench.saveAndRead(name, expected), expected);
  });
});
