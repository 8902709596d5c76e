// The economy run's closing tables: the steps, the auction's winners, the crowdloans, blocks
// included per para, and what the fee auction cost each parathread.

import { rly } from './chain.mjs';

function table(title, header, rows) {
  console.log(`\n${title}`);
  if (!rows.length) {
    console.log('  (none)');
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `  ${cells.map((c, i) => String(c).padEnd(widths[i])).join('  ')}`.trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

export function printSummary({ ledger, steps, seconds, first, cores }) {
  console.log(`\n==================== summary (${seconds} s${first !== null ? `, blocks #${first + 1}..#${ledger.best}` : ''}) ====================`);
  table('Steps', ['#', 'block', 'step'], steps.map((s, i) => [i + 1, `#${s.block}`, s.name]));

  const { auction } = ledger;
  table(
    `Auction ${auction.index ?? '-'} (periods ${auction.leasePeriod ?? '-'}..${auction.leasePeriod === undefined ? '-' : auction.leasePeriod + 7}; candle sample ${auction.offset ?? '-'})`,
    ['para', 'bidder', 'periods', 'amount', 'result'],
    auction.accepted.map((b) => {
      const won = auction.won.some((w) => w.para === b.para && w.first === b.first && w.last === b.last && w.amount === b.amount);
      return [b.para, b.bidder, `${b.first}..${b.last}`, rly(b.amount), auction.closedAt === null ? 'open' : won ? 'WON' : 'lost'];
    })
  );

  table(
    'Crowdloans',
    ['para', 'contributions', 'contributors', 'raised', 'refunded'],
    [...ledger.funds.entries()].map(([para, f]) => [para, f.contributions, [...f.contributors].join(', '), rly(f.raised), rly(f.refunded)])
  );

  table(
    'Leases won (recorded at the close; each starts with its first period)',
    ['block', 'para', 'leaser', 'periods', 'held'],
    ledger.leases.map((l) => [`#${l.block}`, l.para, l.leaser, `${l.first}..${l.first + l.count - 1}`, rly(l.amount)])
  );

  table(
    'Blocks included per para',
    ['para', 'total', 'on pool cores', 'on its own core', 'first seen'],
    [...ledger.included.entries()]
      .sort(([a], [b]) => a - b)
      .map(([para, e]) => [para, e.total, e.onPool, e.asParachain, `#${ledger.firstSeen.get(`included:${para}`)}`])
  );

  const prices = ledger.clearings.map((c) => c.price);
  const low = prices.length ? prices.reduce((a, b) => (b < a ? b : a)) : null;
  const high = prices.length ? prices.reduce((a, b) => (b > a ? b : a)) : null;
  table(
    `Fee auction (parathreads; ${cores ?? '-'} pool cores; clearing prices ${low === null ? '-' : `${rly(low)}..${rly(high)}`}: the price is the highest outbid fee, or the reserve when every bid finds a free core)`,
    ['para', 'bids', 'won', 'lost', 'paid', 'burned', 'to authors', 'expired (refunded)'],
    [...ledger.parathread.entries()]
      .sort(([a], [b]) => a - b)
      .map(([para, e]) => [para, e.bids, e.won, e.lost, rly(e.paid), rly(e.burned), rly(e.toAuthor), `${e.expired} (${rly(e.refunded)})`])
  );
}
