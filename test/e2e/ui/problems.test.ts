import * as assert from 'node:assert/strict';
import { MERGED } from './fixtures';
import { withWorkbench } from './workbench';

describe('UI: Problems panel', () => {
  const workbenches = withWorkbench();

  it('lists the two merged-statement warnings', async () => {
    const name = 'ui-problems-policy.json';
    const workbench = await workbenches.open({ [name]: MERGED });
    const editor = await workbench.openFile(name);
    await workbench.waitForSquiggle(editor, 'warning');
    await workbench.hideSideBar();
    await workbench.page.keyboard.press('Control+Shift+M');
    const rows = workbench.page.locator('.markers-panel .monaco-list-row', { hasText: 'account-action-in-scoped-statement' });
    await rows.nth(1).waitFor();
    const texts = await rows.allInnerTexts();
    assert.equal(texts.length, 2, texts.join('\n'));
    assert.ok(texts[0]!.includes('"ses:GetAccount" supports no resource-level permissions'), texts[0]);
    assert.ok(texts[1]!.includes('"ses:ListEmailIdentities" supports no resource-level permissions'), texts[1]);
    await workbench.screenshot('problems', true);
  });
});
