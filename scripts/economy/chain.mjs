// Chain access for the economy run: connecting, signing and submitting, amounts, names, and a
// follower that reads every block of the best chain in order and hands its events to the ledger.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** Plancks per RLY (10 decimals). */
export const RLY = 10_000_000_000n;
/** Bound on any single RPC answer. */
export const QUERY_TIMEOUT_MS = 30_000;
/** Bound on a transaction reaching a block. */
export const IN_BLOCK_TIMEOUT_MS = 120_000;
/** Bound on connecting (metadata download included). */
export const CONNECT_TIMEOUT_MS = 60_000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` after `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** An amount in plancks as RLY with up to 4 decimals (`12.5 RLY`). */
export function rly(plancks) {
  const value = BigInt(plancks.toString());
  const whole = value / RLY;
  const fraction = ((value % RLY) * 10_000n) / RLY;
  const digits = fraction === 0n ? '' : `.${fraction.toString().padStart(4, '0').replace(/0+$/, '')}`;
  return `${whole}${digits} RLY`;
}

/** The dev accounts by address, for readable output; other accounts print shortened. */
export class Names {
  constructor() {
    this.byAddress = new Map();
  }
  add(pair, name) {
    this.byAddress.set(pair.address, name);
  }
  of(account) {
    const address = account.toString();
    return this.byAddress.get(address) ?? `${address.slice(0, 6)}…${address.slice(-4)}`;
  }
}

/** Connects to `url` and returns `{ api, keyring }`. */
export async function connect(url) {
  await cryptoWaitReady();
  const provider = new WsProvider(url, 2_000);
  const api = await withTimeout(ApiPromise.create({ provider, noInitWarn: true }), CONNECT_TIMEOUT_MS, `connecting to ${url}`);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return { api, keyring };
}

/** The `section.Name` of a dispatch error. */
export function dispatchErrorName(api, error) {
  if (error.isModule) {
    const { section, name } = api.registry.findMetaError(error.asModule);
    return `${section}.${name}`;
  }
  return error.toString();
}

/**
 * Signs and submits `tx`; resolves with `{ blockHash, events }` once it is in a block, rejects with
 * the dispatch error's name if it failed (a sudo call's inner error included).
 */
export function submit(api, tx, signer, what) {
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
    const timer = setTimeout(() => finish(new Error(`${what} was not in a block within ${IN_BLOCK_TIMEOUT_MS} ms`)), IN_BLOCK_TIMEOUT_MS);
    tx.signAndSend(signer, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInBlock) {
        if (dispatchError) {
          finish(new Error(`${what} failed: ${dispatchErrorName(api, dispatchError)}`));
          return;
        }
        const list = events.map((e) => e.event);
        const sudid = list.find((e) => api.events.sudo?.Sudid?.is(e));
        if (sudid && sudid.data.sudoResult.isErr) {
          finish(new Error(`${what} failed under sudo: ${dispatchErrorName(api, sudid.data.sudoResult.asErr)}`));
          return;
        }
        finish(null, { blockHash: status.asInBlock, events: list });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        finish(new Error(`${what} was not included: ${status.type}`));
      }
    }).then(
      (unsub) => {
        unsubscribe = unsub;
        if (settled) unsub();
      },
      (e) => finish(new Error(`submitting ${what} failed: ${e?.message ?? e}`))
    );
  });
}

export async function bestNumber(api) {
  const header = await withTimeout(api.rpc.chain.getHeader(), QUERY_TIMEOUT_MS, 'chain_getHeader');
  return header.number.toNumber();
}

export async function numberOf(api, hash) {
  const header = await withTimeout(api.rpc.chain.getHeader(hash), QUERY_TIMEOUT_MS, 'chain_getHeader');
  return header.number.toNumber();
}

/**
 * Reads the best chain block by block, in order, and calls `onBlock(number, hash, events, at)` for
 * each (`at` is the API at that block). Runs until `stop()` is called.
 */
export class Follower {
  constructor(api, from, onBlock) {
    this.api = api;
    this.next = from;
    this.onBlock = onBlock;
    this.stopped = false;
    this.error = null;
    this.done = this.run();
  }
  async run() {
    try {
      while (!this.stopped) {
        const best = await bestNumber(this.api);
        if (this.next > best) {
          await sleep(500);
          continue;
        }
        const hash = await withTimeout(this.api.rpc.chain.getBlockHash(this.next), QUERY_TIMEOUT_MS, 'chain_getBlockHash');
        const at = await this.api.at(hash);
        const records = await withTimeout(at.query.system.events(), QUERY_TIMEOUT_MS, 'system.events');
        await this.onBlock(this.next, hash, records.map((r) => r.event), at);
        this.next += 1;
      }
    } catch (e) {
      this.error = e;
    }
  }
  /** Throws the follower's error, if it stopped on one. */
  check() {
    if (this.error) throw this.error;
  }
  async stop() {
    this.stopped = true;
    await this.done;
  }
}
