// Wallet compatibility: polkadot.js (@polkadot/api 16.x) against the real `relay-node --dev`.
//
// Starts the binary named by RELAY_NODE on free ports, waits until its WebSocket RPC answers,
// then checks what a wallet relies on: metadata, the balances pallet, chain properties, and a
// signed `balances.transferKeepAlive` from //Alice to //Bob (signed by polkadot.js itself, so
// the runtime's transaction extensions, CheckMetadataHash included, must be ones it knows).
//
// Run: RELAY_NODE=/path/to/relay-node npm test   (after `npm ci`)

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const STARTUP_TIMEOUT_MS = 90_000; // until ws://127.0.0.1:<rpc> accepts connections
const CONNECT_TIMEOUT_MS = 30_000; // ApiPromise.create (metadata download and decoding)
const IN_BLOCK_TIMEOUT_MS = 120_000; // until the transfer is in a block
const QUERY_TIMEOUT_MS = 30_000; // any single RPC query
const KILL_GRACE_MS = 5_000; // SIGTERM, then SIGKILL after this
const LOG_TAIL_LINES = 60;

const TRANSFER_AMOUNT = 1_000_000_000_000n; // 100 RLY (10 decimals)

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

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` after `ms`. */
function withTimeout(promise, ms, what) {
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
const node = {
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
let api;

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

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

test('polkadot.js reads metadata, balances and chain properties', () => {
  assert.ok(api, 'the API is connected (see the setup failure above)');

  const version = api.runtimeMetadata.version;
  assert.ok(version >= 14, `metadata version ${version} is at least 14`);

  assert.ok(api.tx.balances, 'the runtime has a balances pallet');
  assert.equal(
    typeof api.tx.balances.transferKeepAlive,
    'function',
    'api.tx.balances.transferKeepAlive exists'
  );

  const ed = api.consts.balances.existentialDeposit.toBigInt();
  assert.ok(ed > 0n, `existential deposit ${ed} is positive`);

  assert.equal(api.registry.chainDecimals[0], 10, 'tokenDecimals is 10');
  assert.equal(api.registry.chainTokens[0], 'RLY', "tokenSymbol is 'RLY'");
  assert.equal(api.registry.chainSS58, 42, 'ss58Format is 42');
});

test(
  'polkadot.js signs and submits a transferKeepAlive from //Alice to //Bob',
  { timeout: IN_BLOCK_TIMEOUT_MS + 6 * QUERY_TIMEOUT_MS },
  async () => {
    assert.ok(api, 'the API is connected (see the setup failure above)');

    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const alice = keyring.addFromUri('//Alice');
    const bob = keyring.addFromUri('//Bob');

    const tx = api.tx.balances.transferKeepAlive(bob.address, TRANSFER_AMOUNT);

    // Sign and submit; resolve once the transaction is in a block.
    const statuses = [];
    const included = await new Promise((resolve, reject) => {
      let unsubscribe = null;
      let settled = false;
      const finish = (error, value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (unsubscribe) unsubscribe();
        if (error) reject(error);
        else resolve(value);
      };
      const timer = setTimeout(
        () =>
          finish(
            node.error(
              `the transfer was not in a block within ${IN_BLOCK_TIMEOUT_MS} ms ` +
                `(statuses seen: ${statuses.join(', ') || 'none'})`
            )
          ),
        IN_BLOCK_TIMEOUT_MS
      );
      tx.signAndSend(alice, (result) => {
        const { status } = result;
        statuses.push(status.type);
        if (status.isInBlock || status.isFinalized) {
          finish(null, {
            blockHash: status.isInBlock ? status.asInBlock : status.asFinalized,
            txHash: result.txHash,
            txIndex: result.txIndex,
          });
        } else if (
          status.isInvalid ||
          status.isDropped ||
          status.isUsurped ||
          status.isFinalityTimeout
        ) {
          finish(
            node.error(
              `the transfer was not included: status ${status.type} ` +
                `(statuses seen: ${statuses.join(', ')})`
            )
          );
        }
      }).then(
        (unsub) => {
          unsubscribe = unsub;
          if (settled) unsub();
        },
        (e) =>
          finish(
            node.error(`signing or submitting the transfer failed: ${e?.stack ?? e}`)
          )
      );
    });

    const { blockHash, txHash } = included;

    // Find the extrinsic in its block.
    const signedBlock = await withTimeout(
      api.rpc.chain.getBlock(blockHash),
      QUERY_TIMEOUT_MS,
      'chain_getBlock'
    );
    const extrinsics = signedBlock.block.extrinsics;
    const index = extrinsics.findIndex((x) => x.hash.eq(txHash));
    assert.notEqual(
      index,
      -1,
      `transfer ${txHash.toHex()} is among the extrinsics of block ${blockHash.toHex()}`
    );
    if (included.txIndex !== undefined) {
      assert.equal(included.txIndex, index, 'polkadot.js reports the same extrinsic index');
    }

    // Its events, read from the block's System.Events.
    const records = await withTimeout(
      api.query.system.events.at(blockHash),
      QUERY_TIMEOUT_MS,
      'system.events at the inclusion block'
    );
    const ofTx = records.filter(
      ({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index)
    );
    const describe = () =>
      ofTx.map(({ event }) => `${event.section}.${event.method}${event.data.toString()}`).join('\n');

    const transfer = ofTx.find(({ event }) => {
      if (!api.events.balances.Transfer.is(event)) return false;
      const [from, to, amount] = event.data;
      return (
        from.eq(alice.publicKey) && to.eq(bob.publicKey) && amount.toBigInt() === TRANSFER_AMOUNT
      );
    });
    assert.ok(
      transfer,
      `a balances.Transfer { from: Alice, to: Bob, amount: ${TRANSFER_AMOUNT} } event for ` +
        `extrinsic ${index}; its events were:\n${describe()}`
    );
    assert.ok(
      ofTx.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)),
      `system.ExtrinsicSuccess for extrinsic ${index}; its events were:\n${describe()}`
    );
    assert.ok(
      !ofTx.some(({ event }) => api.events.system.ExtrinsicFailed.is(event)),
      `no system.ExtrinsicFailed for extrinsic ${index}; its events were:\n${describe()}`
    );

    // Bob's free balance grew by exactly the amount in that block.
    const header = await withTimeout(
      api.rpc.chain.getHeader(blockHash),
      QUERY_TIMEOUT_MS,
      'chain_getHeader'
    );
    const freeAt = async (hash) =>
      (
        await withTimeout(
          api.query.system.account.at(hash, bob.address),
          QUERY_TIMEOUT_MS,
          `system.account(Bob) at ${hash.toHex()}`
        )
      ).data.free.toBigInt();
    const bobAfter = await freeAt(blockHash);
    const bobBefore = await freeAt(header.parentHash);
    assert.equal(
      bobAfter - bobBefore,
      TRANSFER_AMOUNT,
      `Bob's free balance went from ${bobBefore} to ${bobAfter} in block ${blockHash.toHex()}`
    );
  }
);
