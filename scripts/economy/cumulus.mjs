// The relay-chain side of scripts/cumulus.sh (bring your own parachain), over polkadot.js:
//
//   node cumulus.mjs reserve  URL                      # registrar.reserve (Alice): prints the id
//   node cumulus.mjs register URL ID HEAD_FILE CODE_FILE
//                                                      # registrar.register with the collator's
//                                                      # exported genesis, then a lease (sudo
//                                                      # slots.forceLease) so it becomes a
//                                                      # parachain; waits until it is one
//   node cumulus.mjs watch    URL ID BLOCKS MIN_PERCENT
//                                                      # prints the para's head at every relay
//                                                      # block from its first inclusion on, and
//                                                      # how many of BLOCKS relay blocks included
//                                                      # it (CandidateIncluded); fails below
//                                                      # MIN_PERCENT
//
// HEAD_FILE and CODE_FILE are what `export-genesis-head` and `export-genesis-wasm` wrote (hex).

import { readFileSync } from 'node:fs';
import { connect, submit, withTimeout, sleep, RLY, QUERY_TIMEOUT_MS } from './chain.mjs';

/** What the lease holds (Alice's deposit). */
const LEASE_DEPOSIT = 100n * RLY;
/** Lease periods given: enough for any test run. */
const LEASE_PERIODS = 8;
/** Bound on the para becoming a parachain after its lease (sessions are short on testnets). */
const ONBOARDING_TIMEOUT_MS = 600_000;
/** Bound on the first inclusion after the para is a parachain. */
const FIRST_BLOCK_TIMEOUT_MS = 600_000;

const [command, url, ...args] = process.argv.slice(2);

function hexFile(path) {
  const text = readFileSync(path, 'utf8').trim();
  if (!/^0x[0-9a-fA-F]*$/.test(text)) throw new Error(`${path} does not hold 0x-prefixed hex`);
  return text;
}

async function lifecycle(api, id) {
  const value = await withTimeout(api.query.paras.paraLifecycles(id), QUERY_TIMEOUT_MS, 'paras.paraLifecycles');
  return value.isSome ? value.unwrap().toString() : 'none';
}

async function reserve(api, alice) {
  const { events } = await submit(api, api.tx.registrar.reserve(), alice, 'registrar.reserve');
  const reserved = events.find((e) => api.events.registrar.Reserved.is(e));
  if (!reserved) throw new Error('registrar.reserve: no Reserved event');
  console.log(reserved.data.paraId.toString());
}

async function register(api, alice, id, headFile, codeFile) {
  const head = hexFile(headFile);
  const code = hexFile(codeFile);
  console.error(`registering para ${id}: genesis head ${(head.length - 2) / 2} bytes, code ${(code.length - 2) / 2} bytes`);
  await submit(api, api.tx.registrar.register(id, head, code), alice, 'registrar.register');
  // Onboarding takes a session; a lease needs a registered (onboarded) para.
  const onboarded = Date.now() + ONBOARDING_TIMEOUT_MS;
  for (;;) {
    const state = await lifecycle(api, id);
    if (state !== 'Onboarding' && state !== 'none') break;
    if (Date.now() > onboarded) throw new Error(`para ${id} is still ${state}`);
    await sleep(3_000);
  }
  console.error(`para ${id} is a ${await lifecycle(api, id)}; leasing`);
  const period = Math.floor(
    ((await api.rpc.chain.getHeader()).number.toNumber() - api.consts.slots.leaseOffset.toNumber()) /
      api.consts.slots.leasePeriod.toNumber()
  );
  const lease = api.tx.slots.forceLease(id, alice.address, LEASE_DEPOSIT, period, LEASE_PERIODS);
  await submit(api, api.tx.sudo.sudo(lease), alice, 'sudo(slots.forceLease)');
  console.error(`para ${id} leases periods ${period}..${period + LEASE_PERIODS - 1}; waiting for it to be a parachain`);
  const deadline = Date.now() + ONBOARDING_TIMEOUT_MS;
  let triggered = false;
  for (;;) {
    const state = await lifecycle(api, id);
    if (state === 'Parachain') break;
    if (state === 'Parathread' && !triggered) {
      await sleep(6_000);
      // The lease started before the para was onboarded: ask for the upgrade now.
      await submit(api, api.tx.slots.triggerOnboard(id), alice, 'slots.triggerOnboard').catch((e) => console.error(e.message));
      triggered = true;
    }
    if (Date.now() > deadline) throw new Error(`para ${id} is still ${state}`);
    await sleep(3_000);
  }
  console.error(`para ${id} is a parachain`);
}

/** The number and hash of a Cumulus head (a Substrate header). */
function describeHead(api, head) {
  const header = api.createType('Header', head.toU8a(true));
  return `#${header.number.toNumber()} (${header.hash.toHex().slice(0, 18)}…)`;
}

async function watch(api, id, blocks, minPercent) {
  const deadline = Date.now() + FIRST_BLOCK_TIMEOUT_MS;
  let counted = 0;
  let included = 0;
  let started = false;
  let last = (await api.rpc.chain.getHeader()).number.toNumber();
  while (counted < blocks) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    for (let n = last + 1; n <= best && counted < blocks; n++) {
      const hash = await api.rpc.chain.getBlockHash(n);
      const at = await api.at(hash);
      const events = await at.query.system.events();
      const mine = events.filter(
        ({ event }) => api.events.paraInclusion.CandidateIncluded.is(event) && event.data[0].descriptor.paraId.toNumber() === id
      );
      if (mine.length > 0) started = true;
      if (!started) continue;
      counted += 1;
      if (mine.length > 0) included += 1;
      const head = await at.query.paras.heads(id);
      const shown = head.isSome ? describeHead(api, head.unwrap()) : 'none';
      console.log(`relay #${n}: para ${id} head ${shown}${mine.length > 0 ? ' (CandidateIncluded)' : ''}  [${included} of ${counted}]`);
    }
    last = best;
    if (!started && Date.now() > deadline) throw new Error(`para ${id} had no block included in ${FIRST_BLOCK_TIMEOUT_MS / 1000} s`);
    await sleep(1_000);
  }
  const percent = Math.round((included * 100) / counted);
  console.log(`para ${id}: included in ${included} of ${counted} consecutive relay blocks (${percent} %)`);
  if (percent < minPercent) throw new Error(`below ${minPercent} %`);
}

async function main() {
  const { api, keyring } = await connect(url);
  const alice = keyring.addFromUri('//Alice');
  try {
    if (command === 'reserve') await reserve(api, alice);
    else if (command === 'register') await register(api, alice, Number(args[0]), args[1], args[2]);
    else if (command === 'watch') await watch(api, Number(args[0]), Number(args[1]), Number(args[2]));
    else throw new Error(`unknown command ${command} (reserve, register, watch)`);
  } finally {
    await api.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
);
