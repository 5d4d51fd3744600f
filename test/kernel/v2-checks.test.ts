// docs/model.md §7's own checks through the WASM kernel, in every build, each with its arithmetic:
// the network started in equilibrium stays put; the 2028 halving and an exit shock move the
// hashrate and the hashprice by the supply curve's factors; λ = 0 is version 1; with σ = 0 the Monte
// Carlo sweep metrics are the deterministic values; the paths' mean price and mean gross mining
// revenue are the deterministic ones within 4 standard errors; a seed gives the same paths run to
// run, in every build and in the TS reference.
import { describe, expect, it } from 'vitest';
import { evaluate as refEvaluate, fromV1, project as refProject, type ModelInputsV2 } from '../../src/kernel/reference-v2/index.ts';
import { referenceModel } from '../../src/kernel/reference.ts';
import { createModel } from '../../src/kernel/facade.ts';
import { createNodeModel, loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import type { KernelVariant } from '../../src/kernel/wasm.ts';
import { MONTH_FIELDS_V1 } from '../../src/model/results.ts';
import { MONTE_CARLO_METRICS, sweepInputs, type SweepSpec } from '../../src/model/sweep.ts';
import { close, expectClose, mulberry32, randomInputs, relDiff, uniform, MONTH, WASM_VARIANTS } from '../helpers/scenarios.ts';
import { DifferencesV2, equilibrium, subsidyAfter } from '../helpers/scenarios-v2.ts';
import { gridScenarios } from '../helpers/sweep-cells.ts';

const models = new Map(WASM_VARIANTS.map((v) => [v, createNodeModel(v)] as const));

describe.each(WASM_VARIANTS)('§7.1 in WASM %s', (variant) => {
  const model = models.get(variant)!;

  it('started in equilibrium with nothing moving, the hashrate stays N0 to 1e-12', () => {
    // Tip 931,392 (an epoch's first block), subsidy 3.125 BTC until height 1,050,000, 118,608 blocks
    // (≈ 27 months at 600 s) away: a 2-year horizon has no halving. c0 = h(N0, 0) exactly, e = g = 0,
    // no price or fee growth, σ = 0: N* = (144·(s+F)·P·10^15 · N0^(1/ε) / c0)^(ε/(1+ε)) =
    // (N0 · N0^(1/ε))^(ε/(1+ε)) = N0, so r_m = λ · ln(N*/N0) = 0 in every month, and
    // c(N0, t) = c0 · (N0/N0)^(1/ε) = c0.
    const s = equilibrium({ horizonYears: 2 });
    expect(s.networkResponsePctPerMonth).toBe(30);
    const p = model.project(s);
    expect(p.halvings).toEqual([]);
    expect(p.months).toHaveLength(24);
    for (const m of p.months) {
      expectClose(m.hashrateEhs, s.hashrateEhs, 1e-12, 0, `month ${m.month} hashrate`);
      expectClose(m.targetHashrateEhs, s.hashrateEhs, 1e-12, 0, `month ${m.month} N*`);
      expectClose(m.marginalHashcostUsdPerPhDay, s.netHashcostUsdPerPhDay, 1e-12, 0, `month ${m.month} c(N, t)`);
    }
  });

  // After the 2028 halving (block 1,050,000). Tip 1,038,240 = 2016 · 515, 11,760 blocks (81.7 days
  // at 600 s, in month 3) before it, N0 on schedule, nothing else moving. N* ∝ (s + F)^(ε/(1+ε)),
  // so from month 4 (the first month that starts after the halving) N* is
  //   k = ((1.5625 + F) / (3.125 + F))^(ε/(1+ε)) of N0 — 2^(−ε/(1+ε)) with no fees:
  //   ε = 3, F = 0: 2^(−3/4) = 0.5946;  ε = 1, F = 0: 2^(−1/2) = 0.7071;
  //   ε = 3, F = 0.036: (1.5985/3.161)^(3/4) = 0.6001.
  // The hashrate closes (1−λ) = 70 % of its log gap to N* a month: the first month's rate
  // r = 0.3 · ln k ≥ 0.3 · ln 0.5946 = −0.156 is inside the clamp ln 0.85 = −0.163, so 45 months
  // later (month 48) ln(N/N*) ≈ 0.7^44 · ln k ≈ 1e-7: N within 1e-6 of k · N0. The hashprice
  // h ∝ (s + F) / N (the difficulty settled with N, at 2016/2015 of the on-schedule level after each
  // retarget, as in month 2 after the first) settles ((1.5625 + F)/(3.125 + F)) / k =
  // ((1.5625 + F)/(3.125 + F))^(1/(1+ε)) of its level in month 2: 0.8409, 0.7071 and 0.8434 — each
  // between half and all of it. 4 years end before the next halving (1,260,000, ≈ 4.2 years away).
  it.each([
    [3, 0],
    [1, 0],
    [3, 0.036],
  ])('the 2028 halving, ε = %d, fees %d BTC: N falls toward k · N0, the hashprice settles between half and all', (epsilon, fees) => {
    const s = equilibrium({ startHeight: 2016 * 515, feesBtcPerBlock: fees, hashSupplyElasticity: epsilon, horizonYears: 4 });
    const p = model.project(s);
    expect(p.halvings.map((h) => h.height)).toEqual([1_050_000]);
    expect(Math.ceil(p.halvings[0].seconds / MONTH)).toBe(3);
    const n0 = s.hashrateEhs;
    const ratio = (1.5625 + fees) / (3.125 + fees);
    const k = ratio ** (epsilon / (1 + epsilon));
    for (const m of [1, 2, 3]) expectClose(p.months[m - 1].targetHashrateEhs, n0, 1e-12, 0, `N* month ${m}`);
    for (const m of [4, 12, 48]) expectClose(p.months[m - 1].targetHashrateEhs, k * n0, 1e-12, 0, `N* month ${m}`);
    // The hashrate falls month by month toward k · N0 and never overshoots it.
    for (let m = 4; m < 48; m++) {
      expect(p.months[m].hashrateEhs).toBeLessThan(p.months[m - 1].hashrateEhs);
      expect(p.months[m].hashrateEhs).toBeGreaterThan(k * n0);
    }
    expectClose(p.months[47].hashrateEhs, k * n0, 1e-6, 0, 'hashrate month 48');
    const settled = p.months[47].hashpriceUsdPerPhDay / p.months[1].hashpriceUsdPerPhDay;
    expectClose(settled, ratio ** (1 / (1 + epsilon)), 1e-6, 0, 'hashprice month 48 / month 2');
    expect(settled).toBeGreaterThan(0.5);
    expect(settled).toBeLessThan(1);
  });

  it("after an exit shock the survivors' hashprice jumps at the next retarget and settles (1−φ)^(−1/(1+ε)) higher", () => {
    // Tip 1,050,336 = 2016 · 521, just after the halving at 1,050,000 (subsidy 1.5625 BTC); the next
    // is 209,664 blocks (≈ 4 years) away. φ = 30 % leave at the end of month 6: N and S × 0.7, so
    // N* = N0 · 0.7^(1/(1+ε)) = 0.9147 · N0 (ε = 3): part of the hashrate comes back. The log gap
    // ln(0.9147/0.7) = 0.268; month 7 regrows at the clamp ln 1.08 = 0.077 (0.3 · 0.268 = 0.080 is
    // above it), leaving 0.191; then each month closes 30 %: 0.191 · 0.7^28 ≈ 9e-6 is left in month
    // 36. So the hashrate is N* within 2e-5, and the hashprice (∝ 1/N, the difficulty settled with it)
    // 0.7^(−1/4) = 1.0933 times its level before the shock (month 5, settled on D0 · 2016/2015).
    const s = equilibrium({ startHeight: 2016 * 521, exitSharePct: 30, exitMonth: 6, horizonYears: 3 });
    expect(subsidyAfter(s.startHeight)).toBe(1.5625);
    const p = model.project(s);
    expect(p.halvings).toEqual([]);
    const n0 = s.hashrateEhs;
    expectClose(p.months[6].targetHashrateEhs, n0 * 0.7 ** 0.25, 1e-12, 0, 'N* month 7');
    expectClose(p.months[35].hashrateEhs, n0 * 0.7 ** 0.25, 2e-5, 0, 'hashrate month 36');
    expect(p.months[35].hashrateEhs).toBeGreaterThan(0.7 * n0);
    const before = p.months[4].hashpriceUsdPerPhDay;
    const after = p.months[35].hashpriceUsdPerPhDay;
    expectClose(after / before, 0.7 ** -0.25, 2e-5, 0, 'hashprice month 36 / month 5');
    // Until the next retarget the survivors mine at the old difficulty: the same BTC per hash, only
    // slower blocks, so month 6 (the shock at its end) earns month 5's hashprice. The retarget after
    // the shock lowers the difficulty by more than 20 % (the epoch ran at 0.7–0.75 of N0), and the
    // hashprice jumps above its settled level before the returning hashrate brings it down (about
    // 19.95 $/PH/day before, 26.4 in month 8, 21.8 by month 36).
    expectClose(p.months[5].hashpriceUsdPerPhDay, before, 1e-12, 0, 'month 6');
    const shock = 6 * MONTH;
    const next = p.retargets.findIndex((r) => r.seconds > shock);
    expect(p.retargets[next].difficulty).toBeLessThan(0.8 * p.retargets[next - 1].difficulty);
    const retargetMonth = Math.ceil(p.retargets[next].seconds / MONTH);
    expect(retargetMonth).toBe(7);
    const peak = Math.max(...p.months.slice(6, 12).map((m) => m.hashpriceUsdPerPhDay));
    expect(peak).toBeGreaterThan(1.25 * before);
    expect(peak).toBeGreaterThan(after);
  });
});

describe('λ = 0 reproduces version 1', () => {
  // With the v1 values of the keys version 2 adds (λ 0, mothball 100 %, no escalation, fee growth,
  // resale or renewal, r_host = r_mine, σ 0) the kernel gives the version-1 reference's results:
  // 12 random version-1 scenarios of up to 4 years (the block-by-block reference costs ≈ 10 ms a
  // simulated year), every version-1 month field and output to 1e-9.
  const rng = mulberry32(0x1a0);
  const cases = Array.from({ length: 12 }, () => randomInputs(rng, { maxHorizonYears: 4 }));
  const want = cases.map((s) => ({ p: referenceModel.project(s), e: referenceModel.evaluate(s) }));

  it.each(WASM_VARIANTS)('WASM %s: every version-1 month field and output of the version-1 reference', (variant) => {
    const model = models.get(variant)!;
    const failures: string[] = [];
    cases.forEach((v1, i) => {
      const s = fromV1(v1);
      const out = new DifferencesV2();
      const p = model.project(s);
      const e = model.evaluate(s);
      want[i].p.months.forEach((w, m) => {
        for (const f of MONTH_FIELDS_V1) out.num(`month ${m + 1} ${f}`, p.months[m][f], w[f]);
      });
      out.evaluations({ ...e, monteCarlo: null, monthsP: null }, { ...want[i].e, monteCarlo: null, monthsP: null });
      expect(e.monteCarlo).toBeNull();
      const report = out.report(`scenario ${i}`);
      if (report) failures.push(report);
    });
    expect(failures.join('\n')).toBe('');
  });

  it.each(WASM_VARIANTS)('WASM %s: with λ = 0 the supply curve (c0, ε, the clamps) changes nothing, to the bit', (variant) => {
    // §7.1: "with λ = 0 the hashrate path is §2's, unchanged"; the clamp applies only when λ > 0.
    const model = models.get(variant)!;
    const draw = mulberry32(0x1a1);
    for (const v1 of cases) {
      const s = fromV1(v1);
      const moved: ModelInputsV2 = {
        ...s,
        netHashcostUsdPerPhDay: uniform(draw, 1, 1000),
        hashSupplyElasticity: uniform(draw, 0.1, 10),
        netMaxGrowthPctPerMonth: uniform(draw, 0, 100),
        netMaxDeclinePctPerMonth: uniform(draw, 0, 99),
      };
      expect(model.project(moved)).toEqual(model.project(s));
      expect(model.evaluate(moved)).toEqual(model.evaluate(s));
    }
  });
});

describe('§7.5: with σ = 0 the Monte Carlo sweep metrics are the deterministic values', () => {
  // probPivotWins = 1 where Δ > 0 and 0 elsewhere; deltaMean and the percentiles equal Δ (to the
  // kernel's own Δ: 1e-12 of the larger NPV). A version-2 scenario with the network responding, on a
  // network grid (each cell its own network) and on the affine lease line × the price (Δ crosses 0
  // in both).
  const base: ModelInputsV2 = {
    ...equilibrium({ horizonYears: 6 }),
    efficiencyGainPctPerYear: 10,
    btcPriceGrowthPctPerYear: 8,
    leaseUsdPerKwMonth: 120,
  };
  const grids: SweepSpec[] = [
    {
      x: { key: 'hashrateGrowthPctPerMonth', min: -1, max: 3, n: 12, log: false },
      y: { key: 'leaseUsdPerKwMonth', min: 60, max: 240, n: 12, log: false },
      metric: 'delta',
      month: 1,
    },
    {
      x: { key: 'leaseUsdPerKwMonth', min: 60, max: 240, n: 12, log: false },
      y: { key: 'btcPriceUsd', min: 30_000, max: 250_000, n: 12, log: true },
      metric: 'delta',
      month: 1,
    },
  ];
  const explicit = { hashrateEhs: true, epochElapsedSeconds: true };

  it.each(WASM_VARIANTS)('WASM %s', (variant) => {
    const raw = loadKernelSync(variant);
    const sweeper = createSweeper(raw);
    const model = createModel(raw);
    expect(base.btcVolatilityPctPerYear).toBe(0);
    expect(model.evaluate(base).monteCarlo).toBeNull();
    expect(model.evaluate(base).monthsP).toBeNull();
    for (const spec of grids) {
      const inputs = sweepInputs(base, explicit);
      const delta = sweepGrid(sweeper, inputs, spec);
      // Δ from evaluate, cell by cell, and the NPV scale for the tolerance.
      const cells = gridScenarios(base, explicit, spec).map((cell) => model.evaluate(cell));
      expect(cells.some((e) => e.delta > 0) && cells.some((e) => e.delta < 0)).toBe(true);
      for (const metric of MONTE_CARLO_METRICS) {
        const grid = sweepGrid(sweeper, inputs, { ...spec, metric });
        cells.forEach((e, k) => {
          const scale = Math.max(Math.abs(e.npv.mine), Math.abs(e.npv.pivot));
          const what = `${spec.x.key} × ${spec.y.key} ${metric} cell ${k}`;
          if (metric === 'probPivotWins') expect(grid[k], what).toBe(e.delta > 0 ? 1 : 0);
          else {
            expect(Math.abs(grid[k] - e.delta), what).toBeLessThanOrEqual(1e-12 * scale);
            expect(grid[k], `${what} against the Δ sweep`).toBe(delta[k]);
          }
        });
      }
    }
  });
});

describe('§7.5: the paths average to the deterministic model', () => {
  // E[P(t)] = P0 · (1+μ)^(t/year): ln P(t) = ln P0 + (ln(1+μ) − σ²/2)·t + σ·W(t). With λ = 0 the
  // network does not depend on the price, so a month's gross mining revenue before the shutdown rule
  // is a constant times its mid-month price, and its mean over paths is the deterministic revenue.
  //
  // How the kernel gives per-path figures: a run with one path reports that path's monthly price and
  // hashprice as its percentiles (with n = 1 the order statistic at ⌈q·1⌉ is the one path). Path 0
  // of seeds 1 … 2,000 are 2,000 independent paths (each seeded from (seed, 0)). The scenario: no
  // power cost, no opex, no pool fee, no pivot and a 0 % discount rate, so the shutdown rule never
  // switches the fleet off (off only when revenue < 0) and the mine path's cash flow in month m is
  // its gross revenue: fleet PH/s × hashprice × 30.4375 days × uptime. The deterministic revenue is
  // evaluate's cash flow; the paths' revenue is their hashprice times the same constant.
  const s: ModelInputsV2 = {
    ...equilibrium({ horizonYears: 10 }),
    networkResponsePctPerMonth: 0,
    btcVolatilityPctPerYear: 50,
    btcPriceGrowthPctPerYear: 10,
    hashrateGrowthPctPerMonth: 1,
    powerUsdPerKwh: 0,
    opexUsdPerMwMonth: 0,
    poolFeePct: 0,
    pivotSharePct: 0,
    discountRatePct: 0,
    discountRatePivotPct: 0,
    exitMultipleMine: 0,
    exitMultiplePivot: 0,
    monteCarloPaths: 1,
  };
  const N = 2000;
  const MONTHS = [1, 6, 12, 36, 60, 120];

  it.each(WASM_VARIANTS)(
    'WASM %s: mean mid-month price and mean gross revenue within 4 standard errors',
    (variant) => {
      const model = models.get(variant)!;
      const det = model.evaluate({ ...s, btcVolatilityPctPerYear: 0 });
      const detMonths = model.project(s).months;
      // Fleet: 100 MW / 1.05 PUE / 20 J/TH = 4.7619e6 TH/s = 4,761.9 PH/s; revenue = PH/s · hashprice
      // · 30.4375 days · 95 % uptime.
      const perHashprice = ((s.siteMw * 1e6) / s.miningPue / s.fleetJPerTh / 1000) * 30.4375 * (s.uptimePct / 100);
      detMonths.forEach((m, i) =>
        expectClose(det.cashFlows.mine[i], perHashprice * m.hashpriceUsdPerPhDay, 1e-12, 0, `revenue month ${m.month}`),
      );
      const price: number[][] = MONTHS.map(() => []);
      const revenue: number[][] = MONTHS.map(() => []);
      const totals: number[] = [];
      for (let seed = 1; seed <= N; seed++) {
        const e = model.evaluate({ ...s, monteCarloSeed: seed });
        const mp = e.monthsP!;
        MONTHS.forEach((m, i) => {
          price[i].push(mp.btcPriceUsd.p50[m - 1]);
          revenue[i].push(perHashprice * mp.hashpriceUsdPerPhDay.p50[m - 1]);
        });
        // With one path its NPV is its own: the total gross revenue (0 % discount).
        totals.push(e.monteCarlo!.npvMeanMine);
      }
      const meanSd = (xs: number[]) => {
        const mean = xs.reduce((a, v) => a + v, 0) / xs.length;
        return [mean, Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / (xs.length - 1))];
      };
      MONTHS.forEach((m, i) => {
        // E[P(mid-month m)] = P0 · 1.1^((m − ½)/12); the sd of a lognormal grows like
        // sqrt(e^(σ²t) − 1): 4 SE ≈ 4 · 1.3 · mean / sqrt(2000) ≈ 12 % of the mean at 10 years.
        const [pm, psd] = meanSd(price[i]);
        expectClose(detMonths[m - 1].btcPriceUsd, s.btcPriceUsd * 1.1 ** ((m - 0.5) / 12), 1e-12, 0, `deterministic price month ${m}`);
        expect(Math.abs(pm - detMonths[m - 1].btcPriceUsd), `price month ${m}: mean ${pm}, sd ${psd}`).toBeLessThanOrEqual(
          (4 * psd) / Math.sqrt(N),
        );
        const [rm, rsd] = meanSd(revenue[i]);
        expect(Math.abs(rm - det.cashFlows.mine[m - 1]), `revenue month ${m}: mean ${rm}, sd ${rsd}`).toBeLessThanOrEqual(
          (4 * rsd) / Math.sqrt(N),
        );
      });
      // The whole horizon's gross revenue: the per-path totals, and the kernel's own mean over the
      // 2,000 paths of one seed (npvMeanMine), each within 4 SE of the deterministic total.
      const [tm, tsd] = meanSd(totals);
      expect(Math.abs(tm - det.npv.mine)).toBeLessThanOrEqual((4 * tsd) / Math.sqrt(N));
      const oneSeed = model.evaluate({ ...s, monteCarloPaths: N }).monteCarlo!;
      const z = (mean: number, want: number, sd: number) => ((mean - want) / (sd / Math.sqrt(N))).toFixed(2);
      console.log(
        `WASM ${variant}: deviations in standard errors — price ${MONTHS.map((m, i) => z(meanSd(price[i])[0], detMonths[m - 1].btcPriceUsd, meanSd(price[i])[1])).join(', ')}; ` +
          `revenue ${MONTHS.map((m, i) => z(meanSd(revenue[i])[0], det.cashFlows.mine[m - 1], meanSd(revenue[i])[1])).join(', ')}; ` +
          `total ${z(tm, det.npv.mine, tsd)}; one seed's mean ${z(oneSeed.npvMeanMine, det.npv.mine, tsd)}`,
      );
      expect(Math.abs(oneSeed.npvMeanMine - det.npv.mine)).toBeLessThanOrEqual((4 * tsd) / Math.sqrt(N));
    },
    60_000,
  );
});

describe('§7.5: a seed gives the same paths', () => {
  // The network responding (λ = 30), σ = 60 %, 300 paths over 6 years: evaluate twice on one
  // instance and once on a fresh one gives the same figures exactly; every build and the TS reference
  // agree to 1e-9 (they share the generator, xoshiro128** seeded from (seed, path)).
  const s: ModelInputsV2 = {
    ...equilibrium({ horizonYears: 6 }),
    btcVolatilityPctPerYear: 60,
    btcPriceGrowthPctPerYear: 15,
    efficiencyGainPctPerYear: 10,
    leaseUsdPerKwMonth: 110,
    monteCarloPaths: 300,
    monteCarloSeed: 20_260_108,
  };

  it.each(WASM_VARIANTS)('WASM %s: run to run exactly, and a fresh instance alike', (variant: KernelVariant) => {
    const model = models.get(variant)!;
    const a = model.evaluate(s);
    model.evaluate({ ...s, monteCarloSeed: 7, monteCarloPaths: 50 }); // another run in between
    const b = model.evaluate(s);
    const c = createNodeModel(variant).evaluate(s);
    expect(a.monteCarlo).not.toBeNull();
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // Another seed is another set of paths.
    expect(model.evaluate({ ...s, monteCarloSeed: s.monteCarloSeed + 1 }).monteCarlo!.deltaMean).not.toBe(a.monteCarlo!.deltaMean);
  });

  it('every build and the TS reference to 1e-9 relative', () => {
    const want = { p: refProject(s), e: refEvaluate(s) };
    for (const [variant, model] of models) {
      const out = new DifferencesV2();
      out.projections(model.project(s), want.p);
      out.evaluations(model.evaluate(s), want.e);
      expect(out.report(`WASM ${variant}`)).toBe('');
    }
    // The paths are not trivially equal: their percentiles spread.
    const mp = want.e.monthsP!;
    expect(mp.btcPriceUsd.p95[71] / mp.btcPriceUsd.p5[71]).toBeGreaterThan(5);
  });

  it('a path does not change with the horizon or the number of paths', () => {
    // With one path, its monthly price is its percentiles; 3 years of a 6-year path are the 3-year
    // path; with one path, every figure of Δ is that path's Δ, the reference's to 1e-9.
    for (const model of models.values()) {
      const long = model.evaluate({ ...s, monteCarloPaths: 1 }).monthsP!.btcPriceUsd.p50;
      const short = model.evaluate({ ...s, monteCarloPaths: 1, horizonYears: 3 }).monthsP!.btcPriceUsd.p50;
      expect(short).toEqual(long.slice(0, 36));
      const one = model.evaluate({ ...s, monteCarloPaths: 1 }).monteCarlo!;
      expect([one.deltaP5, one.deltaP50, one.deltaP95]).toEqual([one.deltaMean, one.deltaMean, one.deltaMean]);
      const ref = refEvaluate({ ...s, monteCarloPaths: 1 }).monteCarlo!;
      expect(
        close(one.deltaMean, ref.deltaMean, 1e-9, 1e-9 * Math.abs(ref.npvMeanMine)),
        `${one.deltaMean} vs ${ref.deltaMean} (${relDiff(one.deltaMean, ref.deltaMean)})`,
      ).toBe(true);
    }
  });
});
