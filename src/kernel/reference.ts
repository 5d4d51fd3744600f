/**
 * The plain-TypeScript reference model: docs/model.md §2–§5 written for clarity, not speed. It is
 * the oracle the WASM kernel is tested against and the baseline of the benchmark. It walks the
 * chain block by block; the kernel jumps from event to event. Keep the two separate.
 *
 * Conventions (docs/model.md; the choices of docs/model.md §8 are marked "choice"):
 * - Time is seconds after t0, the instant the tip block `startHeight` is found.
 * - W(t) is the cumulative number of hashes the network has done since t0. Block k after the tip
 *   is found when W reaches the sum of `D_j · 2^32` over j ≤ k, so within an epoch (constant D)
 *   the blocks are equally spaced in W. W and its inverse are closed forms.
 * - choice: a block belongs to month m when W((m−1)·month) ≤ W_k < W(m·month). Comparing in W
 *   rather than in time keeps the block counts free of one rounding step.
 * - choice: a fleet refresh buys hardware for the megawatts that mine in the month after it.
 * - choice: revenue per MW-year counts mining revenue, the demand-response credit and the expected
 *   rent (after default and recovery); EBITDA counts mining EBITDA and expected NOI.
 */
import type { ModelInputs } from '../model/keys.ts';
import { MONTH_SECONDS as MONTH } from '../model/keys.ts';
import type {
  EvaluationV1 as Evaluation,
  HalvingEvent,
  ModelV1 as Model,
  MonthRowV1 as MonthRow,
  ProjectionV1 as Projection,
  RetargetEvent,
} from '../model/results.ts';

const TWO_32 = 2 ** 32;
const HALVING_INTERVAL = 210_000;
const RETARGET_INTERVAL = 2016;
const TARGET_TIMESPAN = 1_209_600;
const HOURS_PER_MONTH = 730.5;
const DAYS_PER_MONTH = 30.4375;

export function subsidySats(height: number): number {
  const halvings = Math.floor(height / HALVING_INTERVAL);
  return halvings >= 64 ? 0 : Math.floor(5_000_000_000 / 2 ** halvings);
}

/** The network's cumulative work W(t) and its inverse (docs/model.md §2.3: exponential growth, exit shock). */
export class HashrateCurve {
  readonly n0: number;
  readonly a: number; // ln(1 + g), the continuous growth rate per month
  readonly shockAt: number;
  readonly keep: number; // 1 − φ

  constructor(inputs: ModelInputs) {
    this.n0 = inputs.hashrateEhs * 1e18;
    this.a = Math.log1p(inputs.hashrateGrowthPctPerMonth / 100);
    this.shockAt = inputs.exitMonth * MONTH;
    this.keep = 1 - inputs.exitSharePct / 100;
  }

  /** ∫0^t N0·(1+g)^(s/month) ds, without the shock. */
  private base(t: number): number {
    return this.a === 0 ? this.n0 * t : (this.n0 * MONTH * Math.expm1((this.a * t) / MONTH)) / this.a;
  }

  private baseInverse(w: number): number {
    if (this.a === 0) return w / this.n0;
    const x = (this.a * w) / (this.n0 * MONTH);
    return x <= -1 ? Infinity : (MONTH * Math.log1p(x)) / this.a;
  }

  work(t: number): number {
    if (t <= this.shockAt) return this.base(t);
    const atShock = this.base(this.shockAt);
    return atShock + this.keep * (this.base(t) - atShock);
  }

  timeOfWork(w: number): number {
    const atShock = this.base(this.shockAt);
    if (w <= atShock) return this.baseInverse(w);
    return this.baseInverse(atShock + (w - atShock) / this.keep);
  }
}

/** Everything the economics needs from the network, month by month. */
export interface NetworkMonths {
  projection: Projection;
  /** BTC a fleet of 1 H/s earns in month m (index m−1), before uptime, curtailment and pool fee. */
  btcPerHashSecond: number[];
}

export function projectNetwork(inputs: ModelInputs): NetworkMonths {
  const months = 12 * inputs.horizonYears;
  const horizon = months * MONTH;
  const curve = new HashrateCurve(inputs);
  const fees = inputs.feesBtcPerBlock;
  const monthEndWork = Array.from({ length: months + 1 }, (_, m) => curve.work(m * MONTH));

  const rows: MonthRow[] = [];
  const btcPerHashSecond: number[] = new Array(months).fill(0);
  const retargets: RetargetEvent[] = [];
  const halvings: HalvingEvent[] = [];

  const h0 = inputs.startHeight;
  // Times of the epoch's first block and of each block as found (only what the retarget needs).
  let epochFirstTime = -inputs.epochElapsedSeconds;
  let difficulty = inputs.startDifficulty; // of the block being mined
  let epochBaseWork = 0; // W when the block before this epoch's first mined block was found
  let epochBaseHeight = h0;
  let prevTime = 0; // when the previous block was found
  let height = h0;

  // Month accumulators.
  let month = 1;
  let blocks = 0;
  let issuedSats = 0;

  const closeMonth = (nextDifficulty: number) => {
    const m = month;
    const mid = inputs.btcPriceUsd * (1 + inputs.btcPriceGrowthPctPerYear / 100) ** ((m - 0.5) / 12);
    const btcIssued = issuedSats / 1e8;
    const feesBtc = blocks * fees;
    rows.push({
      month: m,
      endHeight: height,
      difficulty: nextDifficulty,
      hashrateEhs: (monthEndWork[m] - monthEndWork[m - 1]) / MONTH / 1e18,
      blocks,
      btcIssued,
      feesBtc,
      btcPriceUsd: mid,
      hashpriceUsdPerPhDay: ((btcPerHashSecond[m - 1] * 1e15) / (MONTH / 86400)) * mid,
      securityBudgetUsdPerDay: ((btcIssued + feesBtc) * mid) / DAYS_PER_MONTH,
    });
    month += 1;
    blocks = 0;
    issuedSats = 0;
  };

  /** Adds the interval [from, to) mined at `difficulty` for `reward` BTC a block to the months it spans. */
  const accrue = (from: number, to: number, reward: number) => {
    const end = Math.min(to, horizon);
    let t = from;
    while (t < end) {
      const m = Math.floor(t / MONTH) + 1;
      const stop = Math.min(end, m * MONTH);
      btcPerHashSecond[m - 1] += ((stop - t) * reward) / (difficulty * TWO_32);
      t = stop;
    }
  };

  let prevWork = 0; // W when the previous block was found
  while (month <= months) {
    const h = height + 1;
    if (h % RETARGET_INTERVAL === 0 && h > h0 + 1) {
      // prevTime is when block h−1 was found: 2015 intervals after the epoch's first block.
      const actual = Math.min(Math.max(prevTime - epochFirstTime, TARGET_TIMESPAN / 4), TARGET_TIMESPAN * 4);
      difficulty = (difficulty * TARGET_TIMESPAN) / actual;
      epochBaseWork = prevWork;
      epochBaseHeight = height;
    }
    const reward = subsidySats(h) / 1e8 + fees;
    const work = epochBaseWork + (h - epochBaseHeight) * difficulty * TWO_32;
    const time = curve.timeOfWork(work);
    accrue(prevTime, time, reward);
    // Months that end before block h is found close with block h as the next block.
    while (month <= months && !(work < monthEndWork[month])) closeMonth(difficulty);
    if (month > months) break;
    if (h % RETARGET_INTERVAL === 0) {
      epochFirstTime = time;
      if (h > h0 + 1) retargets.push({ height: h, seconds: time, difficulty });
    }
    if (h % HALVING_INTERVAL === 0) halvings.push({ height: h, seconds: time, subsidyBtc: subsidySats(h) / 1e8 });
    blocks += 1;
    issuedSats += subsidySats(h);
    height = h;
    prevTime = time;
    prevWork = work;
  }
  return { projection: { months: rows, retargets, halvings }, btcPerHashSecond };
}

/** Monthly cash flows of both paths, with what the breakevens and per-MW figures need. */
export interface PathFlows {
  /** Cash flow of each path in month m (index m−1), exit values included in the final month. */
  mine: number[];
  pivot: number[];
  /** The pivot path's expected NOI per $1/kW-month of first-year rent (it is linear in the rate). */
  noiPerLeaseDollar: number[];
  revenue: { mine: number; pivot: number };
  ebitda: { mine: number; pivot: number };
}

interface MiningMonth {
  revenue: number;
  drCredit: number;
  ebitda: number;
}

/** One month of mining on `mw` gross megawatts with fleet efficiency `jPerTh` (docs/model.md §3). */
function miningMonth(s: ModelInputs, mw: number, jPerTh: number, btcPerHashSecond: number, price: number): MiningMonth {
  const running = (s.uptimePct / 100) * (1 - s.curtailedPct / 100);
  const fleetHs = ((mw * 1e6) / s.miningPue / jPerTh) * 1e12;
  const btc = running * (1 - s.poolFeePct / 100) * fleetHs * btcPerHashSecond;
  let revenue = btc * price;
  let power = mw * 1000 * HOURS_PER_MONTH * running * s.powerUsdPerKwh;
  // Shutdown rule: a month whose revenue is below its power cost has neither.
  if (revenue < power) {
    revenue = 0;
    power = 0;
  }
  const drCredit = mw * HOURS_PER_MONTH * (s.curtailedPct / 100) * s.demandResponseUsdPerMwh;
  const opex = s.opexUsdPerMwMonth * mw;
  return { revenue, drCredit, ebitda: revenue - power + drCredit - opex };
}

export function cashFlows(s: ModelInputs, net: NetworkMonths): PathFlows {
  const months = 12 * s.horizonYears;
  const alpha = s.pivotSharePct / 100;
  const c0 = s.pivotStartMonth;
  const build = s.buildMonths;
  const itMw = (alpha * s.siteMw) / s.grossToItRatio;
  const capexPerMonth = (s.capexMusdPerMwIt * 1e6 * itMw) / build;
  const refreshMonths = 12 * s.refreshYears;
  const survivalBase = 1 - s.defaultPctPerYear / 100;

  const mine: number[] = [];
  const pivot: number[] = [];
  const noiPerLeaseDollar: number[] = [];
  const mineEbitda: number[] = [];
  const pivotMiningEbitda: number[] = [];
  const revenue = { mine: 0, pivot: 0 };
  const ebitda = { mine: 0, pivot: 0 };

  for (let m = 1; m <= months; m++) {
    const price = net.projection.months[m - 1].btcPriceUsd;
    const x = net.btcPerHashSecond[m - 1];
    // Fleet efficiency: refreshed at the end of months 12·L·j, in effect from the month after.
    const refreshesDone = refreshMonths > 0 ? Math.floor((m - 1) / refreshMonths) : 0;
    const jPerTh = s.fleetJPerTh * (1 - s.efficiencyGainPctPerYear / 100) ** (s.refreshYears * refreshesDone);
    const refreshNow = refreshMonths > 0 && m % refreshMonths === 0;
    const refreshCapex = (mw: number) => {
      if (!refreshNow) return 0;
      const newJPerTh = s.fleetJPerTh * (1 - s.efficiencyGainPctPerYear / 100) ** (s.refreshYears * (m / refreshMonths));
      return ((mw * 1e6) / s.miningPue / newJPerTh) * s.asicUsdPerTh;
    };

    // Keep mining: the whole site.
    const a = miningMonth(s, s.siteMw, jPerTh, x, price);
    mine.push(a.ebitda - refreshCapex(s.siteMw));
    mineEbitda.push(a.ebitda);
    revenue.mine += a.revenue + a.drCredit;
    ebitda.mine += a.ebitda;

    // Pivot: the site mines whole until c0, then only the part that is not converted.
    const miningMw = m <= c0 ? s.siteMw : (1 - alpha) * s.siteMw;
    const nextMiningMw = m + 1 <= c0 ? s.siteMw : (1 - alpha) * s.siteMw;
    const b = miningMonth(s, miningMw, jPerTh, x, price);
    const conversion = m > c0 && m <= c0 + build ? capexPerMonth : 0;
    const k = m - c0 - build; // lease month
    let unitNoi = 0;
    let unitRent = 0; // expected rent collected per $1/kW-month, before the margin
    if (k >= 1 && k <= 12 * s.leaseTermYears) {
      const rent = itMw * 1000 * (1 + s.leaseEscalatorPct / 100) ** Math.floor((k - 1) / 12);
      const survival = survivalBase ** (k / 12);
      unitNoi = rent * (s.noiMarginPct / 100) * (survival + (1 - survival) * (s.recoveryPct / 100));
      unitRent = rent * (survival + (1 - survival) * (s.recoveryPct / 100));
    }
    const noi = unitNoi * s.leaseUsdPerKwMonth;
    // Revenue counts the rent collected, whatever share of it the NOI margin keeps (docs/model.md §8).
    const grossRentShare = unitRent * s.leaseUsdPerKwMonth;
    pivot.push(b.ebitda - refreshCapex(nextMiningMw) - conversion + noi);
    noiPerLeaseDollar.push(unitNoi);
    pivotMiningEbitda.push(b.ebitda);
    revenue.pivot += b.revenue + b.drCredit + grossRentShare;
    ebitda.pivot += b.ebitda + noi;
  }

  // Exit values at the horizon: each path's multiple times its trailing 12 months of EBITDA.
  const trailing = (xs: number[]) => xs.slice(-12).reduce((acc, v) => acc + v, 0);
  const exitMine = s.exitMultipleMine * trailing(mineEbitda);
  const trailingNoiUnit = trailing(noiPerLeaseDollar);
  const exitPivot = s.exitMultipleMine * trailing(pivotMiningEbitda) + s.exitMultiplePivot * trailingNoiUnit * s.leaseUsdPerKwMonth;
  mine[months - 1] += exitMine;
  pivot[months - 1] += exitPivot;
  noiPerLeaseDollar[months - 1] += s.exitMultiplePivot * trailingNoiUnit;
  return { mine, pivot, noiPerLeaseDollar, revenue, ebitda };
}

const discountFactor = (rate: number, m: number) => (1 + rate) ** (-m / 12);
const npv = (flows: number[], rate: number) => flows.reduce((acc, cf, i) => acc + cf * discountFactor(rate, i + 1), 0);

/** Δ = NPV(pivot) − NPV(keep mining) at the price path starting from `btcPriceUsd`. */
function deltaAtPrice(s: ModelInputs, net: NetworkMonths, btcPriceUsd: number): number {
  const growth = 1 + s.btcPriceGrowthPctPerYear / 100;
  const months = net.projection.months.map((row) => ({ ...row, btcPriceUsd: btcPriceUsd * growth ** ((row.month - 0.5) / 12) }));
  const flows = cashFlows(s, { ...net, projection: { ...net.projection, months } });
  const r = s.discountRatePct / 100;
  return npv(flows.pivot, r) - npv(flows.mine, r);
}

export const BTC_PRICE_BRACKET = [1, 1e8] as const;
export const BTC_PRICE_TOLERANCE = 0.01;

/** The P0 at which Δ = 0, by bisection: Δ never rises with the price (docs/model.md §5.4). */
export function breakevenBtcPrice(delta: (price: number) => number): number | null {
  let lo: number = BTC_PRICE_BRACKET[0];
  let hi: number = BTC_PRICE_BRACKET[1];
  const dLo = delta(lo);
  const dHi = delta(hi);
  if (dLo < 0 || dHi > 0 || (dLo === 0 && dHi === 0)) return null;
  while (hi - lo >= BTC_PRICE_TOLERANCE) {
    const mid = (lo + hi) / 2;
    if (delta(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export const IRR_BRACKET = [-0.99, 100] as const;
const IRR_GRID = 400;

/** The unique annual rate in (−0.99, 100) at which the flows discount to 0, or null. */
export function irr(flows: number[]): number | null {
  const hasPositive = flows.some((v) => v > 0);
  const hasNegative = flows.some((v) => v < 0);
  if (!hasPositive || !hasNegative) return null;
  // Sample on a grid even in ln(1 + r), then bisect the one cell where the sign changes.
  const [lo, hi] = IRR_BRACKET;
  const rateAt = (i: number) => Math.expm1(Math.log1p(lo) + ((Math.log1p(hi) - Math.log1p(lo)) * i) / IRR_GRID);
  let cell = -1;
  let prev = npv(flows, rateAt(1));
  for (let i = 2; i < IRR_GRID; i++) {
    const v = npv(flows, rateAt(i));
    if ((prev < 0 && v >= 0) || (prev > 0 && v <= 0) || (prev === 0 && v !== 0)) {
      if (cell >= 0) return null; // more than one root
      cell = i - 1;
    }
    prev = v;
  }
  if (cell < 0) return null;
  let a = rateAt(cell);
  let b = rateAt(cell + 1);
  const fa = npv(flows, a);
  for (let iter = 0; iter < 200 && b - a > 1e-15 * Math.max(1, Math.abs(a)); iter++) {
    const mid = (a + b) / 2;
    const fm = npv(flows, mid);
    if (fm === 0) return mid;
    if (fm < 0 === fa < 0) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

/** The first month from which the cumulative flow stays ≥ 0 to the horizon (1-based), or null. */
export function paybackMonth(flows: number[]): number | null {
  let cumulative = 0;
  let lastNegative = 0;
  flows.forEach((cf, i) => {
    cumulative += cf;
    if (cumulative < 0) lastNegative = i + 1;
  });
  return lastNegative === flows.length ? null : lastNegative + 1;
}

export function evaluate(s: ModelInputs): Evaluation {
  const net = projectNetwork(s);
  const flows = cashFlows(s, net);
  const r = s.discountRatePct / 100;
  const npvMine = npv(flows.mine, r);
  const npvPivot = npv(flows.pivot, r);
  const delta = npvPivot - npvMine;
  const deltaFlows = flows.pivot.map((v, i) => v - flows.mine[i]);
  const discounted = deltaFlows.map((v, i) => v * discountFactor(r, i + 1));

  // Δ is affine in the lease rate: Δ(L) = Δ(0) + L·slope.
  const slope = npv(flows.noiPerLeaseDollar, r);
  const leaseRate = slope === 0 ? null : s.leaseUsdPerKwMonth - delta / slope;
  const mwYears = s.siteMw * s.horizonYears;
  return {
    npv: { mine: npvMine, pivot: npvPivot },
    delta,
    breakeven: { leaseRate, btcPrice: breakevenBtcPrice((p) => deltaAtPrice(s, net, p)) },
    irr: irr(deltaFlows),
    paybackMonth: paybackMonth(deltaFlows),
    discountedPaybackMonth: paybackMonth(discounted),
    perMwYear: {
      mine: { revenue: flows.revenue.mine / mwYears, ebitda: flows.ebitda.mine / mwYears },
      pivot: { revenue: flows.revenue.pivot / mwYears, ebitda: flows.ebitda.pivot / mwYears },
    },
    cashFlows: { mine: flows.mine, pivot: flows.pivot },
  };
}

export const referenceModel: Model = {
  project: (inputs) => projectNetwork(inputs).projection,
  evaluate,
};

/** One sweep metric of one scenario (the reference's cell-by-cell sweep; the benchmark's baseline). */
export function metricOf(s: ModelInputs, metric: string, month: number): number | null {
  const net = projectNetwork(s);
  if (metric === 'hashprice') return net.projection.months[month - 1].hashpriceUsdPerPhDay;
  if (metric === 'securityBudget') return net.projection.months[month - 1].securityBudgetUsdPerDay;
  if (metric === 'breakevenBtcPrice') return breakevenBtcPrice((p) => deltaAtPrice(s, net, p));
  const flows = cashFlows(s, net);
  const r = s.discountRatePct / 100;
  const npvMine = npv(flows.mine, r);
  const npvPivot = npv(flows.pivot, r);
  const deltaFlows = flows.pivot.map((v, i) => v - flows.mine[i]);
  switch (metric) {
    case 'delta':
      return npvPivot - npvMine;
    case 'npvMine':
      return npvMine;
    case 'npvPivot':
      return npvPivot;
    case 'irr':
      return irr(deltaFlows);
    case 'paybackMonth':
      return paybackMonth(deltaFlows);
    case 'breakevenLeaseRate': {
      const slope = npv(flows.noiPerLeaseDollar, r);
      return slope === 0 ? null : s.leaseUsdPerKwMonth - (npvPivot - npvMine) / slope;
    }
  }
  throw new Error(`invalid metric: ${metric}`);
}
