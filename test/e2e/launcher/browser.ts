import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import type { Provisioned } from './paths';
import type { RunFolder } from './runFolder';

/** The size pictures in docs/images are taken at, and the UI tests run at. */
export const VIEWPORT = { width: 1280, height: 720 };

// Without the background-networking flags Chromium keeps opening connections this machine refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Debian's Chromium, headless; every workbench gets a context of its own (see openWorkbench). */
export function launchBrowser(provisioned: Provisioned, run: RunFolder): Promise<Browser> {
  return chromium.launch({ executablePath: provisioned.chromium, headless: true, args: CHROMIUM_ARGS, env: run.env });
}

export interface WorkbenchOptions {
  /** Runs this extension folder as under development (F5), instead of what the extensions folder holds. */
  readonly extensionDevelopmentPath?: string;
  /** A test-electron style index whose run() the extension host awaits, then exits with its outcome. */
  readonly extensionTestsPath?: string;
  /** The extension host's exit code, once the tests have run. */
  readonly onExit?: (code: number) => void;
  /** The workbench's console, the extension host's included (mocha's reporter), one call per message. */
  readonly onLog?: (type: string, message: string) => void;
}

/**
 * Opens the workbench on the run's workspace folder in a fresh browser context: no state (open editors,
 * panels) carries over from an earlier test, and no request leaves 127.0.0.1. Close it with
 * `page.context().close()`.
 */
export async function openWorkbench(browser: Browser, server: CodeServer, run: RunFolder, options: WorkbenchOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    // The workbench reads the clipboard on paste; granting it avoids a permission prompt.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  const page = await context.newPage();
  // Exposed before the page loads: the smoke-test driver looks for them when the extension host reports.
  await page.exposeFunction('codeAutomationExit', (code: number) => options.onExit?.(code));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => options.onLog?.(type, format(...args)));
  const authority = new URL(server.origin).host;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${options.extensionDevelopmentPath}`]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${options.extensionTestsPath}`]);
  const url = `${server.origin}/?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  return page;
}
