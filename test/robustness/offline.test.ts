import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, CompletionItem, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { REPO_ROOT } from '../support/repo';
import { example, managedPolicies, Random } from './support';

/**
 * The tools run offline and send nothing anywhere: the server and the CLI work with every network
 * module made to throw (preload/noNetwork.ts), and try none of them; the bundles evaluate no code
 * from strings.
 */
const PRELOAD = join(__dirname, 'preload', 'noNetwork.js');
const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** Runs `body` with NODE_OPTIONS preloading the network ban into every node process it spawns. */
async function offline<T>(report: string, body: () => Promise<T>): Promise<T> {
  const saved = { options: process.env.NODE_OPTIONS, report: process.env.IAM_NETWORK_REPORT };
  process.env.NODE_OPTIONS = `${saved.options ?? ''} --require ${PRELOAD}`.trim();
  process.env.IAM_NETWORK_REPORT = report;
  try {
    return await body();
  } finally {
    restore('NODE_OPTIONS', saved.options);
    restore('IAM_NETWORK_REPORT', saved.report);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

function attempts(report: string): string[] {
  return existsSync(report) ? readFileSync(report, 'utf8').split('\n').filter(Boolean) : [];
}

describe('robustness: offline', function () {
  this.timeout(120_000);
  let folder: string;
  before(() => (folder = mkdtempSync(join(tmpdir(), 'iam-offline-'))));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('the ban itself works: a network call under the preload throws and is logged', async () => {
    const report = join(folder, 'self-check.txt');
    const run = await offline(report, async () =>
      spawnSync(process.execPath, ['-e', "require('https').get('https://example.com')"], { encoding: 'utf8', timeout: 20_000 }),
    );
    assert.notEqual(run.status, 0);
    assert.deepEqual(attempts(report), ['https.get']);
  });

  it('the language server diagnoses, completes, hovers and fixes with the network banned, and tries none of it', async () => {
    const report = join(folder, 'server.txt');
    await offline(report, async () => {
      const client = await LspTestClient.start();
      try {
        const uri = 'file:///offline/wp-offload-ses-merged.json';
        const text = example('wp-offload-ses-merged.json');
        const document = client.open(uri, text);
        const published = await client.waitForVersion(uri, 1);
        assert.deepEqual(
          published.diagnostics.map((d) => d.code),
          ['account-action-in-scoped-statement', 'account-action-in-scoped-statement'],
        );
        const position = document.positionAt(text.indexOf('ses:GetAccount') + 5);
        const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
        assert.ok(items.length > 0);
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
        assert.ok(hover);
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: published.diagnostics[0]!.range,
          context: { diagnostics: published.diagnostics },
        });
        assert.ok(actions.length > 0);
      } finally {
        await client.stop();
      }
    });
    assert.deepEqual(attempts(report), []);
  });

  it('the CLI lints and fixes with the network banned, and tries none of it', async () => {
    const report = join(folder, 'cli.txt');
    const policies = join(folder, 'policies');
    mkdirSync(policies);
    for (const { name, text } of managedPolicies(new Random(7), 25)) writeFileSync(join(policies, `${name}.json`), text);
    writeFileSync(join(policies, 'merged.json'), example('wp-offload-ses-merged.json'));
    const runs = await offline(report, async () => [
      spawnSync(process.execPath, [CLI, '--format', 'sarif', policies], { encoding: 'utf8', timeout: 60_000 }),
      spawnSync(process.execPath, [CLI, '--fix', policies], { encoding: 'utf8', timeout: 60_000 }),
    ]);
    for (const run of runs) {
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
      assert.ok(!run.stderr.includes('forbidden'), run.stderr);
    }
    assert.ok(runs[0]!.stdout.includes('"version": "2.1.0"'));
    assert.deepEqual(attempts(report), []);
  });

  it('the bundles evaluate no code from strings (no eval, direct or indirect, no new Function)', () => {
    const bundles = readdirSync(join(REPO_ROOT, 'dist')).filter((name) => name.endsWith('.js'));
    assert.ok(bundles.length >= 3, `bundles in dist: ${bundles.join(', ')}`);
    for (const name of bundles) {
      const code = readFileSync(join(REPO_ROOT, 'dist', name), 'utf8');
      for (const pattern of [/\beval\s*\(/, /[(,]\s*eval\s*\)/, /\.eval\b/, /\bnew\s+Function\s*\(/, /\bFunction\s*\(\s*["'`]/]) {
        const match = pattern.exec(code);
        assert.equal(match, null, `${name} contains ${match?.[0]} at ${match?.index}: ${code.slice(Math.max(0, (match?.index ?? 0) - 80), (match?.index ?? 0) + 80)}`);
      }
    }
  });
});
