// Builds dist/: the IAM data files, then one bundle each for the extension, the language server and the
// CLI. `--production` minifies; source maps are always written next to the bundles (.vscodeignore keeps
// them out of the .vsix). Any failure exits non-zero so `vsce package` never ships a half-built dist.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const production = process.argv.includes('--production');

// A child process rather than an import: copyData.mjs does its work at top level, and a failure there
// should surface as its own exit code instead of a half-finished import.
const copy = spawnSync(process.execPath, [join(root, 'scripts', 'copyData.mjs')], { cwd: root, stdio: 'inherit' });
if (copy.status !== 0) {
  console.error(`copyData.mjs failed (${copy.error?.message ?? `exit code ${copy.status}`})`);
  process.exit(1);
}

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'external',
  minify: production,
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
};

// Node reads the shebang, so server.js and cli.js run directly as the package's `bin` entries.
const shebang = { js: '#!/usr/bin/env node' };

const bundles = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: shebang, executable: true },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: shebang, executable: true },
];

try {
  const results = await Promise.all(
    bundles.map(({ executable, ...options }) => esbuild.build({ ...common, ...options }).then((result) => ({ executable, options, result }))),
  );
  for (const { executable, options } of results) {
    const file = join(root, options.outfile);
    if (executable) chmodSync(file, 0o755);
    const size = statSync(file).size;
    console.log(`${relative(root, file).padEnd(20)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
  }
  await writeSnippetsFile();
  console.log(`Built ${relative(root, dist)}/ (${production ? 'production, minified' : 'development'})`);
} catch (error) {
  // esbuild has already printed its diagnostics at logLevel 'warning'; anything else is unexpected.
  if (!(error instanceof Error && 'errors' in error)) console.error(error);
  process.exit(1);
}

/**
 * dist/snippets/iam-policy.code-snippets, the snippets contributed to VS Code, from the same templates
 * as the server's snippet completions and the region list of dist/data (never a hand-typed list).
 * The template module is bundled to a temporary file, loaded, and the file removed.
 */
async function writeSnippetsFile() {
  const generator = join(dist, '.snippets-generator.cjs');
  await esbuild.build({ ...common, metafile: false, sourcemap: false, entryPoints: ['server/src/service/completion/snippets.ts'], outfile: generator });
  try {
    const { contributedSnippets } = createRequire(import.meta.url)(generator);
    const partitions = JSON.parse(readFileSync(join(dist, 'data', 'partitions.json'), 'utf8'));
    const aws = partitions.find((p) => p.id === 'aws');
    const file = join(dist, 'snippets', 'iam-policy.code-snippets');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(contributedSnippets(aws.regions.map((r) => r.id)), null, 2)}\n`);
    console.log(`${relative(root, file)}  ${Object.keys(contributedSnippets([])).length} snippets`);
  } finally {
    rmSync(generator, { force: true });
  }
}
