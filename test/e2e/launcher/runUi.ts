import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Mocha from 'mocha';
import { setUiSession } from '../ui/workbench';
import { launchBrowser } from './browser';
import { installExtension, startCodeServer } from './codeServer';
import { readProvisioned, REPO_ROOT, UI_TESTS, VSIX } from './paths';
import { createRunFolder } from './runFolder';
import { runTimeoutMs, startWatchdog } from './watchdog';

/**
 * The UI tests (test/e2e/ui) against the packaged extension users install: dist/*.vsix goes into a
 * fresh extensions folder with `code-server --install-extension`, so a .vscodeignore that drops the IAM
 * data or a bundle that still needs node_modules fails here. Mocha runs in this Node process; each
 * test drives its own browser tab on the one code-server.
 *
 * `--screenshots <folder>` also writes the README's pictures there (npm run screenshots), and
 * `--grep <text>` runs only the tests whose title contains it.
 */

/** Readable pictures: a larger editor font and the default dark theme, at the 1280x720 viewport. */
const UI_SETTINGS: Record<string, unknown> = {
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.fontSize': 16,
  'editor.minimap.enabled': false,
  'workbench.activityBar.location': 'hidden',
  'breadcrumbs.enabled': false,
  'window.commandCenter': false,
  'workbench.layoutControl.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<number> {
  if (!existsSync(VSIX)) {
    console.error(`ui: ${VSIX} is missing: build it with \`npm run package\` first (npm run test:e2e does).`);
    return 1;
  }
  const started = Date.now();
  startWatchdog('ui', runTimeoutMs(900_000));
  const provisioned = readProvisioned();
  const run = createRunFolder('ui', { node: provisioned.node, settings: UI_SETTINGS });
  installExtension(provisioned, run, VSIX);
  const installed = readdirSync(run.extensionsDir).filter((name) => name.startsWith('iam-policy-tools.'));
  if (installed.length !== 1) throw new Error(`expected the .vsix in ${run.extensionsDir}, found ${JSON.stringify(readdirSync(run.extensionsDir))}`);
  console.log(`ui: installed ${installed[0]} from ${VSIX}`);

  const server = await startCodeServer(provisioned, run);
  let failures = 0;
  let passes = 0;
  try {
    const browser = await launchBrowser(provisioned, run);
    try {
      const screenshots = option('--screenshots');
      const docsImages = screenshots ? resolve(REPO_ROOT, screenshots) : undefined;
      setUiSession({ browser, server, run, ...(docsImages ? { docsImages } : {}) });
      const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 120_000 });
      const grep = option('--grep');
      if (grep) mocha.grep(grep);
      for (const file of readdirSync(UI_TESTS).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(join(UI_TESTS, file));
      await new Promise<void>((done) => {
        const runner = mocha.run((failed) => {
          failures = failed;
          passes = runner.stats?.passes ?? 0;
          done();
        });
      });
    } finally {
      setUiSession(undefined);
      await browser.close();
    }
  } catch (error) {
    console.log(`ui: ${error instanceof Error ? error.message : String(error)}\ncode-server said:\n${server.output()}`);
    failures = Math.max(failures, 1);
  } finally {
    await server.stop();
  }
  const pictures = option('--screenshots');
  console.log(`ui: screenshots in ${join(REPO_ROOT, '.vscode-test', 'screenshots')}${pictures ? ` and ${pictures}` : ''}; finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The plain closing line CI reads.
  console.log(`ui: ${passes} passed, ${failures} failed`);
  return failures === 0 && passes > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
