import { appendFileSync } from 'node:fs';
// The modules themselves, not namespace copies: patching a copy would leave require('net') intact.
import dgram = require('node:dgram');
import dns = require('node:dns');
import http = require('node:http');
import http2 = require('node:http2');
import https = require('node:https');
import net = require('node:net');
import tls = require('node:tls');

/**
 * Loaded with `node --require` into the language server and the CLI by the robustness tests, and
 * into the mocha process of `npm test`, where the pure service runs: every
 * way of reaching the network throws, and is logged to IAM_NETWORK_REPORT, so a test can prove the
 * tools work offline and never try to phone anywhere (a swallowed exception still leaves its line).
 */
const report = process.env.IAM_NETWORK_REPORT;

function forbid(target: object, names: readonly string[], module: string): void {
  for (const name of names) {
    if (typeof (target as Record<string, unknown>)[name] !== 'function') continue;
    Object.defineProperty(target, name, {
      configurable: true,
      writable: true,
      value: () => {
        if (report) appendFileSync(report, `${module}.${name}\n`);
        throw new Error(`network access (${module}.${name}) is forbidden in this test`);
      },
    });
  }
}

forbid(net, ['connect', 'createConnection', 'createServer'], 'net');
forbid(net.Socket.prototype, ['connect'], 'net.Socket');
forbid(net.Server.prototype, ['listen'], 'net.Server');
forbid(http, ['request', 'get', 'createServer'], 'http');
forbid(https, ['request', 'get', 'createServer'], 'https');
forbid(tls, ['connect', 'createServer'], 'tls');
forbid(http2, ['connect', 'createServer', 'createSecureServer'], 'http2');
forbid(dgram, ['createSocket'], 'dgram');
forbid(dns, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'reverse'], 'dns');
forbid(dns.promises, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'reverse'], 'dns.promises');
if (typeof globalThis.fetch === 'function') forbid(globalThis, ['fetch'], 'globalThis');
