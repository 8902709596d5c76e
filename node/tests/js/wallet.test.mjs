// Wallet compatibility: polkadot.js (@polkadot/api 16.x) against the real `relay-node --dev`.
//
// Starts the binary named by RELAY_NODE on free ports, waits until its WebSocket RPC answers,
// then checks what a wallet relies on: metadata, the balances pallet, chain properties, and a
// signed `balances.transferKeepAlive` from //Alice to //Bob (signed by polkadot.js itself, so
// the runtime's transaction extensions, CheckMetadataHash included, must be ones it knows).
//
// Run: RELAY_NODE=/path/to/relay-node npm test   (after `npm ci`)

import test from 'node:test';
import assert from 'node:assert/strict';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { api, IN_BLOCK_TIMEOUT_MS, node, QUERY_TIMEOUT_MS, withTimeout } from './harness.mjs';

const TRANSFER_AMOUNT = 1_000_000_000_000n; // 100 RLY (10 decimals)

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
