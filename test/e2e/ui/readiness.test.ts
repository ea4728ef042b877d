import * as assert from 'node:assert/strict';
import { MERGED_FIXED } from '../expected';
import { MERGED } from './fixtures';
import { withWorkbench } from './workbench';

describe('UI: readiness code lens', () => {
  const workbenches = withWorkbench();

  it('says what the merged policy lacks for WP Offload SES, and adds it with one click', async () => {
    const name = 'ui-readiness-policy.json';
    const workbench = await workbenches.open({ [name]: MERGED });
    const editor = await workbench.openFile(name);
    await workbench.hideSideBar();
    const lenses = editor.locator('.codelens-decoration');
    await lenses.getByText('WP Offload SES: 2 of 5 permissions not granted').waitFor();
    await workbench.screenshot('readiness', true);

    await lenses.getByText('Add the missing permissions').click();
    await lenses.getByText('WP Offload SES: ready').waitFor();
    await workbench.screenshot('readiness-fixed');
    // The vendor's layout: the account-level actions leave the scoped statement for their own "*" one.
    assert.equal(await workbench.saveAndRead(name, MERGED_FIXED), MERGED_FIXED);
  });
});
