// Parachain scheduling and the parathread fee auction on the real `relay-node --dev` (fast-runtime;
// one validator, //Alice), driven by polkadot.js:
//
//   1. the inclusion runtime API (`InclusionApi_*`, through `api.call`) lists the validators, the
//      backing groups with their rotation, and the next block's cores: the genesis parachain 2000
//      on its own core backed by group 0, then the parathread pool cores; the persisted
//      validation data, code and head of 2000; every block carries the `paraInclusion.enter`
//      inherent;
//   2. a bid naming a stale head is refused with `parathreads.StaleHead`;
//   3. //Charlie bids for the genesis parathread 2001 with its current head hash: the bid is in
//      `ParathreadsApi_bids` of that block, and in the next block it wins a pool core at the
//      clearing price (the reserve price: fewer bids than cores), so 2001 holds a claim
//      (`ParathreadsApi_claims`) and `InclusionApi_scheduled_cores` puts it on that core;
//   4. no collator serves the claim here, so it expires after `ClaimTtl` blocks and Charlie's
//      price is released in full.
//
// Run: RELAY_NODE=/path/to/relay-node npm test   (after `npm ci`)

import test from 'node:test';
import assert from 'node:assert/strict';

import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';

import { execFileSync } from 'node:child_process';

import { api, QUERY_TIMEOUT_MS, withTimeout } from './harness.mjs';
import { bestNumber, blockNumber, eventsAt, show, submit, waitForBlock } from './chain.mjs';

const EXAMPLE_PARACHAIN = 2000;
const EXAMPLE_PARATHREAD = 2001;
const RLY = 10_000_000_000n;
const FLOW_TIMEOUT_MS = 6 * 60_000;

/** What `relay-node <args>` prints (the `export-genesis-*` commands). */
function relayNodeOutput(...args) {
  return execFileSync(process.env.RELAY_NODE, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

/** Calls `InclusionApi_<method>` (or another API) at `hash` (best block if omitted). */
async function callAt(hash, apiName, method, ...args) {
  const at = hash ? await api.at(hash) : api;
  const result = await withTimeout(at.call[apiName][method](...args), QUERY_TIMEOUT_MS, `${apiName}_${method}`);
  return result.toJSON();
}

/**
 * The bytes of an `Option<HeadData>` / `Option<ValidationCode>` runtime-call result. polkadot.js
 * 16.5.6 types such results as `Option<Bytes>` but keeps the whole SCALE encoding (the `Some` byte
 * and the length prefix) as the inner bytes, so decode them once more.
 */
function optionBytes(result) {
  return api.createType('Option<Bytes>', result.unwrap().toU8a(true)).unwrap().toHex();
}

test('the inclusion API lists parachain 2000 on its core; a parathread bid wins a claim in the next block', { timeout: FLOW_TIMEOUT_MS }, async () => {
  assert.ok(api, 'the API is connected (see the setup failure above)');
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, charlie] = ['//Alice', '//Charlie'].map((u) => keyring.addFromUri(u));

  const poolCores = api.consts.parathreads.parathreadCores.toNumber();
  const claimTtl = api.consts.parathreads.claimTtl.toNumber();
  const reserve = api.consts.parathreads.reservePrice.toBigInt();
  assert.equal(poolCores, 4, 'four parathread pool cores');

  // Let a block or two pass so there is a relay parent.
  await waitForBlock(2, 60_000);
  const best = await bestNumber();
  const bestHash = await api.rpc.chain.getBlockHash(best);

  // ---- 1. The inclusion runtime API ----
  const validators = await callAt(bestHash, 'inclusionApi', 'validators');
  console.log(`#${best} InclusionApi_validators: ${JSON.stringify(validators)}`);
  assert.deepEqual(validators, [alice.publicKey.reduce((s, b) => s + b.toString(16).padStart(2, '0'), '0x')],
    "Alice's para_validator key (the dev seed's sr25519 key) is the only validator");

  const [groups, rotation] = await callAt(bestHash, 'inclusionApi', 'validatorGroups');
  console.log(`#${best} InclusionApi_validator_groups: ${JSON.stringify([groups, rotation])}`);
  assert.deepEqual(groups, [[0]], 'one group: validator 0');
  assert.equal(rotation.now, best + 1, 'about the next block');
  assert.equal(rotation.groupRotationFrequency, 10);

  const cores = await callAt(bestHash, 'inclusionApi', 'scheduledCores');
  console.log(`#${best} InclusionApi_scheduled_cores: ${JSON.stringify(cores)}`);
  assert.equal(cores.length, 1 + poolCores, 'one parachain core and the pool cores');
  assert.deepEqual(cores[0], { coreIndex: 0, kind: { parachain: null }, paraId: EXAMPLE_PARACHAIN, groupIndex: 0 },
    'parachain 2000 on core 0, backed by group 0');
  for (let j = 0; j < poolCores; j++) {
    assert.deepEqual(cores[1 + j], { coreIndex: 1 + j, kind: { pool: { poolCore: j } }, paraId: null, groupIndex: 0 },
      `pool core ${j} is free`);
  }

  const pvd = await callAt(bestHash, 'inclusionApi', 'persistedValidationData', EXAMPLE_PARACHAIN);
  console.log(`#${best} InclusionApi_persisted_validation_data(2000): ${JSON.stringify(pvd)}`);
  const genesisHead = relayNodeOutput('export-genesis-head', '--para-id', String(EXAMPLE_PARACHAIN));
  assert.equal(pvd.parentHead, genesisHead, "2000's genesis head, as `relay-node export-genesis-head --para-id 2000` prints it");
  assert.equal(pvd.relayParentNumber, best, 'this block is the relay parent');
  assert.equal(pvd.maxPovSize, 5 * 1024 * 1024);
  assert.notEqual(pvd.relayParentStorageRoot, '0x' + '00'.repeat(32), 'a storage root was recorded');

  const codeHash = await callAt(bestHash, 'inclusionApi', 'validationCodeHash', EXAMPLE_PARACHAIN);
  const at = await api.at(bestHash);
  const code = optionBytes(await withTimeout(at.call.inclusionApi.validationCodeByHash(codeHash), QUERY_TIMEOUT_MS, 'code'));
  const head = optionBytes(await withTimeout(at.call.inclusionApi.paraHead(EXAMPLE_PARACHAIN), QUERY_TIMEOUT_MS, 'head'));
  const session = await callAt(bestHash, 'inclusionApi', 'sessionIndexForChild');
  const parents = await callAt(bestHash, 'inclusionApi', 'relayParents');
  const candidateEvents = await callAt(bestHash, 'inclusionApi', 'candidateEvents');
  console.log(`#${best} validation_code_hash(2000): ${codeHash}; validation_code_by_hash: ${code}; para_head(2000): ${head}`);
  console.log(`#${best} session_index_for_child: ${session}; relay_parents: ${JSON.stringify(parents)}; candidate_events: ${JSON.stringify(candidateEvents)}`);
  assert.equal(code, relayNodeOutput('export-genesis-wasm'), "the example para's code, as `relay-node export-genesis-wasm` prints it");
  assert.ok(code.length > 2_000, 'real validation code, not a placeholder');
  assert.equal(codeHash, blake2AsHex(code, 256));
  assert.equal(head, genesisHead);
  assert.equal((await at.query.paras.heads(EXAMPLE_PARACHAIN)).unwrap().toHex(), head, 'the same head as paras.heads');
  assert.ok(parents.length >= 1 && parents.length <= 4, 'up to AllowedRelayParents recent blocks');
  assert.deepEqual(candidateEvents, [], 'no collator yet, so no candidates');

  const block = await withTimeout(api.rpc.chain.getBlock(bestHash), QUERY_TIMEOUT_MS, 'getBlock');
  const calls = block.block.extrinsics.map((x) => `${x.method.section}.${x.method.method}`);
  console.log(`#${best} extrinsics: ${calls.join(', ')}`);
  assert.ok(calls.includes('paraInclusion.enter'), 'the mandatory inclusion inherent is in the block');

  // ---- 2. A bid naming a stale head is refused ----
  const threadHead = (await api.query.paras.heads(EXAMPLE_PARATHREAD)).unwrap();
  const headHash = blake2AsHex(threadHead.toU8a(true), 256);
  const stale = blake2AsHex('not the head', 256);
  await assert.rejects(
    submit(api.tx.parathreads.bid(EXAMPLE_PARATHREAD, RLY, stale), charlie, 'stale bid'),
    /parathreads\.StaleHead/,
    'a bid for a stale head is refused'
  );
  console.log('parathreads.bid with a stale head hash: refused with parathreads.StaleHead');

  // ---- 3. A bid wins a claim in the next block ----
  const reservedBefore = (await api.query.system.account(charlie.address)).data.reserved.toBigInt();
  const bid = await submit(api.tx.parathreads.bid(EXAMPLE_PARATHREAD, RLY, headHash), charlie, 'bid');
  const bidBlock = await blockNumber(bid.blockHash);
  show(`parathreads.bid(2001, 1 RLY, ${headHash}) by Charlie`, bidBlock, await eventsAt(bidBlock));
  const book = await callAt(bid.blockHash, 'parathreadsApi', 'bids');
  console.log(`#${bidBlock} ParathreadsApi_bids: ${JSON.stringify(book)}`);
  assert.equal(book.length, 1);
  assert.equal(book[0].paraId, EXAMPLE_PARATHREAD);
  assert.equal(book[0].wouldWin, true);

  const next = bidBlock + 1;
  await waitForBlock(next, 60_000);
  const nextHash = await api.rpc.chain.getBlockHash(next);
  const nextEvents = await eventsAt(next);
  show('clearing', next, nextEvents);
  const won = nextEvents.find((e) => e.startsWith('parathreads.BidWon'));
  assert.ok(won, `2001's bid won in block #${next}`);
  assert.match(won, /"paraId":"2,001"/);

  const claims = await callAt(nextHash, 'parathreadsApi', 'claims');
  const price = await callAt(nextHash, 'parathreadsApi', 'lastClearingPrice');
  console.log(`#${next} ParathreadsApi_claims: ${JSON.stringify(claims)}; last_clearing_price: ${price}`);
  assert.equal(claims.length, 1);
  const [poolCore, claim] = claims[0];
  assert.equal(claim.paraId, EXAMPLE_PARATHREAD);
  assert.equal(BigInt(claim.price), reserve, 'one bid, more cores than bids: the reserve price');
  assert.equal(BigInt(price), reserve);
  assert.equal(claim.expiresAt, next + claimTtl);

  const coresNext = await callAt(nextHash, 'inclusionApi', 'scheduledCores');
  console.log(`#${next} InclusionApi_scheduled_cores: ${JSON.stringify(coresNext)}`);
  const threadCore = coresNext.find((c) => c.paraId === EXAMPLE_PARATHREAD);
  assert.deepEqual(threadCore?.kind, { pool: { poolCore } }, '2001 is scheduled on the pool core it won');

  const reservedAfterWin = (await api.query.system.account(charlie.address)).data.reserved.toBigInt();
  assert.equal(reservedAfterWin - reservedBefore, reserve, 'only the clearing price stays on hold');

  // ---- 4. Unserved, the claim expires and is released in full ----
  const expiry = next + claimTtl;
  await waitForBlock(expiry, (claimTtl + 5) * 12_000);
  const expiryEvents = await eventsAt(expiry);
  show('claim expiry', expiry, expiryEvents.filter((e) => e.startsWith('parathreads.')));
  assert.ok(expiryEvents.some((e) => e.startsWith('parathreads.ClaimExpired')), 'the claim expired');
  const reservedAfter = (await api.query.system.account(charlie.address)).data.reserved.toBigInt();
  assert.equal(reservedAfter, reservedBefore, "Charlie's price is released in full");
});
