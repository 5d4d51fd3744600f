// The miner, the pivot and the finance outputs (docs/model.md §3–§5) on hand-worked examples, in the
// TS reference and every WASM build; then the breakevens and the IRR on many random scenarios.
import { describe, expect, it } from 'vitest';
import type { ModelInputs } from '../../src/model/keys.ts';
import type { EvaluationV1, ModelV1 } from '../../src/model/results.ts';
import { referenceModel } from '../../src/kernel/reference.ts';
import { evaluate as evaluateV2, fromV1 } from '../../src/kernel/reference-v2/index.ts';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import {
  allModels,
  expectClose,
  mulberry32,
  npvAt,
  onScheduleEhs,
  randomInputs,
  withInputs,
  MONTH,
  TWO_32,
  WASM_VARIANTS,
} from '../helpers/scenarios.ts';

// ---------------------------------------------------------------------------------------------
// A constant network worked out by hand (as in test/kernel/projection.test.ts): tip 1,038,240 = 2016·515
// on an epoch boundary at t0, D0 = 153e12, hashrate D0·2^32/600 (on schedule), growth 0.
//  - blocks h0+1 … h0+2015 every 600 s at D0; block h0+2015 at 1,209,000 s;
//  - from then on D1 = D0·2016/2015, blocks every τ = 600·2016/2015 s, and D stays D1;
//  - block 1,050,000 (n = 11,760) at t_h = 1,209,000 + 9745·τ = 7,058,901.74 s (month 3).
// A difficulty and a subsidy belong to the block being mined, so D1 applies from 1,209,000 s and
// the halved subsidy from the time block 1,049,999 is found, t_h − τ.
const D0 = 153e12;
const D1 = (D0 * 2016) / 2015;
const TAU = (600 * 2016) / 2015;
const T_HALVING = 1_209_000 + 9745 * TAU;

function constantNetwork(over: Partial<ModelInputs> = {}): ModelInputs {
  return withInputs({
    startHeight: 1_038_240,
    startDifficulty: D0,
    epochElapsedSeconds: 0,
    hashrateEhs: onScheduleEhs(D0),
    hashrateGrowthPctPerMonth: 0,
    exitSharePct: 0,
    exitMonth: 0,
    btcPriceUsd: 96_000,
    btcPriceGrowthPctPerYear: 0,
    feesBtcPerBlock: 0.03,
    horizonYears: 1,
    // No feature that the example does not name.
    curtailedPct: 0,
    demandResponseUsdPerMwh: 0,
    refreshYears: 0,
    exitMultipleMine: 0,
    exitMultiplePivot: 0,
    ...over,
  });
}

/**
 * BTC one H/s earns in month m on that network: ∫ reward(t)/(D(t)·2^32) dt over the month, with
 * reward = subsidy + fees F.
 */
function handBtcPerHs(m: number, fees: number): number {
  const before = 3.125 + fees;
  const after = 1.5625 + fees;
  const halvingStarts = T_HALVING - TAU; // block 1,049,999 found: block 1,050,000 is being mined
  if (m === 1) return (before * (1_209_000 / D0 + (MONTH - 1_209_000) / D1)) / TWO_32;
  if (m === 2) return (before * MONTH) / (D1 * TWO_32);
  if (m === 3) return (before * (halvingStarts - 2 * MONTH) + after * (3 * MONTH - halvingStarts)) / (D1 * TWO_32);
  return (after * MONTH) / (D1 * TWO_32); // months 4 … (the next halving is ≈ 4 years later)
}

/** Σ_{k=a}^{b} x^k = x^a·(1 − x^(b−a+1))/(1 − x): a geometric sum in closed form. */
const geometric = (x: number, a: number, b: number) => (x ** a * (1 - x ** (b - a + 1))) / (1 - x);

const expectArrayClose = (got: number[], want: number[], rel: number, abs: number, what: string) => {
  expect(got).toHaveLength(want.length);
  want.forEach((w, i) => expectClose(got[i], w, rel, abs, `${what}[month ${i + 1}]`));
};

describe.each(allModels())('economics: %s', (_name, model: ModelV1) => {
  it('a lease-only pivot has a closed-form NPV', () => {
    // Mining made irrelevant: power at $10/kWh against revenue of ≈ $57k per MW-month, so the
    // shutdown rule switches the fleet off in every month (revenue and power both 0), with opex 0,
    // no curtailment or DR credit, no refresh and no exit values → the mine path's CF is 0.
    const s = constantNetwork({
      horizonYears: 11,
      powerUsdPerKwh: 10,
      opexUsdPerMwMonth: 0,
      siteMw: 100,
      pivotSharePct: 100,
      pivotStartMonth: 3,
      grossToItRatio: 1.25,
      capexMusdPerMwIt: 10,
      buildMonths: 4,
      leaseUsdPerKwMonth: 150,
      leaseEscalatorPct: 3,
      leaseTermYears: 10,
      noiMarginPct: 80,
      defaultPctPerYear: 4,
      recoveryPct: 30,
      discountRatePct: 8,
    });
    const e = model.evaluate(s);
    expect(e.cashFlows.mine).toEqual(new Array(132).fill(0));
    expect(e.npv.mine).toBe(0);

    // IT MW = 100/1.25 = 80; capex = $10M · 80 = $800M, $200M at the end of months 4, 5, 6, 7
    // (c0 = 3, B = 4). Lease months k = 1 … 120 are months 7 + k = 8 … 127; months 128–132 earn nothing.
    // NOI_k = 80 · 1000 · $150 · 1.03^floor((k−1)/12) · 0.80 · (S_k + (1 − S_k) · 0.30), S_k = 0.96^(k/12)
    //       = $9.6M · 1.03^… · (0.3 + 0.7 · 0.96^(k/12)).
    const flows: number[] = [];
    for (let m = 1; m <= 132; m++) {
      let cf = m >= 4 && m <= 7 ? -200e6 : 0;
      const k = m - 7;
      if (k >= 1 && k <= 120) {
        const S = 0.96 ** (k / 12);
        cf += 80 * 1000 * 150 * 1.03 ** Math.floor((k - 1) / 12) * 0.8 * (S + (1 - S) * 0.3);
      }
      flows.push(cf);
    }
    expectClose(flows[7], 9.6e6 * (0.3 + 0.7 * 0.96 ** (1 / 12)), 1e-15, 0, 'first lease month');
    expectArrayClose(e.cashFlows.pivot, flows, 1e-12, 1e-6, 'pivot CF');

    // Closed form with v = 1.08^(−1/12) and w = 0.96^(1/12)·v:
    //   capex PV = 200e6 · Σ_{m=4}^{7} v^m
    //   lease PV = 9.6e6 · v^7 · Σ_{y=0}^{9} 1.03^y · [0.3 · Σ_{k=12y+1}^{12y+12} v^k + 0.7 · Σ_{k=12y+1}^{12y+12} w^k]
    const v = 1.08 ** (-1 / 12);
    const w = 0.96 ** (1 / 12) * v;
    const capexPv = 200e6 * geometric(v, 4, 7);
    let leasePv = 0;
    for (let y = 0; y < 10; y++) {
      leasePv += 1.03 ** y * (0.3 * geometric(v, 12 * y + 1, 12 * y + 12) + 0.7 * geometric(w, 12 * y + 1, 12 * y + 12));
    }
    leasePv *= 9.6e6 * v ** 7;
    expectClose(npvAt(flows, 0.08), leasePv - capexPv, 1e-12, 0, 'the plain sum against the closed form');
    expectClose(e.npv.pivot, leasePv - capexPv, 1e-9, 0, 'npv.pivot');
    expectClose(e.delta, leasePv - capexPv, 1e-9, 0, 'delta');
    // Δ is affine in L with Δ(0) = −capex PV: Δ(L*) = 0 at L* = 150 · capex PV / lease PV.
    expectClose(e.breakeven.leaseRate, (150 * capexPv) / leasePv, 1e-9, 0, 'breakeven lease');
    // Payback: the first month from which the cumulative ΔCF stays ≥ 0.
    let cumulative = 0;
    let lastNegative = 0;
    flows.forEach((cf, i) => {
      cumulative += cf;
      if (cumulative < 0) lastNegative = i + 1;
    });
    expect(lastNegative).toBeGreaterThan(7);
    expect(lastNegative).toBeLessThan(132);
    expect(e.paybackMonth).toBe(lastNegative + 1);
    // One sign change (− then +): a unique IRR, and ΔCF discounts to 0 at it.
    expect(e.irr).not.toBeNull();
    expect(Math.abs(npvAt(flows, e.irr!))).toBeLessThan(1);
  });

  it('a lease-only pivot without default or escalator is an annuity', () => {
    const s = constantNetwork({
      horizonYears: 8,
      powerUsdPerKwh: 10,
      opexUsdPerMwMonth: 0,
      siteMw: 60,
      pivotSharePct: 100,
      pivotStartMonth: 0,
      grossToItRatio: 1.5,
      capexMusdPerMwIt: 8,
      buildMonths: 12,
      leaseUsdPerKwMonth: 120,
      leaseEscalatorPct: 0,
      leaseTermYears: 5,
      noiMarginPct: 90,
      defaultPctPerYear: 0,
      recoveryPct: 0,
      discountRatePct: 12,
    });
    const e = model.evaluate(s);
    // IT = 60/1.5 = 40 MW; capex 8e6 · 40 = $320M over months 1–12: $26.667M a month.
    // NOI = 40 · 1000 · 120 · 0.9 = $4.32M in months 13 … 72; months 73–96 earn nothing.
    // NPV = −(320e6/12) · Σ_{1}^{12} v^m + 4.32e6 · Σ_{13}^{72} v^m, v = 1.12^(−1/12).
    const v = 1.12 ** (-1 / 12);
    const npv = -(320e6 / 12) * geometric(v, 1, 12) + 4.32e6 * geometric(v, 13, 72);
    expectClose(e.npv.pivot, npv, 1e-9, 0, 'npv.pivot');
    expect(e.npv.mine).toBe(0);
    expectClose(e.cashFlows.pivot[0], -320e6 / 12, 1e-12, 0, 'capex month');
    expectClose(e.cashFlows.pivot[12], 4.32e6, 1e-12, 0, 'first rent');
    expect(e.cashFlows.pivot.slice(72)).toEqual(new Array(24).fill(0));
    // Δ = −A + L·B/120 with A the capex PV → L* = 120 · A / (lease PV).
    expectClose(e.breakeven.leaseRate, (120 * (320e6 / 12) * geometric(v, 1, 12)) / (4.32e6 * geometric(v, 13, 72)), 1e-9, 0, 'L*');
  });

  it('revenue per MW-year counts the rent at any NOI margin, 0 included', () => {
    // The annuity above: IT 40 MW at $120/kW-month, months 13–72, no default, mining off ($10/kWh)
    // and the whole site converted at month 0. Rent 40 · 1000 · 120 = $4.8M a month for 60 months,
    // $288M over 60 MW · 8 years: $600,000 per MW-year, whatever share of it the margin keeps.
    const lease = {
      horizonYears: 8,
      powerUsdPerKwh: 10,
      opexUsdPerMwMonth: 0,
      siteMw: 60,
      pivotSharePct: 100,
      pivotStartMonth: 0,
      grossToItRatio: 1.5,
      buildMonths: 12,
      leaseUsdPerKwMonth: 120,
      leaseEscalatorPct: 0,
      leaseTermYears: 5,
      defaultPctPerYear: 0,
      recoveryPct: 0,
    };
    for (const noiMarginPct of [0, 0.5, 90, 100]) {
      const e = model.evaluate(constantNetwork({ ...lease, noiMarginPct }));
      expectClose(e.perMwYear.pivot.revenue, 600_000, 1e-12, 0, `revenue at margin ${noiMarginPct} %`);
      // EBITDA keeps the margin's share: 4.8e6 · η · 60 / 480.
      expectClose(e.perMwYear.pivot.ebitda, 600_000 * (noiMarginPct / 100), 1e-12, 1e-6, `EBITDA at margin ${noiMarginPct} %`);
    }
  });

  it('mining only: a year on a constant network, month by month from the block schedule', () => {
    const s = constantNetwork({
      siteMw: 20,
      miningPue: 1.05,
      fleetJPerTh: 20,
      uptimePct: 95,
      poolFeePct: 2,
      powerUsdPerKwh: 0.03,
      opexUsdPerMwMonth: 8000,
      btcPriceGrowthPctPerYear: 12,
      pivotSharePct: 0,
      discountRatePct: 10,
    });
    const e = model.evaluate(s);
    // Fleet: 20e6 W / 1.05 / 20 J/TH = 952,380.95 TH/s = 9.5238e17 H/s.
    const H = (20e6 / 1.05 / 20) * 1e12;
    // Month 1: 3.155 BTC a block; 1,209,000 s at D0 then 1,420,800 s at D1:
    //   BTC/(H/s) = 3.155 · (1,209,000/153e12 + 1,420,800/D1)/2^32 = 3.155 · 4.000875e-18
    //   BTC = 0.95 · 0.98 · 9.5238e17 · that = 11.19218 BTC at 96,000 · 1.12^(0.5/12) = $96,454.39
    //   revenue = $1,079,535.07; power = 20 · 1000 · 730.5 · 0.95 · 0.03 = $416,385; opex = 8000 · 20.
    expectClose(0.95 * 0.98 * H * handBtcPerHs(1, 0.03), 11.19218221, 1e-9, 0, 'month-1 BTC');
    const power = 20 * 1000 * 730.5 * 0.95 * 0.03;
    expect(power).toBeCloseTo(416_385, 9);
    const revenue = Array.from({ length: 12 }, (_, i) => 0.95 * 0.98 * H * handBtcPerHs(i + 1, 0.03) * 96_000 * 1.12 ** ((i + 0.5) / 12));
    expectClose(revenue[0], 1_079_535.0712, 1e-9, 0, 'month-1 revenue');
    // Month 12 after the halving: 1.5925 BTC a block, ≈ 5.65 BTC ≈ $0.60M > power: still on.
    for (const r of revenue) expect(r).toBeGreaterThan(power);
    const flows = revenue.map((r) => r - power - 8000 * 20);
    expectArrayClose(e.cashFlows.mine, flows, 1e-9, 1e-3, 'mine CF');
    expectClose(e.npv.mine, npvAt(flows, 0.1), 1e-9, 0, 'npv.mine');
    // Per MW-year over the 1-year horizon: Σ revenue / 20 and Σ EBITDA / 20.
    expectClose(e.perMwYear.mine.revenue, revenue.reduce((a, b) => a + b) / 20, 1e-9, 0, 'revenue per MW-year');
    expectClose(e.perMwYear.mine.ebitda, flows.reduce((a, b) => a + b) / 20, 1e-9, 0, 'EBITDA per MW-year');
    // α = 0: the pivot path is the mine path; Δ is 0 and nothing has a breakeven or an IRR.
    expect(e.cashFlows.pivot).toEqual(e.cashFlows.mine);
    expect(e.delta).toBe(0);
    expect(e.breakeven.leaseRate).toBeNull();
    expect(e.breakeven.btcPrice).toBeNull();
    expect(e.irr).toBeNull();
  });

  it('the shutdown rule switches the fleet off after the 2028 halving, and opex remains', () => {
    // Price flat at 96,000. A full month at D1 earns A · reward with
    // A = 0.95 · 0.98 · H · 2,629,800/(D1 · 2^32) · 96,000: 3.155 BTC a block before the halving,
    // 1.5925 after. Power priced at the midpoint A · (3.155 + 1.5925)/2 → months 1–2 run (3.155 >
    // midpoint); month 3 runs (68.4 % of it before the halving: 0.684·3.155 + 0.316·1.5925 = 2.66 >
    // 2.374); months 4–24 earn A · 1.5925 < power: off.
    const H = (20e6 / 1.05 / 20) * 1e12;
    const A = (0.95 * 0.98 * H * MONTH * 96_000) / (D1 * TWO_32);
    const power = (A * (3.155 + 1.5925)) / 2;
    const p = power / (20 * 1000 * 730.5 * 0.95);
    const s = constantNetwork({
      horizonYears: 2,
      siteMw: 20,
      miningPue: 1.05,
      fleetJPerTh: 20,
      uptimePct: 95,
      poolFeePct: 2,
      powerUsdPerKwh: p,
      opexUsdPerMwMonth: 8000,
      pivotSharePct: 0,
      discountRatePct: 10,
    });
    const e = model.evaluate(s);
    const revenue = (m: number) => 0.95 * 0.98 * H * handBtcPerHs(m, 0.03) * 96_000;
    expect(revenue(3)).toBeGreaterThan(power);
    expect(revenue(4)).toBeLessThan(power);
    e.cashFlows.mine.forEach((cf, i) => {
      const m = i + 1;
      // On: revenue − power − opex. Off: revenue and power vanish, opex $160,000 remains.
      const want = m <= 3 ? revenue(m) - power - 160_000 : -160_000;
      expectClose(cf, want, 1e-9, 1e-6, `month ${m}`);
    });
    expectClose(e.perMwYear.mine.revenue, (revenue(1) + revenue(2) + revenue(3)) / (20 * 2), 1e-9, 0, 'revenue per MW-year');
  });

  it('a hybrid with curtailment: the DR credit is M·730.5·κ·d, not scaled by uptime, kept when shut down', () => {
    const H = (40e6 / 1.05 / 20) * 1e12;
    const base = {
      horizonYears: 1,
      siteMw: 40,
      miningPue: 1.05,
      fleetJPerTh: 20,
      uptimePct: 90,
      poolFeePct: 2,
      opexUsdPerMwMonth: 5000,
      curtailedPct: 10,
      demandResponseUsdPerMwh: 1000,
      pivotSharePct: 50,
      pivotStartMonth: 0,
      grossToItRatio: 1.3,
      capexMusdPerMwIt: 9,
      buildMonths: 2,
      leaseUsdPerKwMonth: 140,
      leaseEscalatorPct: 0,
      leaseTermYears: 10,
      noiMarginPct: 85,
      defaultPctPerYear: 0,
      recoveryPct: 0,
      discountRatePct: 10,
    };
    // DR credit = 40 MW · 730.5 h · 0.10 · $1000/MWh = $2,922,000 (no 0.90 uptime factor).
    const dr = 40 * 730.5 * 0.1 * 1000;
    expect(dr).toBe(2_922_000);
    const opex = 5000 * 40;
    // Pivot: IT = 0.5 · 40/1.3 = 15.385 MW; capex $9M · 15.385 = $138.46M, half in month 1, half in
    // month 2; from month 3 NOI = 15.385 · 1000 · 140 · 0.85 (no default). The other 20 MW mine.
    const it_ = (0.5 * 40) / 1.3;
    const capexHalf = (9e6 * it_) / 2;
    const noi = it_ * 1000 * 140 * 0.85;

    // (a) Power at $0.03/kWh: the fleet runs. Running share u·(1−κ) = 0.9 · 0.9 = 0.81.
    //     power = 40 · 1000 · 730.5 · 0.81 · 0.03 = $710,046.
    const on = model.evaluate(constantNetwork({ ...base, powerUsdPerKwh: 0.03 }));
    const power = 40 * 1000 * 730.5 * 0.81 * 0.03;
    expect(power).toBeCloseTo(710_046, 6);
    const revenue = (m: number) => 0.81 * 0.98 * H * handBtcPerHs(m, 0.03) * 96_000;
    for (const m of [1, 2, 3, 12]) expect(revenue(m)).toBeGreaterThan(power);
    const mine = (m: number) => revenue(m) - power + dr - opex;
    expectClose(on.cashFlows.mine[0], mine(1), 1e-9, 1e-6, 'mine month 1');
    expectClose(on.cashFlows.mine[2], mine(3), 1e-9, 1e-6, 'mine month 3');
    // Everything of the mining half scales by (1 − α) = 0.5, DR credit included.
    expectClose(on.cashFlows.pivot[0], 0.5 * mine(1) - capexHalf, 1e-9, 1e-6, 'pivot month 1');
    expectClose(on.cashFlows.pivot[1], 0.5 * mine(2) - capexHalf, 1e-9, 1e-6, 'pivot month 2');
    expectClose(on.cashFlows.pivot[2], 0.5 * mine(3) + noi, 1e-9, 1e-6, 'pivot month 3');
    expectClose(on.cashFlows.pivot[11], 0.5 * mine(12) + noi, 1e-9, 1e-6, 'pivot month 12');

    // (b) Power at $5/kWh: off every month; the DR credit and opex remain, nothing else.
    const off = model.evaluate(constantNetwork({ ...base, powerUsdPerKwh: 5 }));
    expect(off.cashFlows.mine).toEqual(new Array(12).fill(dr - opex)); // $2,722,000
    expectClose(off.cashFlows.pivot[0], 0.5 * (dr - opex) - capexHalf, 1e-12, 0, 'pivot month 1, off');
    expectClose(off.cashFlows.pivot[2], 0.5 * (dr - opex) + noi, 1e-12, 0, 'pivot month 3, off');
    // Revenue per MW-year counts the DR credit: 12 · $2,922,000 / 40.
    expectClose(off.perMwYear.mine.revenue, (12 * dr) / 40, 1e-12, 0, 'revenue per MW-year');
  });

  it('refresh capex is paid on schedule with the fleet off, for the megawatts that mine; exit values take trailing EBITDA', () => {
    // Mining off every month ($10/kWh), so each path's mining EBITDA is −opex on its mining MW.
    const s = constantNetwork({
      horizonYears: 2,
      siteMw: 10,
      miningPue: 1.05,
      fleetJPerTh: 20,
      powerUsdPerKwh: 10,
      opexUsdPerMwMonth: 5000,
      refreshYears: 1,
      asicUsdPerTh: 10,
      efficiencyGainPctPerYear: 10,
      pivotSharePct: 50,
      pivotStartMonth: 0,
      grossToItRatio: 1.25,
      capexMusdPerMwIt: 8,
      buildMonths: 3,
      leaseUsdPerKwMonth: 100,
      leaseEscalatorPct: 0,
      leaseTermYears: 10,
      noiMarginPct: 80,
      defaultPctPerYear: 0,
      recoveryPct: 0,
      exitMultipleMine: 4,
      exitMultiplePivot: 10,
      discountRatePct: 10,
    });
    const e = model.evaluate(s);
    // Refresh at the end of months 12 and 24: new fleet TH/s = MW·1e6/1.05/(20·0.9^j), at $10/TH.
    //   per MW: j = 1 → 1e6/1.05/18 · 10 = $529,100.53; j = 2 → 1e6/1.05/16.2 · 10 = $587,889.48.
    const refresh = (j: number) => (1e6 / 1.05 / (20 * 0.9 ** j)) * 10;
    expect(refresh(1)).toBeCloseTo(529_100.529, 3);
    // Keep mining, 10 MW: −$50,000 a month; exit value 4 · 12 · (−$50,000) = −$2.4M in month 24.
    const mine = Array.from(
      { length: 24 },
      (_, i) => -50_000 - (i + 1 === 12 ? 10 * refresh(1) : 0) - (i + 1 === 24 ? 10 * refresh(2) : 0),
    );
    mine[23] += 4 * 12 * -50_000;
    expectArrayClose(e.cashFlows.mine, mine, 1e-12, 1e-6, 'mine CF');
    // Pivot, α = 0.5: 5 MW keep mining (−$25,000 a month, refresh for 5 MW only); IT = 0.5·10/1.25 =
    // 4 MW, capex $8M · 4 = $32M over months 1–3; NOI = 4 · 1000 · $100 · 0.8 = $320,000 from month 4.
    // Exit: 4 · 12 · (−$25,000) (mining part) + 10 · 12 · $320,000 (hosting part) = −$1.2M + $38.4M.
    const pivot = Array.from({ length: 24 }, (_, i) => {
      const m = i + 1;
      return -25_000 - (m <= 3 ? 32e6 / 3 : 0) + (m >= 4 ? 320_000 : 0) - (m === 12 ? 5 * refresh(1) : 0) - (m === 24 ? 5 * refresh(2) : 0);
    });
    pivot[23] += 4 * 12 * -25_000 + 10 * 12 * 320_000;
    expectArrayClose(e.cashFlows.pivot, pivot, 1e-12, 1e-6, 'pivot CF');
    expectClose(e.delta, npvAt(pivot, 0.1) - npvAt(mine, 0.1), 1e-9, 0, 'delta');
  });

  it('breakevens and IRR of the calibration base scenario hold when evaluated again', () => {
    const s = withInputs({});
    checkBreakevens(model, s, model.evaluate(s));
  });
});

/**
 * Δ at the reported breakeven lease rate is 0 within $1; at the reported breakeven BTC price
 * within $1,000 (the bisection stops at a $0.01 bracket) and Δ changes sign across that bracket;
 * the IRR discounts ΔCF to 0 within $1 (or 1e-9 of Σ|discounted ΔCF| when the flows are so large
 * that $1 is below double precision).
 */
function checkBreakevens(model: ModelV1, s: ModelInputs, e: EvaluationV1): void {
  const tag = JSON.stringify(s);
  if (e.breakeven.leaseRate !== null) {
    const again = model.evaluate({ ...s, leaseUsdPerKwMonth: e.breakeven.leaseRate });
    expect(Math.abs(again.delta), `Δ at L* for ${tag}`).toBeLessThan(
      Math.max(1, 1e-12 * (Math.abs(again.npv.mine) + Math.abs(again.npv.pivot))),
    );
  }
  if (e.breakeven.btcPrice !== null) {
    const P = e.breakeven.btcPrice;
    expect(P).toBeGreaterThanOrEqual(1);
    expect(P).toBeLessThanOrEqual(1e8);
    const at = model.evaluate({ ...s, btcPriceUsd: P });
    expect(Math.abs(at.delta), `Δ at P* = ${P} for ${tag}`).toBeLessThan(1000);
    // Δ never rises with P0: ≥ 0 a cent below, ≤ 0 a cent above.
    expect(model.evaluate({ ...s, btcPriceUsd: P - 0.01 }).delta).toBeGreaterThanOrEqual(-1e-6);
    expect(model.evaluate({ ...s, btcPriceUsd: P + 0.01 }).delta).toBeLessThanOrEqual(1e-6);
  }
  if (e.irr !== null) {
    const dcf = e.cashFlows.pivot.map((p, i) => p - e.cashFlows.mine[i]);
    const scale = dcf.reduce((acc, v, i) => acc + Math.abs(v) * (1 + e.irr!) ** (-(i + 1) / 12), 0);
    expect(Math.abs(npvAt(dcf, e.irr)), `ΔCF at irr = ${e.irr} for ${tag}`).toBeLessThanOrEqual(Math.max(1, 1e-9 * scale));
    expect(e.irr).toBeGreaterThan(-0.99);
    expect(e.irr).toBeLessThan(100);
  }
}

describe('breakevens and IRR on random scenarios', () => {
  it('WASM release: 300 scenarios', () => {
    const wasm = createNodeModel('release');
    const rng = mulberry32(0xbe7e);
    const counts = { lease: 0, btc: 0, irr: 0 };
    for (let i = 0; i < 300; i++) {
      const s = randomInputs(rng);
      const e = wasm.evaluate(s);
      checkBreakevens(wasm, s, e);
      if (e.breakeven.leaseRate !== null) counts.lease++;
      if (e.breakeven.btcPrice !== null) counts.btc++;
      if (e.irr !== null) counts.irr++;
    }
    // The draw exercises every check often enough to mean something.
    expect(counts.lease).toBeGreaterThan(200);
    expect(counts.btc).toBeGreaterThan(100);
    expect(counts.irr).toBeGreaterThan(100);
  });

  it('TS reference: 25 scenarios of up to 4 years', () => {
    const rng = mulberry32(0x7e57);
    for (let i = 0; i < 25; i++) {
      const s = randomInputs(rng, { maxHorizonYears: 4 });
      checkBreakevens(referenceModel, s, referenceModel.evaluate(s));
    }
  });
});

describe('version 2: revenue per MW-year counts the rent at any NOI margin, renewal included', () => {
  // The lease of 'revenue per MW-year counts the rent at any NOI margin' renewed with probability
  // 50 % after its 5-year term: months 73–96 collect half the rent, 24 · 0.5 · $4.8M = $57.6M more,
  // so ($288M + $57.6M) / (60 MW · 8 years) = $720,000 per MW-year.
  const v2 = (noiMarginPct: number) => ({
    ...fromV1(
      constantNetwork({
        horizonYears: 8,
        powerUsdPerKwh: 10,
        opexUsdPerMwMonth: 0,
        siteMw: 60,
        pivotSharePct: 100,
        pivotStartMonth: 0,
        grossToItRatio: 1.5,
        buildMonths: 12,
        leaseUsdPerKwMonth: 120,
        leaseEscalatorPct: 0,
        leaseTermYears: 5,
        defaultPctPerYear: 0,
        recoveryPct: 0,
        noiMarginPct,
      }),
    ),
    renewalPct: 50,
  });
  const models: [string, (s: ReturnType<typeof v2>) => { perMwYear: { pivot: { revenue: number } } }][] = [
    ['reference v2', evaluateV2],
    ...WASM_VARIANTS.map((v): [string, (s: ReturnType<typeof v2>) => { perMwYear: { pivot: { revenue: number } } }] => {
      const model = createNodeModel(v);
      return [`WASM ${v}`, (s) => model.evaluate(s)];
    }),
  ];
  it.each(models)('%s', (_name, evaluate) => {
    for (const margin of [0, 85]) expectClose(evaluate(v2(margin)).perMwYear.pivot.revenue, 720_000, 1e-12, 0, `margin ${margin} %`);
  });
});
