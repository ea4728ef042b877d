import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CACHE, REPO_ROOT } from './paths';

/**
 * Settings every run starts with. Without them the workbench reaches for outside hosts (telemetry,
 * update checks, the marketplace, JSON schema downloads, AI features) that these machines cannot
 * reach, and shows welcome pages and tips that cover what the tests look at.
 */
const OFFLINE_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  // No backups of the buffers tests leave dirty, so a reloaded window starts clean; and no auto save
  // (on by default in the browser), so a file on disk changes only when a test saves it.
  'files.hotExit': 'off',
  'files.autoSave': 'off',
};

/** A marketplace that is never there: nothing is fetched, and nothing waits long for it. */
const OFFLINE_GALLERY = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' });

export interface RunFolder {
  readonly dir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly configFile: string;
  readonly workspace: string;
  /** HOME and XDG_* inside the run folder, so neither code-server nor Chromium writes into the user's home. */
  readonly env: NodeJS.ProcessEnv;
}

export interface RunFolderOptions {
  /** Merged over OFFLINE_SETTINGS. */
  readonly settings?: Record<string, unknown>;
  /** Extra environment for code-server, which passes it on to the extension host. */
  readonly env?: NodeJS.ProcessEnv;
  /** The Node that code-server runs on: first on PATH, so any `node` it spawns is the same one. */
  readonly node?: string;
}

/** A fresh .vscode-test/runs/<name>: leftovers of an earlier run (settings, open editors) never leak in. */
export function createRunFolder(name: string, options: RunFolderOptions = {}): RunFolder {
  const dir = join(CACHE, 'runs', name);
  rmSync(dir, { recursive: true, force: true });
  const home = join(dir, 'home');
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  const workspace = join(dir, 'workspace');
  for (const folder of [home, join(home, '.config'), join(home, '.local', 'share'), join(home, '.cache'), join(userDataDir, 'User'), extensionsDir, workspace]) {
    mkdirSync(folder, { recursive: true });
  }
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...OFFLINE_SETTINGS, ...options.settings }, null, 2)}\n`);
  const configFile = join(dir, 'code-server.yaml');
  writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  copyFixtures(workspace);

  const env: NodeJS.ProcessEnv = {
    ...withoutNpmVariables(process.env),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    EXTENSIONS_GALLERY: OFFLINE_GALLERY,
    PATH: options.node ? `${dirname(options.node)}:${process.env.PATH ?? ''}` : process.env.PATH,
    ...options.env,
  };
  return { dir, userDataDir, extensionsDir, configFile, workspace, env };
}

/** The shipped examples plus test/e2e/fixtures (an unrelated package.json, ...), as the workspace folder. */
function copyFixtures(workspace: string): void {
  for (const name of readdirSync(join(REPO_ROOT, 'examples'))) {
    if (name.endsWith('.json')) cpSync(join(REPO_ROOT, 'examples', name), join(workspace, name));
  }
  cpSync(join(REPO_ROOT, 'test', 'e2e', 'fixtures'), workspace, { recursive: true });
}

/** `npm run` exports its configuration as npm_* variables; the editor under test should not see them. */
function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}
