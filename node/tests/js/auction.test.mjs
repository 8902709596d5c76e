// A slot auction on the real `relay-node --dev` (fast-runtime: 10-block epochs, 30-block lease
// periods, a 20-block ending period of 10 samples; 2-second blocks in the test suite's build),
// driven by polkadot.js:
//
//   1. //Bob, manager of the example parathread 2001, creates a crowdloan for two periods;
//      //Charlie and //Dave contribute;
//   2. //Alice (sudo) starts an auction; //Alice bids for 2001 and //Ferdie for 2000 on other
//      ranges;
//   3. in the ending period the crowdloan bids its whole raise;
//   4. once randomness unknown during bidding exists the auction closes: every winner's lease
//      is in `slots.leases`, and the crowdloan's contributors see it won.
//
// The auction runtime API (`AuctionsApi_auction`, through `api.call`) is read in every phase and
// printed, as are the events of each step.
//
// Run: RELAY_NODE=/path/to/relay-node npm test   (after `npm ci`)

import test from 'node:test';
import assert from 'node:assert/strict';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { api, node, QUERY_TIMEOUT_MS, sleep, withTimeout } from './harness.mjs';
import { bestNumber, blockNumber, eventsAt, show, submit } from './chain.mjs';

const EXAMPLE_PARACHAIN = 2000;
const EXAMPLE_PARATHREAD = 2001;
const RLY = 10_000_000_000n;
const OPENING = 10; // blocks of the opening period
const FLOW_TIMEOUT_MS = 12 * 60_000;
const CLOSE_TIMEOUT_MS = 8 * 60_000;

async function auctionView() {
  const view = await withTimeout(api.call.auctionsApi.auction(), QUERY_TIMEOUT_MS, 'AuctionsApi_auction');
  return view.toJSON();
}

/** The phase's name in lower camel case (`notStarted`, `opening`, `ending`, ...). */
function phaseName(view) {
  const phase = view.phase;
  const name = typeof phase === 'string' ? phase : Object.keys(phase)[0];
  return name.charAt(0).toLowerCase() + name.slice(1);
}

test('sudo starts an auction; bids, a crowdloan and the candle close lease the winners', { timeout: FLOW_TIMEOUT_MS }, async () => {
  assert.ok(api, 'the API is connected (see the setup failure above)');
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, bob, charlie, dave, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Ferdie'].map((u) =>
    keyring.addFromUri(u)
  );

  const leasePeriod = api.consts.slots.leasePeriod.toNumber();
  const endingPeriod = api.consts.auctions.endingPeriod.toNumber();
  const perSlot = api.consts.auctions.leasePeriodsPerSlot.toNumber();
  assert.equal(perSlot, 8, 'slots of 8 lease periods');
  assert.equal(api.consts.auctions.slotRangeCount.toNumber(), 36, '36 ranges');

  const before = await auctionView();
  console.log(`#${await bestNumber()} AuctionsApi_auction: ${JSON.stringify(before)}`);
  assert.equal(phaseName(before), 'notStarted');

  // The slot starts after the lease period the auction will close in (opening + ending + up to
  // two epochs of waiting for randomness).
  const now = await bestNumber();
  const closeBy = now + OPENING + endingPeriod + 40;
  const first = Math.floor(closeBy / leasePeriod) + 1;

  // 1. A crowdloan for 2001 over periods first+2..first+3, open until bidding ends.
  const end = now + OPENING + endingPeriod;
  const created = await submit(
    api.tx.crowdloan.create(EXAMPLE_PARATHREAD, 1_000n * RLY, first + 2, first + 3, end, null),
    bob,
    'crowdloan.create'
  );
  show('crowdloan.create (Bob)', await blockNumber(created.blockHash), created.events.map((e) => `${e.section}.${e.method}`));
  assert.ok(created.events.some((e) => api.events.crowdloan.Created.is(e)), 'crowdloan.Created');
  for (const [who, name] of [[charlie, 'Charlie'], [dave, 'Dave']]) {
    const contributed = await submit(api.tx.crowdloan.contribute(EXAMPLE_PARATHREAD, 50n * RLY, null), who, 'crowdloan.contribute');
    show(`crowdloan.contribute 50 RLY (${name})`, await blockNumber(contributed.blockHash), contributed.events.map((e) => `${e.section}.${e.method}`));
    assert.ok(contributed.events.some((e) => api.events.crowdloan.Contributed.is(e)), 'crowdloan.Contributed');
  }

  // 2. Sudo starts the auction; two accounts bid on different ranges.
  const started = await submit(api.tx.sudo.sudo(api.tx.auctions.newAuction(OPENING, first)), alice, 'sudo(auctions.newAuction)');
  const startedEvent = started.events.find((e) => api.events.auctions.AuctionStarted.is(e));
  assert.ok(startedEvent, 'auctions.AuctionStarted (the sudo call succeeded)');
  const startedAt = await blockNumber(started.blockHash);
  show(`sudo(auctions.newAuction(${OPENING}, ${first}))`, startedAt, [`auctions.AuctionStarted${JSON.stringify(startedEvent.data.toHuman())}`]);
  const auctionIndex = startedEvent.data[0].toNumber();

  const bids = [
    [alice, 'Alice', EXAMPLE_PARATHREAD, first, first + 1, 100n * RLY],
    [ferdie, 'Ferdie', EXAMPLE_PARACHAIN, first + 6, first + 7, 70n * RLY],
  ];
  let lastBidAt = startedAt;
  for (const [who, name, para, from, to, amount] of bids) {
    const min = await api.call.auctionsApi.minimumWinningBid(from, to);
    console.log(`    minimum winning bid on ${from}..${to} before ${name}'s bid: ${min.toHuman()}`);
    const placed = await submit(api.tx.auctions.bid(para, auctionIndex, from, to, amount), who, 'auctions.bid');
    const accepted = placed.events.find((e) => api.events.auctions.BidAccepted.is(e));
    assert.ok(accepted, `auctions.BidAccepted for ${name}`);
    lastBidAt = await blockNumber(placed.blockHash);
    show(`auctions.bid (${name}, para ${para}, ${from}..${to})`, lastBidAt, [
      `auctions.BidAccepted${JSON.stringify(accepted.data.toHuman())}`,
    ]);
  }

  // 3-4. Follow the phases block by block until the auction closes.
  const seen = new Map();
  const deadline = Date.now() + CLOSE_TIMEOUT_MS;
  let closedAt = null;
  let last = lastBidAt; // earlier blocks were printed above
  while (closedAt === null) {
    if (Date.now() > deadline) throw node.error('the auction did not close in time');
    const best = await bestNumber();
    for (let n = last + 1; n <= best; n++) {
      const events = await eventsAt(n);
      const interesting = events.filter((e) => e.startsWith('auctions.') || e.startsWith('crowdloan.') || e.startsWith('slots.'));
      if (interesting.length) show('', n, interesting);
      if (events.some((e) => e.startsWith('auctions.AuctionClosed'))) closedAt = n;
    }
    last = best;
    const view = await auctionView();
    const phase = phaseName(view);
    if (!seen.has(phase) && closedAt === null) {
      seen.set(phase, best);
      console.log(`#${best} AuctionsApi_auction: ${JSON.stringify(view)}`);
    }
    if (closedAt === null) await sleep(1_000);
  }
  console.log(`phases seen (first block): ${JSON.stringify(Object.fromEntries(seen))}`);
  for (const phase of ['opening', 'ending', 'waitingForRandomness']) {
    assert.ok(seen.has(phase), `the API reported the ${phase} phase`);
  }

  const closeEvents = await eventsAt(closedAt);
  assert.ok(closeEvents.some((e) => e.startsWith('auctions.WinningOffset')), 'auctions.WinningOffset');
  const won = closeEvents.filter((e) => e.startsWith('auctions.Won'));
  assert.equal(won.length, 3, 'three winners: Alice, Ferdie and the crowdloan');
  const after = await auctionView();
  console.log(`#${closedAt} AuctionsApi_auction after the close: ${JSON.stringify(after)}`);
  assert.equal(phaseName(after), 'notStarted');

  // The winners' leases.
  const offset = (await bestNumber()) >= first * leasePeriod ? first : Math.floor((await bestNumber()) / leasePeriod);
  const threadLeases = (await api.query.slots.leases(EXAMPLE_PARATHREAD)).map((l) => (l.isSome ? l.unwrap()[0].toString() : null));
  console.log(`slots.leases(${EXAMPLE_PARATHREAD}) from period ${offset}: ${JSON.stringify(threadLeases)}`);
  const fund = (await api.query.crowdloan.funds(EXAMPLE_PARATHREAD)).unwrap();
  const pot = (await api.call.crowdloanApi.fund(EXAMPLE_PARATHREAD)).toJSON();
  console.log(`crowdloan fund: ${JSON.stringify(fund.toHuman())}; CrowdloanApi_fund: ${JSON.stringify(pot)}`);
  const at = (period) => threadLeases[period - offset];
  assert.equal(at(first), alice.address, `2001 period ${first} leased to Alice`);
  assert.equal(at(first + 1), alice.address);
  assert.equal(at(first + 2), pot.pot, `2001 period ${first + 2} leased to the crowdloan pot`);
  assert.equal(at(first + 3), at(first + 2));
  const chainLeases = (await api.query.slots.leases(EXAMPLE_PARACHAIN)).map((l) => (l.isSome ? l.unwrap()[0].toString() : null));
  assert.equal(chainLeases[first + 6 - offset], ferdie.address, `2000 period ${first + 6} leased to Ferdie`);

  const mine = (await api.call.crowdloanApi.contributionsOf(charlie.address)).toJSON();
  console.log(`CrowdloanApi_contributions_of(Charlie): ${JSON.stringify(mine)}`);
  assert.equal(mine.length, 1);
});
