/**
 * The network projection of the model's version 2 (docs/model.md §2 and §7.1), event by event.
 *
 * Within a month the hashrate is one exponential, N(t) = N_a · exp(r_m · (t − t_a) / month), set at
 * the month's start t_a: with λ = 0 from the exogenous growth (r_m = ln(1+g)), with λ > 0 from the
 * target N* (r_m = λ · ln(N* / N), clamped). So the network's cumulative work since t0,
 *   W(t) = W_a + N_a · month / r_m · expm1(r_m · (t − t_a) / month)     (N_a · (t − t_a) when r_m = 0),
 * and its inverse t(W) = t_a + month / r_m · log1p(r_m · (W − W_a) / (N_a · month)) are closed forms.
 * Block k after the tip is found when W reaches the sum of D_j · 2^32 over the blocks j ≤ k; within
 * a difficulty era the thresholds are W_k = baseW + (k − baseH) · D · 2^32. Between two events
 * — a month boundary, a retarget, a halving — the difficulty, the subsidy and the month's growth
 * rate are constant, so the model steps from event to event:
 * - "found H−1" for the next height H that is a retarget (H ≡ 0 mod 2016) or a halving
 *   (H ≡ 0 mod 210,000): the new difficulty and subsidy take effect for block H;
 * - "found H": block H opens its epoch (its time starts the next retarget's timespan) and is the
 *   height and time listed for the retarget or halving.
 * Conventions shared with the version-1 model: a block belongs to month m when W((m−1)·month) ≤
 * W_k < W(m·month); the exit shock (at the end of month exitMonth) scales N and the supply scale S
 * by (1−φ) from that instant; the tip on an epoch's last block starts with no retarget (D0 already
 * retargeted) and block h0+1 opens the epoch.
 */
import type { HalvingEvent, RetargetEvent } from '../../model/results.ts';
import type { ModelInputsV2 } from './inputs.ts';

export const MONTH = 2_629_800; // seconds: 365.25 / 12 days
const TWO_32 = 2 ** 32;
const RETARGET_INTERVAL = 2016;
const HALVING_INTERVAL = 210_000;
const TARGET_TIMESPAN = 1_209_600;
const DAYS_PER_MONTH = 30.4375;

export function subsidySats(height: number): number {
  const halvings = Math.floor(height / HALVING_INTERVAL);
  return halvings >= 64 ? 0 : Math.floor(5_000_000_000 / 2 ** halvings);
}

/** The smallest height above h that is a retarget or a halving height. */
function nextEventHeight(h: number): number {
  const retarget = (Math.floor(h / RETARGET_INTERVAL) + 1) * RETARGET_INTERVAL;
  const halving = (Math.floor(h / HALVING_INTERVAL) + 1) * HALVING_INTERVAL;
  return Math.min(retarget, halving);
}

/** What the economics and the outputs need from one run of the network, per month (index m−1). */
export interface NetworkRun {
  /** BTC a fleet of 1 H/s earns in the month, before uptime, curtailment and pool fee. */
  btcPerHashSecond: Float64Array;
  /** Prices at the half-months (the run's input): month m starts at 2(m−1), its middle is 2m−1. */
  prices: Float64Array;
  endHeight: Float64Array;
  difficulty: Float64Array;
  /** Mean hashrate over the month, H/s. */
  hashrate: Float64Array;
  /** Hashrate at mid-month, H/s. */
  hashrateMid: Float64Array;
  blocks: Float64Array;
  /** Subsidy issued, satoshis. */
  issuedSats: Float64Array;
  /** Fees per block F_m, BTC. */
  feesPerBlock: Float64Array;
  /** N* and c(N, t) at the month's start (H/s, $/PH/day); NaN when λ = 0. */
  target: Float64Array;
  marginalHashcost: Float64Array;
  retargets: RetargetEvent[];
  halvings: HalvingEvent[];
}

/** Runs the network over the horizon on the given half-month prices (docs/model.md §7.5's layout). */
export function runNetwork(s: ModelInputsV2, prices: Float64Array, withEvents: boolean): NetworkRun {
  const months = 12 * s.horizonYears;
  const out: NetworkRun = {
    btcPerHashSecond: new Float64Array(months),
    prices,
    endHeight: new Float64Array(months),
    difficulty: new Float64Array(months),
    hashrate: new Float64Array(months),
    hashrateMid: new Float64Array(months),
    blocks: new Float64Array(months),
    issuedSats: new Float64Array(months),
    feesPerBlock: new Float64Array(months),
    target: new Float64Array(months).fill(NaN),
    marginalHashcost: new Float64Array(months).fill(NaN),
    retargets: [],
    halvings: [],
  };

  // The supply curve (§7.1), in log form where it helps: ln N* = ε/(1+ε) · (ln(144·(s+F)·P·10^15)
  // + ln S / ε − ln c0 − y · ln(1−e)).
  const lambda = s.networkResponsePctPerMonth / 100;
  const epsilon = s.hashSupplyElasticity;
  const c0 = s.netHashcostUsdPerPhDay;
  const lnCostDecline = Math.log1p(-s.efficiencyGainPctPerYear / 100); // ln(1−e), per year
  const minRate = Math.log1p(-s.netMaxDeclinePctPerMonth / 100);
  const maxRate = Math.log1p(s.netMaxGrowthPctPerMonth / 100);
  const drift = Math.log1p(s.hashrateGrowthPctPerMonth / 100); // ln(1+g), per month
  const keep = 1 - s.exitSharePct / 100;
  const n0 = s.hashrateEhs * 1e18;
  const feesGrowth = 1 + s.feesGrowthPctPerYear / 100;

  const h0 = s.startHeight;
  let n = n0; // N at the current month's start, after a shock at that instant
  let w = 0; // W at the current month's start
  let height = h0; // the tip
  let difficulty = s.startDifficulty; // of the block being mined
  let subsidy = subsidySats(h0 + 1); // of the block being mined, satoshis
  let baseW = 0; // block k's threshold is baseW + (k − baseH) · D · 2^32 in this difficulty era
  let baseH = h0;
  let epochFirstTime = -s.epochElapsedSeconds; // when the current epoch's first block was found
  let eventHeight = nextEventHeight(h0);
  // The tip may be block H−1 itself (an epoch's last block, or the block before a halving): its
  // changes are already in D0 and in the subsidy, and only "found H" is ahead.
  let beforeEvent = eventHeight - 1 > h0;

  const threshold = (k: number) => baseW + (k - baseH) * difficulty * TWO_32;

  for (let m = 1; m <= months; m++) {
    const tA = (m - 1) * MONTH;
    if (m - 1 === s.exitMonth) n *= keep; // the exit shock at the end of month exitMonth
    const fees = s.feesBtcPerBlock * feesGrowth ** ((m - 0.5) / 12); // F_m (§7.2)
    out.feesPerBlock[m - 1] = fees;

    let rate = drift; // r_m, per month
    if (lambda > 0) {
      const y = (m - 1) / 12;
      const supply = n0 * Math.exp(drift * (m - 1)) * (m - 1 >= s.exitMonth ? keep : 1); // S(t_{m−1})
      const price = prices[2 * (m - 1)];
      const lnTarget =
        (epsilon / (1 + epsilon)) *
        (Math.log(144 * (subsidy / 1e8 + fees) * price * 1e15) + Math.log(supply) / epsilon - Math.log(c0) - y * lnCostDecline);
      rate = Math.min(Math.max(lambda * (lnTarget - Math.log(n)), minRate), maxRate);
      out.target[m - 1] = Math.exp(lnTarget);
      out.marginalHashcost[m - 1] = c0 * Math.exp(y * lnCostDecline) * (n / supply) ** (1 / epsilon);
    }
    const wB = w + (rate === 0 ? n * MONTH : (n * MONTH * Math.expm1(rate)) / rate); // W at the month's end
    const timeOfWork = (work: number) =>
      tA + (rate === 0 ? (work - w) / n : (MONTH / rate) * Math.log1p((rate * (work - w)) / (n * MONTH)));

    let t = tA; // BTC per hash-second is accrued up to t
    let x = 0;
    let blocks = 0;
    let issued = 0;
    const reward = () => subsidy / 1e8 + fees;
    // Events inside the month, in order.
    for (;;) {
      const k = beforeEvent ? eventHeight - 1 : eventHeight;
      const wk = threshold(k);
      if (!(wk < wB)) break;
      const tk = timeOfWork(wk);
      x += ((tk - t) * reward()) / (difficulty * TWO_32);
      t = tk;
      blocks += k - height;
      issued += (k - height) * subsidy;
      height = k;
      if (beforeEvent) {
        // Block H−1 is found: block H is mined at the new difficulty and subsidy.
        if (eventHeight % RETARGET_INTERVAL === 0) {
          const actual = Math.min(Math.max(tk - epochFirstTime, TARGET_TIMESPAN / 4), TARGET_TIMESPAN * 4);
          difficulty = (difficulty * TARGET_TIMESPAN) / actual;
          baseW = wk;
          baseH = k;
        }
        subsidy = subsidySats(eventHeight);
        beforeEvent = false;
      } else {
        // Block H is found.
        if (eventHeight % RETARGET_INTERVAL === 0) {
          epochFirstTime = tk;
          if (withEvents && eventHeight > h0 + 1) out.retargets.push({ height: eventHeight, seconds: tk, difficulty });
        }
        if (withEvents && eventHeight % HALVING_INTERVAL === 0) {
          out.halvings.push({ height: eventHeight, seconds: tk, subsidyBtc: subsidy / 1e8 });
        }
        eventHeight = nextEventHeight(eventHeight);
        beforeEvent = true;
      }
    }
    x += ((tA + MONTH - t) * reward()) / (difficulty * TWO_32);
    // The tip at the month's end: the last block with W_k < W(m·month).
    let last = baseH + Math.ceil((wB - baseW) / (difficulty * TWO_32)) - 1;
    while (threshold(last + 1) < wB) last++;
    while (last > height && !(threshold(last) < wB)) last--;
    last = Math.max(last, height);
    blocks += last - height;
    issued += (last - height) * subsidy;
    height = last;

    out.btcPerHashSecond[m - 1] = x;
    out.endHeight[m - 1] = height;
    out.difficulty[m - 1] = difficulty;
    out.hashrate[m - 1] = rate === 0 ? n : (n * Math.expm1(rate)) / rate;
    out.hashrateMid[m - 1] = n * Math.exp(rate / 2);
    out.blocks[m - 1] = blocks;
    out.issuedSats[m - 1] = issued;
    n *= Math.exp(rate);
    w = wB;
  }
  return out;
}

/** The month's hashprice, $/PH/day: its BTC per PH/s per day times the mid-month price. */
export const hashpriceOf = (run: NetworkRun, m: number) => ((run.btcPerHashSecond[m - 1] * 1e15) / (MONTH / 86400)) * run.prices[2 * m - 1];

/** (BTC issued + fees) × mid-month price ÷ 30.4375 days. */
export const securityBudgetOf = (run: NetworkRun, m: number) =>
  ((run.issuedSats[m - 1] / 1e8 + run.blocks[m - 1] * run.feesPerBlock[m - 1]) * run.prices[2 * m - 1]) / DAYS_PER_MONTH;
