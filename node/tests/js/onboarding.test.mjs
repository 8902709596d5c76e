// The para-onboarding flow on the real `relay-node --dev` (fast-runtime: 10-block sessions,
// 30-block lease periods), driven by polkadot.js as a user would:
//
//   1. the genesis paras are visible (`paras.paraLifecycles`, `slots.leases`);
//   2. //Bob reserves an id and registers the example para's code and genesis head (what
//      `relay-node export-genesis-wasm` and `export-genesis-head` print); two session
//      boundaries later the para is a parathread;
//   3. //Alice (sudo) leases it the next lease period (`sudo(slots.forceLease(...))`);
//   4. at that period's first block the upgrade is scheduled, and two session boundaries later
//      the para is a parachain.
//
// Block numbers and events of each step are printed, so a run documents the flow.
//
// Run: RELAY_NODE=/path/to/relay-node npm test   (after `npm ci`)

import { execFileSync } from 'node:child_process';
import test from 'node:test';
import assert from 'node:assert/strict';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { api, node, QUERY_TIMEOUT_MS, sleep, withTimeout } from './harness.mjs';
import { bestNumber, blockNumber, eventsAt, show, submit, waitForBlock } from './chain.mjs';

const EXAMPLE_PARACHAIN = 2000;
const EXAMPLE_PARATHREAD = 2001;
/** What `relay-node <args>` prints: the example para's code and a para's genesis head. */
function relayNodeOutput(...args) {
  return execFileSync(process.env.RELAY_NODE, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}
const LEASE_AMOUNT = 10_000_000_000n; // 1 RLY
// Two session boundaries (10-block sessions) plus slack, and one lease period (30 blocks), at
// 6-second blocks (the test suite's build has 2-second blocks).
const TRANSITION_TIMEOUT_MS = 4 * 60_000;
const FLOW_TIMEOUT_MS = 12 * 60_000;

async function lifecycle(id) {
  const value = await withTimeout(api.query.paras.paraLifecycles(id), QUERY_TIMEOUT_MS, 'lifecycle');
  return value.isSome ? value.unwrap().toString() : null;
}

/** Polls until `lifecycle(id)` is `state`; returns the block number it was first seen at. */
async function waitForLifecycle(id, state, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const number = await bestNumber();
    if ((await lifecycle(id)) === state) return number;
    if (Date.now() > deadline) {
      throw node.error(`para ${id} was not ${state} within ${timeoutMs} ms (now ${await lifecycle(id)})`);
    }
    await sleep(2_000);
  }
}

test('genesis paras are visible in paras.paraLifecycles and slots.leases', async () => {
  assert.ok(api, 'the API is connected (see the setup failure above)');
  assert.equal(await lifecycle(EXAMPLE_PARACHAIN), 'Parachain');
  assert.equal(await lifecycle(EXAMPLE_PARATHREAD), 'Parathread');
  const leases = await api.query.slots.leases(EXAMPLE_PARACHAIN);
  assert.equal(leases.length, 8, 'the example parachain leases 8 periods');
  assert.ok(leases.every((l) => l.isSome), 'every period is leased');
  const threadLeases = await api.query.slots.leases(EXAMPLE_PARATHREAD);
  assert.equal(threadLeases.length, 0, 'the example parathread has no lease');
  const parachains = (await api.query.paras.parachains()).map((id) => id.toNumber());
  assert.deepEqual(parachains, [EXAMPLE_PARACHAIN]);
});

test(
  'reserve + register + sudo(slots.forceLease) makes a parachain at the next lease period',
  { timeout: FLOW_TIMEOUT_MS },
  async () => {
    assert.ok(api, 'the API is connected (see the setup failure above)');
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const alice = keyring.addFromUri('//Alice');
    const bob = keyring.addFromUri('//Bob');

    // 1. Reserve: the id comes from the Reserved event.
    const reserved = await submit(api.tx.registrar.reserve(), bob, 'registrar.reserve');
    const reservedEvent = reserved.events.find((e) => api.events.registrar.Reserved.is(e));
    assert.ok(reservedEvent, 'registrar.Reserved was emitted');
    const id = reservedEvent.data[0].toNumber();
    assert.equal(id, 2002, 'the first free id after the genesis paras');
    show('registrar.reserve', await blockNumber(reserved.blockHash), reserved.events.map((e) => `${e.section}.${e.method}`));

    // 2. Register the example para's code and this id's genesis head, as a user would with
    //    `relay-node export-genesis-wasm` and `export-genesis-head --para-id <id>`: onboarding,
    //    then a parathread two session boundaries later.
    const code = relayNodeOutput('export-genesis-wasm');
    const genesisHead = relayNodeOutput('export-genesis-head', '--para-id', String(id));
    const registered = await submit(
      api.tx.registrar.register(id, genesisHead, code),
      bob,
      'registrar.register'
    );
    assert.ok(registered.events.some((e) => api.events.registrar.Registered.is(e)));
    const registeredAt = await blockNumber(registered.blockHash);
    show('registrar.register', registeredAt, registered.events.map((e) => `${e.section}.${e.method}`));
    assert.equal(await lifecycle(id), 'Onboarding');
    const parathreadAt = await waitForLifecycle(id, 'Parathread', TRANSITION_TIMEOUT_MS);
    console.log(`#${parathreadAt} para ${id} is a parathread`);

    // 3. Lease the next period, through sudo.
    const leasePeriod = api.consts.slots.leasePeriod.toNumber();
    const leaseOffset = api.consts.slots.leaseOffset.toNumber();
    const now = await bestNumber();
    const nextPeriod = Math.floor((now - leaseOffset) / leasePeriod) + 1;
    const leased = await submit(
      api.tx.sudo.sudo(api.tx.slots.forceLease(id, bob.address, LEASE_AMOUNT, nextPeriod, 2)),
      alice,
      'sudo(slots.forceLease)'
    );
    const leasedEvent = leased.events.find((e) => api.events.slots.Leased.is(e));
    assert.ok(leasedEvent, 'slots.Leased was emitted (the sudo call succeeded)');
    const leasedAt = await blockNumber(leased.blockHash);
    show(`sudo(slots.forceLease(${id}, bob, 1 RLY, ${nextPeriod}, 2))`, leasedAt, [
      `slots.Leased${JSON.stringify(leasedEvent.data.toHuman())}`,
    ]);
    assert.equal(await lifecycle(id), 'Parathread', 'nothing changes before the period starts');

    // 4. The period's first block schedules the upgrade.
    const periodStart = leaseOffset + nextPeriod * leasePeriod;
    await waitForBlock(periodStart, TRANSITION_TIMEOUT_MS);
    const startEvents = await eventsAt(periodStart);
    show(`lease period ${nextPeriod} starts`, periodStart, startEvents.filter((e) => !e.startsWith('system.')));
    assert.ok(startEvents.some((e) => e.startsWith('slots.NewLeasePeriod')), 'slots.NewLeasePeriod');
    assert.ok(
      startEvents.some((e) => e.startsWith('paras.LifecycleChanged') && e.includes('UpgradingParathread')),
      'the upgrade is scheduled at the period start'
    );
    const parachainAt = await waitForLifecycle(id, 'Parachain', TRANSITION_TIMEOUT_MS);
    const parachainEvents = await findLifecycleEvent(id, periodStart, parachainAt);
    show(`para ${id} is a parachain`, parachainEvents.number, parachainEvents.events);
    const parachains = (await api.query.paras.parachains()).map((p) => p.toNumber());
    assert.ok(parachains.includes(id), `paras.parachains includes ${id}`);
  }
);

/** The block in `from..=to` whose events move `id` to Parachain, and those events. */
async function findLifecycleEvent(id, from, to) {
  for (let number = from; number <= to; number++) {
    const events = (await eventsAt(number)).filter((e) => e.startsWith('paras.'));
    if (events.some((e) => e.includes('LifecycleChanged') && e.includes(`"${id.toLocaleString('en-US')}"`) && e.includes('"Parachain"'))) {
      return { number, events };
    }
  }
  throw new Error(`no paras.LifecycleChanged to Parachain for ${id} in blocks ${from}..${to}`);
}
