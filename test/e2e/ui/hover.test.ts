import * as assert from 'node:assert/strict';
import { MERGED } from './fixtures';
import { withWorkbench } from './workbench';

describe('UI: hover', () => {
  const workbenches = withWorkbench();

  it('shows the description of the action under the mouse', async () => {
    const name = 'ui-hover-policy.json';
    const workbench = await workbenches.open({ [name]: MERGED });
    const editor = await workbench.openFile(name);
    await workbench.waitForSquiggle(editor, 'warning');
    await workbench.hideSideBar();
    await editor.locator('.view-line span', { hasText: '"ses:SendRawEmail"' }).last().hover();
    const hover = workbench.page.locator('.monaco-hover', { hasText: 'Grants permission to send an email message' });
    await hover.waitFor();
    await hover.getByText('Access level').first().waitFor();
    const text = await hover.innerText();
    assert.match(text, /ses:SendRawEmail/);
    assert.match(text, /Access level: Write/);
    await workbench.screenshot('hover', true);
  });
});
