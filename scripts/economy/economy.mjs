// The slot economy on a live local network, narrated: a new para is registered with the example
// para's code and genesis head and its collator started; it bids for blockspace as a parathread
// against the example parathread 2001; it raises a crowdloan and wins a candle auction against
// other bidders on overlapping ranges; its lease starts and its blocks are included on its own
// core; the losing crowdloan is refunded. Ends with a summary table, and exits non-zero if any
// step did not happen. Run through scripts/economy.sh (which says what it expects).

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { bestNumber, connect, Follower, Names, numberOf, rly, RLY, sleep, submit, withTimeout, QUERY_TIMEOUT_MS } from './chain.mjs';
import { Ledger } from './ledger.mjs';
import { printSummary } from './summary.mjs';

const RPC = process.env.ECONOMY_RPC ?? 'ws://127.0.0.1:9944';
const RELAY_NODE = process.env.RELAY_NODE;
const DATA = process.env.ECONOMY_DIR ?? path.resolve('testnet-data/economy');
/** Alice's network key in scripts/testnet.sh, so her address is known. */
const ALICE_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000001';
const ALICE_P2P_PORT = 30333;
/** The new collator's ports: after the testnet's six nodes. */
const COLLATOR_P2P_PORT = Number(process.env.ECONOMY_COLLATOR_PORT ?? 30339);
const COLLATOR_RPC_PORT = Number(process.env.ECONOMY_COLLATOR_RPC_PORT ?? 9950);
const COLLATOR_PROMETHEUS_PORT = Number(process.env.ECONOMY_COLLATOR_PROMETHEUS_PORT ?? 9621);
/** The new para's collator bids a bit above 2001's collator (0.2 RLY, scripts/testnet.sh). */
const COLLATOR_FEE = '0.3';
const COLLATOR_BUDGET = '20';
/** What the para team sends its collator's account to pay for parathread blocks. */
const COLLATOR_FUNDING = 50n * RLY;
/** The fewest blocks of the auction's opening period (the contributions and a bid go in it). */
const MIN_OPENING = 8;
/** The ending-period sample from which Dave bids, so the candle decides whether he wins. */
const LATE_BID_SAMPLE = 4;
/** Included blocks of the new para on its own core that end the run. */
const BLOCKS_AS_PARACHAIN = 3;
/** The whole run's bound (the steps take about 11 minutes at 6-second blocks). */
const TIMEOUT_MS = Number(process.env.ECONOMY_TIMEOUT_S ?? 1_500) * 1_000;
const FUND_CAP = 1_000n * RLY;
const EXAMPLE_PARATHREAD = 2001;

const started = Date.now();
const steps = [];
let ledger = null;

/** Records a step that happened (or throws with what did not). */
function step(name, block, detail) {
  steps.push({ name, block, detail, ok: true });
  ledger?.say(block, `STEP ${steps.length}: ${name}${detail ? ` (${detail})` : ''}`);
}

/** Prints a command as a user would type it (`relay-node` for the binary). */
function showCommand(args) {
  const quoted = args.map((a) => (/^[\w./:=@+-]+$/.test(a) ? a : `'${a}'`));
  console.log(`        $ relay-node ${quoted.join(' ')}`);
}

function relayNode(...args) {
  showCommand(args);
  return execFileSync(RELAY_NODE, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Waits until `check()` is truthy (checked after every block the follower reads). */
async function until(follower, what, check, timeoutMs = TIMEOUT_MS) {
  const deadline = Math.min(Date.now() + timeoutMs, started + TIMEOUT_MS);
  for (;;) {
    follower.check();
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: did not happen in time (best #${ledger.best})`);
    await sleep(1_000);
  }
}

function phaseName(view) {
  const phase = view.phase;
  const name = typeof phase === 'string' ? phase : Object.keys(phase)[0];
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function rangesText(bids) {
  if (!bids.length) return 'none';
  return bids
    .map((b) => `${b.firstSlot}..${b.lastSlot}: ${b.paraId} ${names.of(b.bidder)} ${rly(b.amount)}`)
    .join('; ');
}

const names = new Names();

/** Calls `method` on the new collator's JSON-RPC (`para_head`, `para_stats`). */
async function collatorRpc(method) {
  const response = await withTimeout(
    fetch(`http://127.0.0.1:${COLLATOR_RPC_PORT}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params: [] }),
    }),
    QUERY_TIMEOUT_MS,
    method
  );
  const answer = await response.json();
  if (answer.error) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
  return answer.result;
}

async function main() {
  if (!RELAY_NODE) throw new Error('RELAY_NODE is not set (the relay-node binary, for export-genesis-* and the collator)');
  const { api, keyring } = await connect(RPC);
  const pairs = Object.fromEntries(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => [n, keyring.addFromUri(`//${n}`)]));
  for (const [name, pair] of Object.entries(pairs)) names.add(pair, name);
  const collatorKey = '//Eve//collator';
  const collatorPair = keyring.addFromUri(collatorKey);
  names.add(collatorPair, "Eve's collator");
  const { Alice, Bob, Charlie, Dave, Eve, Ferdie } = pairs;

  const leasePeriod = api.consts.slots.leasePeriod.toNumber();
  const leaseOffset = api.consts.slots.leaseOffset.toNumber();
  const endingPeriod = api.consts.auctions.endingPeriod.toNumber();
  const sampleLength = api.consts.auctions.sampleLength.toNumber();
  const chain = (await api.rpc.system.chain()).toString();
  const version = api.runtimeVersion;
  const first = await bestNumber(api);
  console.log(`${chain} (${version.specName} ${version.specVersion}) at ${RPC}: best #${first}; lease periods of ${leasePeriod} blocks from #${leaseOffset}; auctions end in ${endingPeriod} blocks sampled every ${sampleLength}`);

  ledger = new Ledger(api, names, []);
  ledger.sampleAt = new Map(); // block -> ending-period sample
  ledger.parachains = new Set((await api.query.paras.parachains()).map((p) => p.toNumber()));
  const views = new Map(); // ending-period sample -> winners in it
  let lastLeaders = '';
  const follower = new Follower(api, first + 1, async (number, hash, events, at) => {
    // The auction's phase at this block labels its events, so it is read first.
    const running = ledger.auction.index !== null && ledger.auction.closedAt === null;
    const view = running ? (await withTimeout(at.call.auctionsApi.auction(), QUERY_TIMEOUT_MS, 'AuctionsApi_auction')).toJSON() : null;
    if (view) {
      const phase = phaseName(view);
      // After the state of the closing block there is no auction: its events are the close.
      const names = { ending: `ending s${view.phase.ending?.sample}`, notStarted: 'closing' };
      ledger.phase = `auction: ${names[phase] ?? phase}`;
    }
    ledger.onBlock(number, events);
    if (!view || ledger.auction.closedAt !== null) return;
    const phase = phaseName(view);
    const leaders = rangesText(view.leaders);
    if (leaders !== lastLeaders) {
      ledger.say(number, `leaders: ${leaders}`);
      ledger.say(number, `would win now: ${rangesText(view.winners)} (value ${rly(view.winningValue)})`);
      lastLeaders = leaders;
    }
    if (phase === 'ending') {
      views.set(view.phase.ending.sample, view.winners);
      ledger.sampleAt.set(number, view.phase.ending.sample);
    }
  });

  // 1. Reserve an id and register the example para's code and genesis head under it.
  const reserved = await submit(api, api.tx.registrar.reserve(), Eve, 'registrar.reserve');
  const paraId = reserved.events.find((e) => api.events.registrar.Reserved.is(e)).data.paraId.toNumber();
  ledger.watched.push(paraId, EXAMPLE_PARATHREAD);
  step(`Eve reserved para id ${paraId}`, await numberOf(api, reserved.blockHash));
  const code = relayNode('export-genesis-wasm');
  const head = relayNode('export-genesis-head', '--para-id', String(paraId));
  const registered = await submit(api, api.tx.registrar.register(paraId, head, code), Eve, 'registrar.register');
  step(`registered ${paraId} with export-genesis-wasm (${(code.length - 2) / 2} bytes) and export-genesis-head (${(head.length - 2) / 2} bytes)`, await numberOf(api, registered.blockHash));

  // 2. Fund the collator's account and start the collator.
  const funded = await submit(api, api.tx.balances.transferKeepAlive(collatorPair.address, COLLATOR_FUNDING), Eve, 'balances.transferKeepAlive');
  mkdirSync(DATA, { recursive: true });
  const keyFile = path.join(DATA, 'alice-node-key');
  writeFileSync(keyFile, ALICE_NODE_KEY);
  const alicePeer = relayNode('key', 'inspect-node-key', '--file', keyFile);
  const log = path.join(DATA, `collator-${paraId}.log`);
  const collatorArgs = ['collator', '--para-id', String(paraId), '--collator-key', collatorKey, '--parathread-fee', COLLATOR_FEE,
    '--parathread-budget', COLLATOR_BUDGET, '--chain', 'local', '--base-path', path.join(DATA, `collator-${paraId}`),
    '--port', String(COLLATOR_P2P_PORT), '--rpc-port', String(COLLATOR_RPC_PORT), '--prometheus-port', String(COLLATOR_PROMETHEUS_PORT),
    '--no-mdns', '--no-telemetry', '--bootnodes', `/ip4/127.0.0.1/tcp/${ALICE_P2P_PORT}/p2p/${alicePeer}`];
  showCommand(collatorArgs);
  const collator = spawn(RELAY_NODE, collatorArgs, { stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')] });
  const stopCollator = () => collator.exitCode === null && collator.kill('SIGTERM');
  process.on('exit', stopCollator);
  step(`collator of ${paraId} started (pid ${collator.pid}, key ${collatorKey} funded with ${rly(COLLATOR_FUNDING)}, bids ${COLLATOR_FEE} RLY; log ${log})`, await numberOf(api, funded.blockHash));

  // 3. Onboarding takes until the second session change; crowdloans and bids need a parathread.
  await until(follower, `${paraId} onboarding`, () => ledger.firstSeen.get(`parathread:${paraId}`));
  step(`${paraId} onboarded: a parathread`, ledger.firstSeen.get(`parathread:${paraId}`));

  // 4. Plan the auction so bidding ends at a lease period's first block: the winners' leases then
  // start as soon as the candle closes it.
  const now = await bestNumber(api);
  const startAt = now + 4;
  const period = Math.ceil((startAt + MIN_OPENING + endingPeriod - leaseOffset) / leasePeriod);
  const biddingEnds = leaseOffset + period * leasePeriod;
  ledger.say(now, `plan: auction for periods ${period}..${period + 7}; bidding ends at #${biddingEnds}, the first block of period ${period}`);

  // 5. Two crowdloans: the new para's on periods p..p+1, and 2001's (Bob) on p..p+3, which loses.
  const created = await Promise.all([
    submit(api, api.tx.crowdloan.create(paraId, FUND_CAP, period, period + 1, biddingEnds, null), Eve, 'crowdloan.create'),
    submit(api, api.tx.crowdloan.create(EXAMPLE_PARATHREAD, FUND_CAP, period, period + 3, biddingEnds, null), Bob, 'crowdloan.create (2001)'),
  ]);
  step(`crowdloans created for ${paraId} (periods ${period}..${period + 1}) and ${EXAMPLE_PARATHREAD} (${period}..${period + 3})`, await numberOf(api, created[0].blockHash));
  // Read each fund at the block that created it: the best block may be on a sibling fork that
  // lacks it (BABE forks briefly with 2-second slots), as a CI run once found.
  for (const [para, { blockHash }] of [[paraId, created[0]], [EXAMPLE_PARATHREAD, created[1]]]) {
    const at = await withTimeout(api.at(blockHash), QUERY_TIMEOUT_MS, 'api.at');
    const fund = await withTimeout(at.call.crowdloanApi.fund(para), QUERY_TIMEOUT_MS, 'CrowdloanApi_fund');
    if (fund.isNone) throw new Error(`crowdloan of ${para} not found at ${blockHash}, the block that created it`);
    names.byAddress.set(fund.unwrap().pot.toString(), `crowdloan ${para}`);
  }

  // 6. The auction, through sudo (the chain's InitiateOrigin is root).
  const opening = Math.max(MIN_OPENING, biddingEnds - endingPeriod - ((await bestNumber(api)) + 1));
  const auction = await submit(api, api.tx.sudo.sudo(api.tx.auctions.newAuction(opening, period)), Alice, 'sudo(auctions.newAuction)');
  const auctionIndex = auction.events.find((e) => api.events.auctions.AuctionStarted.is(e)).data.auctionIndex.toNumber();
  step(`sudo(auctions.newAuction(${opening}, ${period})) started auction ${auctionIndex}`, await numberOf(api, auction.blockHash));

  // 7. Contributions from several accounts, and a direct bid overlapping the new para's range.
  const contributions = [
    [Charlie, paraId, 150n], [Dave, paraId, 120n], [Ferdie, paraId, 80n],
    [Alice, EXAMPLE_PARATHREAD, 40n], [Bob, EXAMPLE_PARATHREAD, 30n],
  ];
  for (const [who, para, amount] of contributions) {
    await submit(api, api.tx.crowdloan.contribute(para, amount * RLY, null), who, `crowdloan.contribute (${names.of(who.address)})`);
  }
  step(`${contributions.length} contributions from ${new Set(contributions.map(([w]) => w.address)).size} accounts`, ledger.best);
  const charlieBid = await submit(api, api.tx.auctions.bid(EXAMPLE_PARATHREAD, auctionIndex, period + 1, period + 2, 100n * RLY), Charlie, 'auctions.bid (Charlie)');
  step(`Charlie bid 100 RLY for ${EXAMPLE_PARATHREAD} on ${period + 1}..${period + 2}, overlapping ${paraId}'s range`, await numberOf(api, charlieBid.blockHash));

  // 8. In the ending period: the crowdloans bid their raise; Dave bids late, on a range that
  // overlaps Charlie's, so whether he wins depends on the sample the candle picks.
  await until(follower, 'the ending period', () => [...views.keys()].some((s) => s >= LATE_BID_SAMPLE));
  const crowdloanBids = ledger.firstSeen.get(`crowdloan.HandleBidResult:${paraId}`);
  if (crowdloanBids === undefined) throw new Error(`the crowdloan of ${paraId} did not bid in the ending period`);
  step(`the crowdloans bid their raise as the ending period began`, crowdloanBids);
  const daveBid = await submit(api, api.tx.auctions.bid(EXAMPLE_PARATHREAD, auctionIndex, period + 2, period + 5, 90n * RLY), Dave, 'auctions.bid (Dave)');
  const daveAt = await numberOf(api, daveBid.blockHash);
  await until(follower, `block #${daveAt} read`, () => ledger.best >= daveAt);
  const daveSample = ledger.sampleAt.get(daveAt);
  step(`Dave bid 90 RLY for ${EXAMPLE_PARATHREAD} on ${period + 2}..${period + 5} late, in sample ${daveSample}, overlapping Charlie's range`, daveAt);

  // 9. The candle: the auction closes once randomness unknown during bidding exists.
  await until(follower, 'the auction closing', () => ledger.auction.closedAt !== null);
  const { offset, won, closedAt } = ledger.auction;
  const sample = offset;
  const expected = views.get(sample);
  ledger.say(closedAt, `the candle chose sample ${sample}, whose winners were ${expected ? rangesText(expected) : 'not seen'}`);
  ledger.say(closedAt, `Dave's bid came in sample ${daveSample}: ${sample >= daveSample ? 'the chosen sample had it, so it counts' : 'the chosen sample was earlier, so it does not count'}`);
  const wonText = won.map((w) => `${w.para} ${w.first}..${w.last} ${w.amount}`).sort().join(';');
  const expectedText = (expected ?? []).map((w) => `${w.paraId} ${w.firstSlot}..${w.lastSlot} ${BigInt(w.amount)}`).sort().join(';');
  if (wonText !== expectedText) throw new Error(`the winners (${wonText}) are not those of the chosen sample (${expectedText})`);
  const ours = won.find((w) => w.para === paraId && w.first === period && w.last === period + 1);
  if (!ours) throw new Error(`para ${paraId} did not win periods ${period}..${period + 1}`);
  step(`candle close: sample ${sample} chosen; ${won.length} winner(s), ${paraId} among them with ${rly(ours.amount)}`, closedAt);

  // 10. The lease starts and the para becomes a parachain at a session change.
  await until(follower, `the lease of ${paraId}`, () => ledger.leases.find((l) => l.para === paraId));
  await until(follower, `${paraId} becoming a parachain`, () => ledger.firstSeen.get(`parachain:${paraId}`));
  step(`lease of ${paraId} started; it is a parachain`, ledger.firstSeen.get(`parachain:${paraId}`));

  // 11. The losing crowdloan is refunded.
  await until(follower, 'the fund ending', async () => (await bestNumber(api)) >= biddingEnds);
  const refunded = await submit(api, api.tx.crowdloan.refund(EXAMPLE_PARATHREAD), Charlie, 'crowdloan.refund');
  const dissolved = await submit(api, api.tx.crowdloan.dissolve(EXAMPLE_PARATHREAD), Bob, 'crowdloan.dissolve');
  step(`the losing crowdloan of ${EXAMPLE_PARATHREAD} refunded and dissolved`, await numberOf(api, dissolved.blockHash));
  void refunded;

  // 12. The new para's blocks on its own core.
  await until(follower, `${BLOCKS_AS_PARACHAIN} blocks of ${paraId} as a parachain`, () => (ledger.included.get(paraId)?.asParachain ?? 0) >= BLOCKS_AS_PARACHAIN);
  step(`${BLOCKS_AS_PARACHAIN} blocks of ${paraId} included on its own core`, ledger.best);

  // 13. Watch the para's blocks over its collator's RPC.
  const paraHead = await collatorRpc('para_head');
  const paraStats = await collatorRpc('para_stats');
  ledger.say(ledger.best, `collator RPC para_head: ${JSON.stringify(paraHead)}`);
  ledger.say(ledger.best, `collator RPC para_stats: ${JSON.stringify(paraStats)}`);
  if (!(Number(paraHead?.number) >= 1)) throw new Error(`para_head on the collator shows no block: ${JSON.stringify(paraHead)}`);
  step(`the collator's para_head shows block #${paraHead.number} of ${paraId}`, ledger.best);

  // 14. The two parathread collators both bought blockspace in the fee auction.
  for (const para of [EXAMPLE_PARATHREAD, paraId]) {
    const entry = ledger.parathread.get(para);
    if (!entry?.won || !entry.paid) throw new Error(`para ${para} never won and paid for a pool core`);
  }
  const cores = api.consts.parathreads.parathreadCores.toNumber();
  step(`both parathread collators (${EXAMPLE_PARATHREAD}, ${paraId}) won pool cores in the fee auction and paid (${cores} pool cores)`, ledger.best);

  await follower.stop();
  stopCollator();
  printSummary({ ledger, steps, seconds: Math.round((Date.now() - started) / 1000), first, cores });
  await api.disconnect();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`\nFAILED after ${Math.round((Date.now() - started) / 1000)} s: ${e.message}`);
    console.error(`steps done: ${steps.length}`);
    if (ledger) printSummary({ ledger, steps, seconds: Math.round((Date.now() - started) / 1000), first: null, cores: null });
    process.exit(1);
  }
);
