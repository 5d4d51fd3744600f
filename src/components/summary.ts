/**
 * The evaluation in plain words: "Pivoting 100 MW wins by $14M at $140/kW-month; it breaks even
 * at $137." Pure functions of the inputs and the evaluation, so they can be tested and reused in
 * embeds.
 */
import { formatValue, money } from '../charts/format.ts';
import type { Evaluation } from '../model/results.ts';
import type { ModelInputs } from '../model/keys.ts';

const mw = (v: number) => `${formatValue('MW', v)}`;
const lease = (v: number) => `$${Math.round(v).toLocaleString('en-US')}/kW-month`;
const usd = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;

function monthWords(m: number): string {
  const years = Math.floor((m - 1) / 12);
  return `month ${m} (year ${years + 1})`;
}

/** Who does what: "Pivoting 100 MW" or "Pivoting 40 % of the site (40 MW)". */
function subject(inputs: ModelInputs): string {
  const share = inputs.pivotSharePct;
  const moved = (inputs.siteMw * share) / 100;
  return share >= 100 ? `Pivoting ${mw(moved)}` : `Pivoting ${formatValue('%', share)} of the site (${mw(moved)})`;
}

export function headline(inputs: ModelInputs, ev: Evaluation): string {
  const who = subject(inputs);
  const at = lease(inputs.leaseUsdPerKwMonth);
  const first = ev.delta >= 0 ? `${who} wins by ${money(ev.delta)} at ${at}` : `${who} loses ${money(-ev.delta)} against mining at ${at}`;
  const be = ev.breakeven.leaseRate;
  const second = be === null ? 'no lease rate changes that' : be < 0 ? 'it would win even rent-free' : `it breaks even at ${lease(be)}`;
  return `${first}; ${second}.`;
}

export function details(inputs: ModelInputs, ev: Evaluation): string[] {
  const out: string[] = [];
  const btc = ev.breakeven.btcPrice;
  out.push(
    btc === null
      ? `The BTC price does not decide it: ${ev.delta >= 0 ? 'pivoting' : 'keeping mining'} wins at any starting price from $1 to $100M.`
      : `Pivoting is ahead while BTC stays below ${usd(btc)} at the start (now ${usd(inputs.btcPriceUsd)}); above that, mining wins.`,
  );
  const r = formatValue('%/yr', inputs.discountRatePct);
  out.push(
    ev.irr === null
      ? `The pivot's extra cash flows have no single rate of return.`
      : `The pivot's extra cash flows return ${formatValue('fraction per year', ev.irr)}, against a discount rate of ${r}.`,
  );
  if (ev.paybackMonth === null) out.push('The conversion does not pay back within the horizon.');
  else
    out.push(
      `The conversion pays back in ${monthWords(ev.paybackMonth)}` +
        (ev.discountedPaybackMonth === null
          ? '; discounted, it does not pay back within the horizon.'
          : `; discounted, in ${monthWords(ev.discountedPaybackMonth)}.`),
    );
  return out;
}
