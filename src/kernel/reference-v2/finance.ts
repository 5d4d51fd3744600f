/**
 * Discounting and the finance outputs (docs/model.md §5, §7.3, §7.6): NPVs at two rates, the
 * breakeven BTC price by bisection, the IRR and the paybacks.
 */
import type { Flows } from './economics.ts';

/** The discount factor of month m (1-based): (1 + r)^(−m/12). */
export const discountFactor = (annualRate: number, m: number) => (1 + annualRate) ** (-m / 12);

export function npv(flows: ArrayLike<number>, annualRate: number): number {
  let sum = 0;
  for (let i = 0; i < flows.length; i++) sum += flows[i] * discountFactor(annualRate, i + 1);
  return sum;
}

export interface Valuation {
  npvMine: number;
  npvPivot: number;
  delta: number;
}

/** Mining cash flows at r_mine, hosting cash flows at r_host (§7.3). */
export function value(flows: Flows, mineRate: number, hostRate: number): Valuation {
  const npvMine = npv(flows.mine, mineRate);
  const npvPivot = npv(flows.pivotMining, mineRate) + npv(flows.pivotHosting, hostRate);
  return { npvMine, npvPivot, delta: npvPivot - npvMine };
}

export const BTC_PRICE_BRACKET = [1, 1e8] as const;
export const BTC_PRICE_TOLERANCE = 0.01;

/**
 * The P0 in [1, 10^8] at which Δ = 0 (§7.6): bisect, keeping the half whose ends differ in sign
 * (a sign is "positive" or "not positive"), until the bracket is under $0.01; the final midpoint.
 * None when Δ(1) and Δ(10^8) have the same sign. With several roots it is the one bisection finds.
 */
export function breakevenBtcPrice(delta: (price: number) => number): number | null {
  let lo: number = BTC_PRICE_BRACKET[0];
  let hi: number = BTC_PRICE_BRACKET[1];
  const loPositive = delta(lo) > 0;
  if (loPositive === delta(hi) > 0) return null;
  while (hi - lo >= BTC_PRICE_TOLERANCE) {
    const mid = (lo + hi) / 2;
    if (delta(mid) > 0 === loPositive) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export const IRR_BRACKET = [-0.99, 100] as const;
/** Cells of the grid, even in ln(1 + r), on which the IRR's sign changes are counted. */
export const IRR_GRID = 2000;

/**
 * The annual rate r in (−0.99, 100) at which the flows discount to 0 with (1+r)^(−m/12), or null
 * when the flows never change sign or the root is not unique. Choice (docs/model.md §8): the NPV is
 * sampled at 2,001 rates even in ln(1+r) across the bracket (its ends included); one sign change
 * (a sample exactly 0 counts as a change) means one root, which bisection refines to the last bit;
 * none or several mean none. Two roots closer than one cell (0.0046 in ln(1+r)) are not told apart.
 */
export function irr(flows: ArrayLike<number>): number | null {
  let positive = false;
  let negative = false;
  for (let i = 0; i < flows.length; i++) {
    if (flows[i] > 0) positive = true;
    if (flows[i] < 0) negative = true;
  }
  if (!positive || !negative) return null;
  const lnLo = Math.log1p(IRR_BRACKET[0]);
  const lnHi = Math.log1p(IRR_BRACKET[1]);
  const rateAt = (i: number) => Math.expm1(lnLo + ((lnHi - lnLo) * i) / IRR_GRID);
  // Σ cf_m · x^m with x = (1+r)^(−1/12), by Horner's rule: the NPV at r.
  const npvAt = (r: number) => {
    const x = (1 + r) ** (-1 / 12);
    let sum = 0;
    for (let i = flows.length - 1; i >= 0; i--) sum = (sum + flows[i]) * x;
    return sum;
  };
  let cell = -1;
  let prev = npvAt(rateAt(0));
  for (let i = 1; i <= IRR_GRID; i++) {
    const v = npvAt(rateAt(i));
    const change = (prev < 0 && v >= 0) || (prev > 0 && v <= 0) || (prev === 0 && v !== 0);
    if (change) {
      if (cell >= 0) return null; // a second root
      cell = i - 1;
    }
    prev = v;
  }
  if (cell < 0) return null;
  let a = rateAt(cell);
  let b = rateAt(cell + 1);
  const aNegative = npvAt(a) < 0;
  for (let iter = 0; iter < 200; iter++) {
    const mid = (a + b) / 2;
    if (mid <= a || mid >= b) break;
    const v = npvAt(mid);
    if (v === 0) return mid;
    if (v < 0 === aNegative) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

/** The first month (1-based) from which the cumulative flow stays ≥ 0 to the horizon, or null. */
export function paybackMonth(flows: ArrayLike<number>): number | null {
  let cumulative = 0;
  let lastNegative = 0;
  for (let i = 0; i < flows.length; i++) {
    cumulative += flows[i];
    if (cumulative < 0) lastNegative = i + 1;
  }
  return lastNegative === flows.length ? null : lastNegative + 1;
}
