import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { openWorkbench } from '../launcher/browser';
import type { CodeServer } from '../launcher/codeServer';
import { CACHE, REPO_ROOT } from '../launcher/paths';
import type { RunFolder } from '../launcher/runFolder';

/** Set by the UI launcher (test/e2e/launcher/runUi.ts) before mocha loads the UI tests. */
export interface UiSession {
  readonly browser: Browser;
  readonly server: CodeServer;
  readonly run: RunFolder;
  /** When set, pictures marked for the README are also written here (npm run screenshots). */
  readonly docsImages?: string;
}

let session: UiSession | undefined;

export function setUiSession(value: UiSession | undefined): void {
  session = value;
}

/**
 * The few browser globals the page functions below touch. The test project compiles without the DOM
 * library (its other tests run in Node), so they are declared here rather than pulled in globally.
 */
interface DomElement {
  readonly textContent: string | null;
  readonly style: { readonly top: string };
  closest(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
interface PageGlobals {
  readonly document: { readonly activeElement: DomElement | null };
  readonly driver?: { whenWorkbenchRestored(): Promise<void> };
}

export const SCREENSHOTS = join(CACHE, 'screenshots');
/** How long one UI step may take: a cold extension host and language server on a busy 2-core machine. */
export const STEP_MS = 30_000;

/**
 * One browser tab on the workbench, driven with the keyboard and mouse as a person would. Every wait
 * is on something visible (a widget, a row, a file's content), never a fixed delay.
 */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly run: RunFolder,
  ) {}

  /**
   * Writes `files` into the workspace folder (each test its own, so no test sees another's edits), then
   * opens the workbench in a new tab.
   */
  static async open(files: Record<string, string> = {}): Promise<Workbench> {
    if (!session) throw new Error('no UI session: run the UI tests through out/test/e2e/launcher/runUi.js');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(session.run.workspace, name), text);
    const page = await openWorkbench(session.browser, session.server, session.run);
    page.setDefaultTimeout(STEP_MS);
    // The smoke-test driver (enabled by the launcher) says when the workbench has restored its layout.
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).driver !== undefined);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).driver!.whenWorkbenchRestored());
    return new Workbench(page, session.run);
  }

  /** Closes the tab; a failed test leaves a picture of what the page showed, named after the test. */
  async close(test?: { readonly state?: string; fullTitle(): string }): Promise<void> {
    if (test?.state === 'failed') {
      await this.screenshot(`failed-${test.fullTitle().replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
    await this.page.context().close();
  }

  workspaceFile(name: string): string {
    return join(this.run.workspace, name);
  }

  /** Quick Open (Ctrl+P), the file name, Enter; resolves when its editor has focus. */
  async openFile(name: string): Promise<Locator> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(name);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    await input.press('Enter');
    const editor = this.editor(name);
    await editor.locator('textarea, .native-edit-context').first().waitFor({ state: 'attached' });
    await this.page.waitForFunction(
      (uri) => ((globalThis as unknown as PageGlobals).document.activeElement?.closest(`.monaco-editor[data-uri$="${uri}"]`) ?? null) !== null,
      name,
    );
    return editor;
  }

  /** Ctrl+B: more room for the editor and the Problems panel in the pictures. */
  async hideSideBar(): Promise<void> {
    const sideBar = this.page.locator('#workbench\\.parts\\.sidebar');
    if (!(await sideBar.isVisible())) return;
    await this.page.keyboard.press('Control+B');
    await sideBar.waitFor({ state: 'hidden' });
  }

  /**
   * Resolves once the language server has diagnosed the open document: a squiggle of `severity` only
   * this extension draws (the JSON language features see no problem in the texts the tests use).
   */
  async waitForSquiggle(editor: Locator, severity: 'error' | 'warning'): Promise<void> {
    await editor.locator(`.squiggly-${severity}`).first().waitFor({ state: 'attached' });
  }

  editor(name: string): Locator {
    return this.page.locator(`.monaco-editor[data-uri$="${name}"]`).first();
  }

  /** Go to Line (Ctrl+G) ":line:column", 1-based as the status bar shows them. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    // The box opens pre-filled with ":"; fill replaces it.
    await this.page.locator('.quick-input-widget .quick-input-box input').fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /**
   * Saves (Ctrl+S) and resolves with the file's text once it is `expected`, or fails with the diff
   * once STEP_MS has passed: the editor writes asynchronously, so the file is read until it settles.
   */
  async saveAndRead(name: string, expected: string): Promise<string> {
    await this.page.keyboard.press('Control+S');
    const file = this.workspaceFile(name);
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      const text = readFileSync(file, 'utf8');
      if (text === expected || Date.now() > deadline) return text;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Runs a command from the Command Palette (F1) by its title. An installed extension's commands
   * reach the palette once the extension host has registered them, a moment after the workbench
   * restores; until then the palette does not list it, so it is reopened until it does.
   */
  async runCommand(title: string): Promise<void> {
    const quickInput = this.page.locator('.quick-input-widget');
    const row = quickInput.locator('.monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      await this.page.keyboard.press('F1');
      await this.page.keyboard.type(title);
      try {
        await row.waitFor({ timeout: 2_000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await this.page.keyboard.press('Escape');
        await quickInput.waitFor({ state: 'hidden' });
      }
    }
    await this.page.keyboard.press('Enter');
  }

  /** The text the editor shows, line by line (every line of a short document is rendered). */
  async visibleText(editor: Locator): Promise<string> {
    return editor.locator('.view-lines').evaluate((lines: DomElement) =>
      [...lines.querySelectorAll('.view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n'),
    );
  }

  /** A PNG in .vscode-test/screenshots; with `docs`, also in docs/images when npm run screenshots asks. */
  async screenshot(name: string, docs = false): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    if (docs && session?.docsImages) {
      mkdirSync(session.docsImages, { recursive: true });
      copyFileSync(file, join(session.docsImages, `${name}.png`));
    }
    return file;
  }
}

/**
 * Registers an afterEach that closes the test's tab (with a picture when the test failed), and
 * returns the opener each test calls with the files it starts from.
 */
export function withWorkbench(): { open(files?: Record<string, string>): Promise<Workbench> } {
  let current: Workbench | undefined;
  afterEach(async function () {
    await current?.close(this.currentTest);
    current = undefined;
  });
  return {
    async open(files) {
      current = await Workbench.open(files);
      return current;
    },
  };
}

/** The repository's copy of a shipped example, for comparisons. */
export function example(name: string): string {
  const file = join(REPO_ROOT, 'examples', name);
  if (!existsSync(file)) throw new Error(`${file} is missing`);
  return readFileSync(file, 'utf8');
}
