import * as assert from 'node:assert/strict';
import { MERGED_FIXED, MOVE_BOTH } from '../expected';
import { MERGED } from './fixtures';
import { withWorkbench } from './workbench';

describe('UI: quick fix', () => {
  const workbenches = withWorkbench();

  it('splits the merged statement with Ctrl+.', async () => {
    const name = 'ui-quickfix-policy.json';
    const workbench = await workbenches.open({ [name]: MERGED });
    const editor = await workbench.openFile(name);
    await workbench.waitForSquiggle(editor, 'warning');
    // Line 11 is `                "ses:GetAccount",`: the cursor on the action.
    await workbench.goTo(11, 22);
    // The light bulb shows once the editor has the fixes for the cursor; Ctrl+. before that can find none.
    await editor.locator('.lightBulbWidget').waitFor();
    await workbench.hideSideBar();
    await workbench.page.keyboard.press('Control+.');
    const fix = workbench.page.locator('.action-widget .monaco-list-row', { hasText: MOVE_BOTH });
    await fix.waitFor();
    await workbench.screenshot('quick-fix', true);
    await fix.click();
    await fix.waitFor({ state: 'hidden' });
    assert.equal(await workbench.saveAndRead(name, MERGED_FIXED), MERGED_FIXED);
    await workbench.screenshot('quick-fix-applied');
  });
});
