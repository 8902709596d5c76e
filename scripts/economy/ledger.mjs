// What the economy run saw, block by block: every event that matters to the slot economy is
// narrated as it happens (block number, phase, what happened) and counted for the summary.

import { rly } from './chain.mjs';

const num = (value) => Number(value.toString());
const big = (value) => BigInt(value.toString());

export class Ledger {
  constructor(api, names, watched) {
    this.api = api;
    this.names = names;
    /** The paras whose blocks and bids are followed. */
    this.watched = watched;
    this.phase = 'setup';
    this.best = 0;
    /** Per para: candidates included, on a pool core or the para's own. */
    this.included = new Map();
    /** Per para: fee-auction outcomes and payments. */
    this.parathread = new Map();
    /** Clearing prices by block. */
    this.clearings = [];
    this.auction = { index: null, won: [], offset: null, closedAt: null, accepted: [] };
    /** Per fund (para id): raised, contributions, refunds. */
    this.funds = new Map();
    /** Lifecycle changes: `{ block, para, lifecycle }`. */
    this.lifecycles = [];
    /** The paras that are parachains (blocks on their own core), as of the last block read. */
    this.parachains = new Set();
    this.leases = [];
    this.newLeasePeriods = [];
    /** Block of the first event of each kind, for the steps' checks. */
    this.firstSeen = new Map();
  }

  say(number, text) {
    console.log(`#${String(number).padStart(4)}  ${this.phase.padEnd(22)} ${text}`);
  }

  seen(kind, number) {
    if (!this.firstSeen.has(kind)) this.firstSeen.set(kind, number);
  }

  para(id) {
    if (!this.parathread.has(id)) {
      this.parathread.set(id, { bids: 0, won: 0, lost: 0, paid: 0n, burned: 0n, toAuthor: 0n, expired: 0, refunded: 0n });
    }
    return this.parathread.get(id);
  }

  fund(id) {
    if (!this.funds.has(id)) {
      this.funds.set(id, { raised: 0n, contributions: 0, refunded: 0n, refunds: 0, contributors: new Set() });
    }
    return this.funds.get(id);
  }

  /** Handles the events of block `number`. */
  onBlock(number, events) {
    this.best = number;
    const clearing = [];
    for (const event of events) {
      const name = `${event.section}.${event.method}`;
      const d = event.data;
      switch (name) {
        case 'paraInclusion.CandidateIncluded': {
          // Polkadot's event: (receipt, head, core, group).
          const para = num(d[0].descriptor.paraId);
          const coreIndex = num(d[2]);
          const entry = this.included.get(para) ?? { total: 0, asParachain: 0, onPool: 0 };
          entry.total += 1;
          const parachain = this.parachains.has(para);
          if (parachain) entry.asParachain += 1;
          else entry.onPool += 1;
          this.included.set(para, entry);
          this.seen(`included:${para}`, number);
          if (parachain) this.seen(`includedAsParachain:${para}`, number);
          if (entry.total === 1) {
            this.say(number, `para ${para}: first block seen included (core ${coreIndex})`);
          } else if (parachain && this.watched.includes(para) && entry.asParachain <= 3) {
            this.say(number, `para ${para}: block included on its own core ${coreIndex} (${entry.asParachain} as a parachain)`);
          }
          break;
        }
        case 'parathreads.BidPlaced':
          this.para(num(d.paraId)).bids += 1;
          break;
        case 'parathreads.BidWon': {
          const para = num(d.paraId);
          const entry = this.para(para);
          entry.won += 1;
          clearing.push(`${para} won pool core ${num(d.poolCore)} at ${rly(d.price)} (${this.names.of(d.bidder)})`);
          this.clearings.push({ block: number, para, price: big(d.price) });
          this.seen(`bidWon:${para}`, number);
          break;
        }
        case 'parathreads.BidLost': {
          const para = num(d.paraId);
          this.para(para).lost += 1;
          clearing.push(`${para} lost (${d.reason.toString()}, fee ${rly(d.fee)})`);
          break;
        }
        case 'parathreads.ClaimServed': {
          const entry = this.para(num(d.paraId));
          entry.paid += big(d.price);
          entry.burned += big(d.burned);
          entry.toAuthor += big(d.toAuthor);
          this.seen(`served:${num(d.paraId)}`, number);
          break;
        }
        case 'parathreads.ClaimExpired': {
          const entry = this.para(num(d.paraId));
          entry.expired += 1;
          entry.refunded += big(d.refunded);
          break;
        }
        case 'registrar.Reserved':
          this.say(number, `registrar.Reserved: para ${num(d.paraId)} for ${this.names.of(d.who)}`);
          break;
        case 'registrar.Registered':
          this.say(number, `registrar.Registered: para ${num(d.paraId)}, manager ${this.names.of(d.manager)}`);
          break;
        case 'paras.LifecycleChanged': {
          const para = num(d.paraId);
          const lifecycle = d.to.isSome ? d.to.unwrap().toString() : 'Removed';
          this.lifecycles.push({ block: number, para, lifecycle });
          if (lifecycle === 'Parachain') {
            this.parachains.add(para);
            if (this.watched.includes(para)) this.phase = `${para} a parachain`;
          }
          else this.parachains.delete(para);
          this.seen(`${lifecycle.charAt(0).toLowerCase()}${lifecycle.slice(1)}:${para}`, number);
          this.say(number, `paras.LifecycleChanged: para ${para} is now ${lifecycle}`);
          break;
        }
        case 'crowdloan.Created':
          this.fund(num(d.paraId));
          this.say(number, `crowdloan.Created for para ${num(d.paraId)}`);
          break;
        case 'crowdloan.Contributed': {
          const para = num(d.fundIndex);
          const fund = this.fund(para);
          fund.raised += big(d.amount);
          fund.contributions += 1;
          fund.contributors.add(this.names.of(d.who));
          this.say(number, `crowdloan.Contributed: ${this.names.of(d.who)} gave ${rly(d.amount)} to para ${para}'s fund (raised ${rly(fund.raised)})`);
          break;
        }
        case 'crowdloan.AddedToNewRaise':
        case 'crowdloan.HandleBidResult':
        case 'crowdloan.AllRefunded':
        case 'crowdloan.PartiallyRefunded':
        case 'crowdloan.Dissolved':
          this.seen(`${name}:${num(d.paraId)}`, number);
          this.say(number, `${name} ${JSON.stringify(d.toHuman())}`);
          break;
        case 'crowdloan.Withdrew':
        case 'crowdloan.Refunded': {
          // `Refunded` names the para and the fund's counter; `Withdrew` calls the para `fund_index`.
          const para = num(d.paraId ?? d.fundIndex);
          const fund = this.fund(para);
          fund.refunded += big(d.amount);
          fund.refunds += 1;
          this.say(number, `${name}: ${rly(d.amount)} back to ${this.names.of(d.who)} from para ${para}'s fund`);
          break;
        }
        case 'auctions.AuctionStarted':
          this.auction.index = num(d.auctionIndex);
          this.auction.leasePeriod = num(d.leasePeriod);
          this.auction.ending = num(d.ending);
          this.say(number, `auctions.AuctionStarted: auction ${num(d.auctionIndex)} for lease periods ${num(d.leasePeriod)}..${num(d.leasePeriod) + 7}, ending period from #${num(d.ending)}`);
          break;
        case 'auctions.BidAccepted': {
          const bid = { block: number, bidder: this.names.of(d.bidder), para: num(d.paraId), first: num(d.firstSlot), last: num(d.lastSlot), amount: big(d.amount) };
          this.auction.accepted.push(bid);
          this.say(number, `auctions.BidAccepted: ${bid.bidder} bids ${rly(bid.amount)} for para ${bid.para} on periods ${bid.first}..${bid.last}`);
          break;
        }
        case 'auctions.WinningOffset':
          this.auction.offset = num(d.blockNumber);
          this.say(number, `auctions.WinningOffset: the candle chose sample ${num(d.blockNumber)} of the ending period`);
          break;
        case 'auctions.Won': {
          const won = { bidder: this.names.of(d.bidder), para: num(d.paraId), first: num(d.firstSlot), last: num(d.lastSlot), amount: big(d.amount) };
          this.auction.won.push(won);
          this.say(number, `auctions.Won: para ${won.para} (${won.bidder}) wins periods ${won.first}..${won.last} for ${rly(won.amount)}`);
          break;
        }
        case 'auctions.AuctionClosed':
          this.auction.closedAt = number;
          this.phase = 'leases';
          this.say(number, `auctions.AuctionClosed: auction ${num(d.auctionIndex)}`);
          break;
        case 'auctions.Reserved':
          this.say(number, `auctions.Reserved: ${this.names.of(d.bidder)} holds ${rly(d.totalAmount)} for its bids`);
          break;
        case 'auctions.Unreserved':
          this.say(number, `auctions.Unreserved: ${rly(d.amount)} released to ${this.names.of(d.bidder)}`);
          break;
        case 'auctions.ReserveConfiscated':
          this.say(number, `auctions.ReserveConfiscated: ${rly(d.amount)} of ${this.names.of(d.leaser)} for para ${num(d.paraId)}`);
          break;
        case 'slots.Leased': {
          const lease = { block: number, para: num(d.paraId), leaser: this.names.of(d.leaser), first: num(d.periodBegin), count: num(d.periodCount), amount: big(d.totalAmount) };
          this.leases.push(lease);
          this.say(number, `slots.Leased: para ${lease.para} leases periods ${lease.first}..${lease.first + lease.count - 1} (${lease.leaser} holds ${rly(lease.amount)} until it ends)`);
          break;
        }
        case 'slots.NewLeasePeriod':
          this.newLeasePeriods.push({ block: number, period: num(d.leasePeriod) });
          this.say(number, `slots.NewLeasePeriod: lease period ${num(d.leasePeriod)} starts`);
          break;
        default:
          break;
      }
    }
    if (clearing.length) this.say(number, `fee auction cleared: ${clearing.join('; ')}`);
  }
}
