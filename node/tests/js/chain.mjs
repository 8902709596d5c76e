// Chain helpers shared by the flow tests: submit a transaction and wait for its block, read block
// numbers and events, wait for a block, print a step.

import { api, IN_BLOCK_TIMEOUT_MS, node, QUERY_TIMEOUT_MS, sleep, withTimeout } from './harness.mjs';

/** Signs and submits `tx`; resolves with the block and the extrinsic's events once in a block. */
export function submit(tx, signer, what) {
  return new Promise((resolve, reject) => {
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
      () => finish(node.error(`${what} was not in a block within ${IN_BLOCK_TIMEOUT_MS} ms`)),
      IN_BLOCK_TIMEOUT_MS
    );
    tx.signAndSend(signer, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInBlock) {
        if (dispatchError) {
          const detail = dispatchError.isModule
            ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(dispatchError.asModule))
            : dispatchError.toString();
          finish(new Error(`${what} failed: ${detail}`));
          return;
        }
        finish(null, { blockHash: status.asInBlock, events: events.map((e) => e.event) });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        finish(node.error(`${what} was not included: ${status.type}`));
      }
    }).then(
      (unsub) => {
        unsubscribe = unsub;
        if (settled) unsub();
      },
      (e) => finish(node.error(`submitting ${what} failed: ${e?.stack ?? e}`))
    );
  });
}

export async function blockNumber(hash) {
  const header = await withTimeout(api.rpc.chain.getHeader(hash), QUERY_TIMEOUT_MS, 'getHeader');
  return header.number.toNumber();
}

/** The best block's number (`chain_getHeader` with no argument). */
export async function bestNumber() {
  const header = await withTimeout(api.rpc.chain.getHeader(), QUERY_TIMEOUT_MS, 'getHeader');
  return header.number.toNumber();
}

/** The events of block `number`, as `section.method(data)` strings. */
export async function eventsAt(number) {
  const hash = await withTimeout(api.rpc.chain.getBlockHash(number), QUERY_TIMEOUT_MS, 'getBlockHash');
  const at = await api.at(hash);
  const records = await withTimeout(at.query.system.events(), QUERY_TIMEOUT_MS, 'events');
  return records.map(({ event }) => `${event.section}.${event.method}${JSON.stringify(event.data.toHuman())}`);
}

export function show(label, number, events) {
  console.log(`#${number} ${label}`);
  for (const e of events) console.log(`    ${e}`);
}

/** Waits (bounded) until the best block is at least `number`. */
export async function waitForBlock(number, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while ((await bestNumber()) < number) {
    if (Date.now() > deadline) throw node.error(`block #${number} was not reached in time`);
    await sleep(2_000);
  }
}

