// Preload (`node --require test/reliability/no-network.js …` or NODE_OPTIONS=--require=…) that makes every outgoing
// network connection and every process spawn fail loudly: net.connect / net.createConnection / net.Socket#connect,
// tls.connect, http(s).request / get, dns.lookup / resolve*, dgram.createSocket, globalThis.fetch and every
// child_process function are replaced by functions that record the call and throw. Each call is appended (one JSON
// line: { pid, api, args, stack }) to the file named by NO_NETWORK_LOG, if set; `<that file>.loaded` gets one line
// per process or thread that loaded the preload. The stdio transport of the language
// server keeps working: it reads and writes the process's own stdin / stdout and opens no connection. Worker threads
// are not touched (the CLI runs its own bundle in them; they load this preload too, through execArgv).
'use strict';
const fs = require('node:fs');

const appendFileSync = fs.appendFileSync;
const logFile = process.env.NO_NETWORK_LOG;

function blocked(api) {
  return function () {
    const args = Array.prototype.slice.call(arguments, 0, 3).map((a) => {
      try {
        return typeof a === 'function' ? '[function]' : JSON.stringify(a)?.slice(0, 200);
      } catch {
        return String(a);
      }
    });
    const entry = { pid: process.pid, api, args, stack: String(new Error().stack).split('\n').slice(2, 8).join('\n') };
    if (logFile) appendFileSync(logFile, JSON.stringify(entry) + '\n');
    const err = new Error(`no-network: ${api} is blocked in this test`);
    err.code = 'ENONETWORK';
    throw err;
  };
}

function replace(mod, name, names) {
  const m = require(mod);
  for (const n of names) {
    if (typeof m[n] === 'function') m[n] = blocked(`${name}.${n}`);
  }
}

replace('node:net', 'net', ['connect', 'createConnection']);
const net = require('node:net');
net.Socket.prototype.connect = blocked('net.Socket.prototype.connect');
replace('node:tls', 'tls', ['connect']);
replace('node:http', 'http', ['request', 'get']);
replace('node:https', 'https', ['request', 'get']);
replace('node:http2', 'http2', ['connect']);
replace('node:dns', 'dns', [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCname',
  'resolveMx',
  'resolveNs',
  'resolveTxt',
  'resolveSrv',
  'reverse',
]);
const dnsPromises = require('node:dns').promises;
for (const n of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) {
  if (typeof dnsPromises[n] === 'function') dnsPromises[n] = blocked(`dns.promises.${n}`);
}
replace('node:dgram', 'dgram', ['createSocket']);
replace('node:child_process', 'child_process', [
  'spawn',
  'spawnSync',
  'exec',
  'execSync',
  'execFile',
  'execFileSync',
  'fork',
]);
if (typeof globalThis.fetch === 'function') globalThis.fetch = blocked('fetch');

// Proof that the guard is in place: one line per process or worker thread that loaded it.
if (logFile) appendFileSync(`${logFile}.loaded`, `${process.pid}:${require('node:worker_threads').threadId}\n`);
