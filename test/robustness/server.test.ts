import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationTokenSource, DiagnosticSeverity, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { normalizeSettings } from '../../server/src/service/settings';
import { LspTestClient } from '../support/lspClient';
import { example, FUZZ_SEED, Random, service } from './support';

/** The language server over stdio under hostile input, edits and cancellations. */

const SEVERITIES = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };
const MERGED = example('wp-offload-ses-merged.json');

/** What the server must publish for this text: the same service, run here on the client's copy. */
function expectedDiagnostics(document: TextDocument, settings: Record<string, unknown> = {}): Diagnostic[] {
  const normalized = normalizeSettings(settings);
  const parsed = service.parse(document.getText());
  const path = URI.parse(document.uri).path;
  if (!normalized.enable || !service.isPolicy(parsed, path, normalized)) return [];
  return service.doValidation(parsed, normalized, path).map((d) => ({
    range: { start: document.positionAt(d.range.start), end: document.positionAt(d.range.end) },
    severity: SEVERITIES[d.severity],
    code: d.code,
    source: 'iam-policy',
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
  }));
}

function assertMatchesItsVersion(client: LspTestClient, published: PublishDiagnosticsParams): void {
  assert.ok(published.version !== undefined, 'diagnostics carry their version');
  const document = client.document(published.uri, published.version);
  assert.deepEqual(JSON.parse(JSON.stringify(published.diagnostics)), JSON.parse(JSON.stringify(expectedDiagnostics(document))), `diagnostics of version ${published.version}`);
}

/** A server with preload/eventLoopMonitor.ts, which reports every stretch its event loop was blocked. */
async function monitoredServer(report: string): Promise<LspTestClient> {
  const saved = { options: process.env.NODE_OPTIONS, report: process.env.IAM_EVENT_LOOP_REPORT };
  process.env.NODE_OPTIONS = `${saved.options ?? ''} --require ${join(__dirname, 'preload', 'eventLoopMonitor.js')}`.trim();
  process.env.IAM_EVENT_LOOP_REPORT = report;
  try {
    return await LspTestClient.start({ timeoutMs: 60_000 });
  } finally {
    for (const [name, value] of [
      ['NODE_OPTIONS', saved.options],
      ['IAM_EVENT_LOOP_REPORT', saved.report],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('robustness: the server over stdio', function () {
  this.timeout(180_000);
  let client: LspTestClient;
  const small = 'file:///r/small-policy.json';

  before(async () => {
    client = await LspTestClient.start({ timeoutMs: 60_000 });
    client.open(small, MERGED);
    await client.waitForVersion(small, 1);
  });
  after(() => client?.stop());

  for (const depth of [10, 63, 64, 1000, 100_000, 1_000_000]) {
    for (const [shape, open, close] of [
      ['arrays', '[', ']'],
      ['objects', '{"a":', '}'],
    ] as const) {
      for (const closed of [true, false]) {
        const name = `${depth} nested ${shape}, ${closed ? 'closed' : 'unclosed'}`;
        it(`answers ${name} with ${depth >= 64 ? 'one json-too-deep' : 'no json-too-deep'}, and completion and hover on it`, async () => {
          const text = `{"Statement":${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}}`;
          const uri = `file:///r/deep-${depth}-${shape}-${closed}.json`;
          const document = client.open(uri, text);
          const published = await client.waitForVersion(uri, 1);
          const codes = published.diagnostics.map((d) => d.code);
          // The policy object is the first level, so the limit is reached at 64 nested values.
          if (depth >= 64) assert.deepEqual(codes, ['json-too-deep']);
          else assert.ok(!codes.includes('json-too-deep'), codes.join(', '));
          for (const offset of new Set([1, 14, Math.min(500_000, text.length), text.length])) {
            const position = document.positionAt(offset);
            await client.request('textDocument/completion', { textDocument: { uri }, position });
            await client.request('textDocument/hover', { textDocument: { uri }, position });
          }
          client.close(uri);
        });
      }
    }
  }

  // Not strict JSON, so parsed by the tolerant path, which must pause too: a trailing comma in the
  // first statement (early enough to be among the diagnostics shown) and one before the final `]`.
  const TEN_MB_NOT_STRICT = 'a 10 MB policy with trailing commas (not strict JSON)';
  const POLICY_START = '{"Version":"2012-10-17","Statement":[';
  const SLIPPED_STATEMENT = '{"Effect":"Allow","Action":["ses:SendRawEmail","ses:GetAccount",],"Resource":"arn:aws:ses:eu-west-2:123456789012:identity/example.com"}';
  const SLIPPED_COMMA = POLICY_START.length + SLIPPED_STATEMENT.indexOf(',]');
  const huge: [string, () => string][] = [
    ['an Action array of 1,000,000 items', () => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[${Array.from({ length: 1_000_000 }, (_, i) => `"ses:Send${i % 50_000}"`).join(',')}],"Resource":"*"}]}`],
    [
      'a 10 MB policy',
      () => {
        const statement = '{"Effect":"Allow","Action":["ses:SendRawEmail","ses:GetAccount"],"Resource":"arn:aws:ses:eu-west-2:123456789012:identity/example.com"}';
        return `{"Version":"2012-10-17","Statement":[${Array.from({ length: Math.ceil((10 << 20) / statement.length) }, () => statement).join(',\n')}]}`;
      },
    ],
    ['a 50 MB single-line string', () => `{"Version":"2012-10-17","Statement":[{"Sid":"${'a'.repeat(50 << 20)}","Effect":"Allow","Action":"*","Resource":"*"}]}`],
    [
      TEN_MB_NOT_STRICT,
      () => {
        const statement = '{"Effect":"Allow","Action":["ses:SendRawEmail","ses:GetAccount"],"Resource":"arn:aws:ses:eu-west-2:123456789012:identity/example.com"}';
        const statements = Array.from({ length: Math.ceil((10 << 20) / statement.length) }, () => statement);
        statements[0] = SLIPPED_STATEMENT;
        return `${POLICY_START}${statements.join(',\n')},]}`;
      },
    ],
  ];
  for (const [name, build] of huge) {
    it(`validates ${name} with capped diagnostics, its event loop never blocked for 500 ms`, async () => {
      const folder = mkdtempSync(join(tmpdir(), 'iam-blocks-'));
      const report = join(folder, 'blocks.json');
      const server = await monitoredServer(report);
      try {
        const uri = 'file:///r/huge-policy.json';
        const other = 'file:///r/other-policy.json';
        server.open(uri, build());
        // Another document opened meanwhile gets its diagnostics without waiting for the big one.
        server.open(other, MERGED);
        const published = await server.waitForVersion(uri, 1);
        await server.waitForVersion(other, 1);
        // An edit at the start: the document is validated again.
        server.change(uri, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: ' ' }]);
        const again = await server.waitForVersion(uri, 2);
        assert.ok(published.diagnostics.length <= 1001 && again.diagnostics.length <= 1001);
        if (name !== 'a 50 MB single-line string') assert.equal(published.diagnostics.at(-1)!.code, 'too-many-problems');
        if (name === TEN_MB_NOT_STRICT) {
          const comma = { start: { line: 0, character: SLIPPED_COMMA }, end: { line: 0, character: SLIPPED_COMMA + 1 } };
          // The first in document order; the one at the end is past the cap.
          const found = published.diagnostics.find((d) => d.code === 'trailing-comma');
          assert.deepEqual(found && { range: found.range, severity: found.severity }, { range: comma, severity: DiagnosticSeverity.Error }, 'the syntax error is among the diagnostics shown');
        }
        const hover = await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
        assert.ok(hover);
      } finally {
        await server.stop();
      }
      const blocks = JSON.parse(readFileSync(report, 'utf8')) as number[];
      rmSync(folder, { recursive: true, force: true });
      assert.ok(Math.max(0, ...blocks) < 500, `event loop blocked for ${blocks.join(', ')} ms`);
    });
  }

  it('keeps the protocol stream clean when something in the server writes to the console', async () => {
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${saved ?? ''} --require ${join(__dirname, 'preload', 'consoleChatter.js')}`.trim();
    let chatty: LspTestClient;
    try {
      chatty = await LspTestClient.start({ timeoutMs: 60_000 });
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
    try {
      const uri = 'file:///r/chatty-policy.json';
      const document = chatty.open(uri, MERGED);
      const published = await chatty.waitForVersion(uri, 1);
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['account-action-in-scoped-statement', 'account-action-in-scoped-statement'],
      );
      for (let i = 0; i < 20; i++) {
        const hover = await chatty.request('textDocument/hover', { textDocument: { uri }, position: document.positionAt(MERGED.indexOf('ses:GetAccount') + 3) });
        assert.ok(hover);
      }
    } finally {
      await chatty.stop();
    }
  });

  it(`publishes, for random incremental edits, exactly what a fresh parse of each version gives (seed ${FUZZ_SEED})`, async () => {
    const random = new Random(FUZZ_SEED);
    const uri = 'file:///r/edited/policy.json';
    client.open(uri, example('wp-offload-ses-restricted.json'));
    await client.waitForVersion(uri, 1);
    const fragments = ['"', '{', '}', '[', ']', ',', ':', ' ', '\n', '"ses:GetAccount"', '"Resource": "*"', 'x', '\u2028', '\r\n', '"Effect": "Deny"', '😀'];
    let version = 1;
    for (let step = 0; step < 150; step++) {
      // One to three edits in one didChange, as multi-cursor editing sends them: each against the text the previous one produced.
      let working = client.document(uri).getText();
      const changes = [];
      for (let c = 1 + random.below(3); c > 0; c--) {
        const copy = TextDocument.create(uri, 'json', 0, working);
        const start = random.below(working.length + 1);
        const end = Math.min(working.length, start + random.below(6));
        const inserted = random.below(3) === 0 ? '' : random.pick(fragments);
        changes.push({ range: { start: copy.positionAt(start), end: copy.positionAt(end) }, text: inserted });
        working = working.slice(0, copy.offsetAt(copy.positionAt(start))) + inserted + working.slice(copy.offsetAt(copy.positionAt(end)));
      }
      version = client.change(uri, changes);
      // Sometimes wait, so some versions are validated and some are replaced before they are.
      if (random.below(5) === 0) assertMatchesItsVersion(client, await client.waitForVersion(uri, version));
    }
    assertMatchesItsVersion(client, await client.waitForVersion(uri, version));
    for (const published of client.published(uri)) assertMatchesItsVersion(client, published);
    client.close(uri);
  });

  it('never publishes diagnostics for a version that was already replaced', async () => {
    const uri = 'file:///r/burst/policy.json';
    client.open(uri, MERGED);
    await client.waitForVersion(uri, 1);
    let version = 1;
    for (let i = 0; i < 40; i++) version = client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: i % 2 ? ' ' : '\t' }]);
    await client.waitForVersion(uri, version);
    const versions = client.published(uri).map((p) => p.version!);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'versions only go forward',
    );
    assert.ok(versions.length < 42, `${versions.length} publishes for 41 versions: stale versions were validated`);
    for (const published of client.published(uri)) assertMatchesItsVersion(client, published);
    client.close(uri);
  });

  it('answers cancelled completion, hover and code action requests with RequestCancelled, the others with a result', async () => {
    const uri = 'file:///r/cancel/policy.json';
    const document = client.open(uri, MERGED);
    const published = await client.waitForVersion(uri, 1);
    const position = document.positionAt(MERGED.indexOf('ses:GetAccount') + 4);
    let cancelled = 0;
    const requests: Promise<void>[] = [];
    for (let i = 0; i < 30; i++) {
      for (const [method, params] of [
        ['textDocument/completion', { textDocument: { uri }, position }],
        ['textDocument/hover', { textDocument: { uri }, position }],
        ['textDocument/codeAction', { textDocument: { uri }, range: published.diagnostics[0]!.range, context: { diagnostics: published.diagnostics } }],
      ] as const) {
        const source = new CancellationTokenSource();
        const cancel = i % 3 !== 2;
        const request = client.request(method, params, source.token).then(
          (result) => assert.ok(cancel || result, `${method} answered ${JSON.stringify(result)}`),
          (error: { code?: number }) => {
            // A request may finish before its cancellation arrives; one never cancelled must not fail.
            assert.ok(cancel, `${method} was not cancelled but failed: ${String(error)}`);
            assert.equal(error.code, -32800, `${method}: ${String(error)}`);
            cancelled++;
          },
        );
        if (cancel) source.cancel();
        requests.push(request);
      }
    }
    await Promise.all(requests);
    // The cancellations follow their requests in the same writes, so the server sees most of them
    // while the request still waits in its queue.
    assert.ok(cancelled > 0, 'no request was answered RequestCancelled');
    // Still serving afterwards.
    client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    assertMatchesItsVersion(client, await client.waitForVersion(uri, 2));
  });
});
