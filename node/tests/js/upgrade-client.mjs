// A polkadot.js client that lives through a runtime upgrade. `node/tests/integration/upgrade.rs` starts it
// against a live network before the upgrade:
//
//   node upgrade-client.mjs <ws-url> <new spec_version>
//
// It prints one JSON line per step on stdout:
//   1. connected: {"ready":true,"specVersion":…,"constSpecVersion":…};
//   2. once the chain runs the new runtime and the same ApiPromise has re-read the metadata:
//      {"upgraded":true,"specVersion":…,"constSpecVersion":…} (`api.consts.system.version`
//      comes from the metadata, so it shows which metadata the client decodes with);
//   3. after reading "go" on stdin: signs and submits a transfer //Bob -> //Ferdie (1 RLY) with
//      that client and prints {"ok":true,"block":…} once it is in a block with
//      `system.ExtrinsicSuccess`, or {"ok":false,"error":…}.
// Exits 0 after step 3; non-zero with a message on stderr on any failure or after 4 minutes.
// Not a `node --test` file (its name does not end in .test.mjs): the Rust test drives it.

import { createInterface } from 'node:readline';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const TIMEOUT_MS = 240_000;
const POLL_MS = 500;
const AMOUNT = 10_000_000_000n; // 1 RLY

const [url, newVersionArg] = process.argv.slice(2);
const newVersion = Number(newVersionArg);
if (!url || !Number.isInteger(newVersion)) {
  console.error('usage: node upgrade-client.mjs <ws-url> <new spec_version>');
  process.exit(64);
}
const timer = setTimeout(() => {
  console.error(`upgrade-client: timed out after ${TIMEOUT_MS} ms`);
  process.exit(2);
}, TIMEOUT_MS);

const say = (value) => console.log(JSON.stringify(value));
const versions = (api) => ({
  specVersion: api.runtimeVersion.specVersion.toNumber(),
  constSpecVersion: api.consts.system.version.specVersion.toNumber(),
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once('line', resolve));

try {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(url), throwOnConnect: true });
  say({ ready: true, ...versions(api) });

  // polkadot.js follows the runtime version itself and re-reads the metadata when it changes.
  while (versions(api).specVersion !== newVersion || versions(api).constSpecVersion !== newVersion) {
    await sleep(POLL_MS);
  }
  say({ upgraded: true, ...versions(api) });

  while ((await nextLine()).trim() !== 'go') {
    // ignore anything else
  }
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [bob, ferdie] = ['//Bob', '//Ferdie'].map((uri) => keyring.addFromUri(uri));
  const result = await new Promise((resolve, reject) => {
    api.tx.balances
      .transferKeepAlive(ferdie.address, AMOUNT)
      .signAndSend(bob, ({ status, dispatchError }) => {
        if (status.isInBlock) {
          resolve(dispatchError ? { ok: false, error: dispatchError.toString() } : { ok: true, block: status.asInBlock.toHex() });
        } else if (status.isInvalid || status.isDropped || status.isUsurped) {
          resolve({ ok: false, error: status.type });
        }
      })
      .catch(reject);
  });
  say(result);
  clearTimeout(timer);
  await api.disconnect();
  process.exit(result.ok ? 0 : 1);
} catch (e) {
  console.error(`upgrade-client: ${e?.stack ?? e}`);
  process.exit(1);
}
