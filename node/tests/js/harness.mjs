// Shared harness of the JavaScript tests: starts the real `relay-node --dev` (the binary named by
// RELAY_NODE) on free ports, waits for its WebSocket RPC, connects polkadot.js, and stops the node
// (SIGTERM, then SIGKILL) when the test file is done, even if it fails.

import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

import { ApiPromise, WsProvider } from '@polkadot/api';

export const STARTUP_TIMEOUT_MS = 90_000; // until ws://127.0.0.1:<rpc> accepts connections
export const CONNECT_TIMEOUT_MS = 30_000; // ApiPromise.create (metadata download and decoding)
export const IN_BLOCK_TIMEOUT_MS = 120_000; // until the transfer is in a block
export const QUERY_TIMEOUT_MS = 30_000; // any single RPC query
export const KILL_GRACE_MS = 5_000; // SIGTERM, then SIGKILL after this
const LOG_TAIL_LINES = 60;


// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The binary to test: $RELAY_NODE, which must be an executable file. */
function relayNodeBinary() {
  const path = process.env.RELAY_NODE;
  if (!path) {
    throw new Error(
      'RELAY_NODE is not set: point it at the relay-node binary, e.g. ' +
        'RELAY_NODE=/work/main/target/release/relay-node npm test'
    );
  }
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new Error(`RELAY_NODE=${path} does not exist (${e.code ?? e.message})`);
  }
  if (!stat.isFile()) {
    throw new Error(`RELAY_NODE=${path} is not a regular file`);
  }
  try {
    accessSync(path, fsConstants.X_OK);
  } catch {
    throw new Error(`RELAY_NODE=${path} is not executable`);
  }
  return path;
}

/** Ports nothing listens on right now (distinct: all are held open until all are known). */
async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve()))));
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` after `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Whether a WebSocket upgrade to ws://127.0.0.1:<port>/ succeeds (HTTP 101) right now. */
function websocketAccepts(port, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ok) => {
      if (!settled) {
        settled = true;
        resolve(ok);
      }
    };
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: '/',
      timeout: timeoutMs,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      settle(res.statusCode === 101);
    });
    req.on('response', (res) => {
      res.resume();
      settle(false);
    });
    req.on('timeout', () => {
      req.destroy();
      settle(false);
    });
    req.on('error', () => settle(false));
    req.end();
  });
}

/** The running node: child process, ports and the tail of its log (stderr). */
export const node = {
  child: null,
  rpcPort: 0,
  p2pPort: 0,
  exited: null, // { code, signal } once the child is gone
  exitPromise: null,
  logLines: [],
  partialLine: '',

  get url() {
    return `ws://127.0.0.1:${this.rpcPort}`;
  },

  logTail() {
    const lines = [...this.logLines];
    if (this.partialLine) lines.push(this.partialLine);
    return lines.slice(-LOG_TAIL_LINES).join('\n');
  },

  /** `message` plus the node's last log lines, as an Error. */
  error(message) {
    return new Error(`${message}\n--- last lines of relay-node's log ---\n${this.logTail()}`);
  },

  record(chunk) {
    const text = this.partialLine + chunk.toString('utf8');
    const lines = text.split('\n');
    this.partialLine = lines.pop();
    this.logLines.push(...lines);
    if (this.logLines.length > 4 * LOG_TAIL_LINES) {
      this.logLines.splice(0, this.logLines.length - LOG_TAIL_LINES);
    }
  },

  async start() {
    const binary = relayNodeBinary();
    [this.rpcPort, this.p2pPort] = await freePorts(2);
    const args = [
      '--dev',
      '--tmp',
      '--rpc-port',
      String(this.rpcPort),
      '--port',
      String(this.p2pPort),
      '--no-prometheus',
      '--no-telemetry',
      '--no-mdns',
    ];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    // Always drain both pipes, or a chatty node would block on a full pipe.
    child.stdout.on('data', (c) => this.record(c));
    child.stderr.on('data', (c) => this.record(c));
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve(this.exited);
      });
    });
    await new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) => reject(new Error(`cannot start ${binary}: ${e.message}`)));
    });
  },

  /** Poll (bounded) until the WebSocket RPC accepts connections; fail early if the node dies. */
  async waitForRpc(timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited) {
        throw this.error(
          `relay-node exited before its RPC came up (code ${this.exited.code}, ` +
            `signal ${this.exited.signal})`
        );
      }
      if (await websocketAccepts(this.rpcPort)) return;
      if (Date.now() > deadline) {
        throw this.error(`relay-node's RPC at ${this.url} did not come up within ${timeoutMs} ms`);
      }
      await sleep(500);
    }
  },

  /** SIGTERM, then SIGKILL after KILL_GRACE_MS; resolves once the child is gone. */
  async stop() {
    const child = this.child;
    if (!child || this.exited) return;
    child.kill('SIGTERM');
    const exitedInTime = await Promise.race([
      this.exitPromise.then(() => true),
      sleep(KILL_GRACE_MS).then(() => false),
    ]);
    if (!exitedInTime && !this.exited) {
      child.kill('SIGKILL');
      await withTimeout(this.exitPromise, KILL_GRACE_MS, 'relay-node to die after SIGKILL').catch(
        () => {}
      );
    }
  },

  /** Last resort when this process is going away without running `after` hooks. */
  killNow() {
    if (this.child && !this.exited) {
      try {
        this.child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  },
};

process.once('exit', () => node.killNow());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    node.killNow();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

// ---------------------------------------------------------------------------------------------
// Setup and teardown
// ---------------------------------------------------------------------------------------------

let provider;
/** The connected API, set once `before` has run. */
export let api;

before(
  async () => {
    await node.start();
    await node.waitForRpc(STARTUP_TIMEOUT_MS);
    provider = new WsProvider(node.url);
    try {
      api = await withTimeout(
        ApiPromise.create({ provider, throwOnConnect: true }),
        CONNECT_TIMEOUT_MS,
        `ApiPromise.create against ${node.url}`
      );
    } catch (e) {
      throw node.error(`polkadot.js could not connect to ${node.url}: ${e.message}`);
    }
  },
  { timeout: STARTUP_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 30_000 }
);

after(
  async () => {
    try {
      if (api) {
        await withTimeout(api.disconnect(), 5_000, 'api.disconnect()').catch(() => {});
      } else if (provider) {
        await withTimeout(provider.disconnect(), 5_000, 'provider.disconnect()').catch(() => {});
      }
    } finally {
      await node.stop();
    }
  },
  { timeout: 3 * KILL_GRACE_MS + 10_000 }
);

