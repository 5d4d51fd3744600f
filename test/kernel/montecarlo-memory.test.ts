// The Monte Carlo past its path cache (assembly/montecarlo.ts, docs/model.md §8): with more than
// 2^24 half-month samples (paths · 2 · months) the kernel draws each path again where it uses it
// instead of keeping every path, and with λ = 0 it keeps only each month's prices (the hashrate is
// the same on every path, the hashprice the price times the month's BTC per H/s). Both must give
// what keeping everything gives: here checked against prices drawn path by path by the plain-TS
// reference's own generator, and against the deterministic network's months.
import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/kernel/facade.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { randomPrices } from '../../src/kernel/reference-v2/random.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';

describe('the Monte Carlo past its path cache', () => {
  // 100,000 paths over 7 years: 100,000 · 2 · 84 = 16,800,000 half-month samples > 2^24 = 16,777,216.
  const s = { ...defaultInputs(), horizonYears: 7, monteCarloPaths: 100_000, networkResponsePctPerMonth: 0 };
  const kernel = loadKernelSync();
  const model = createModel(kernel);
  const months = s.horizonYears * 12;

  it('draws each path to the same prices the reference draws, and keeps only the price columns with λ = 0', () => {
    const bytesBefore = kernel.memory.buffer.byteLength;
    const e = model.evaluate(s);
    // Keeping every path's samples and three columns would take 2 · 16.8M + 3 · 8.4M doubles, 470 MB;
    // the price column alone is 8.4M doubles, 67 MB.
    expect(kernel.memory.buffer.byteLength - bytesBefore).toBeLessThan(120 * 2 ** 20);

    // Month m's mid-month price of every path (sample 2m − 1), from the reference's generator.
    const checked = [1, 42, 84];
    const columns = checked.map(() => new Float64Array(s.monteCarloPaths));
    for (let j = 0; j < s.monteCarloPaths; j++) {
      const prices = randomPrices(s.btcPriceUsd, s.btcPriceGrowthPctPerYear, s.btcVolatilityPctPerYear, months, s.monteCarloSeed, j);
      checked.forEach((m, i) => (columns[i][j] = prices[2 * m - 1]));
    }
    const projection = model.project(s);
    checked.forEach((m, i) => {
      const sorted = columns[i].sort();
      // Order statistics at ⌈q·n⌉: 5,000th, 50,000th and 95,000th of 100,000.
      const want = { p5: sorted[4_999], p50: sorted[49_999], p95: sorted[94_999] };
      for (const q of ['p5', 'p50', 'p95'] as const) {
        const got = e.monthsP!.btcPriceUsd[q][m - 1];
        expect(Math.abs(got - want[q]) / want[q]).toBeLessThan(1e-12);
        // The hashrate is the deterministic month's on every path.
        expect(e.monthsP!.hashrateEhs[q][m - 1]).toBe(projection.months[m - 1].hashrateEhs);
        // The hashprice is the price times the month's hashprice per dollar of BTC price.
        const row = projection.months[m - 1];
        const perDollar = row.hashpriceUsdPerPhDay / row.btcPriceUsd;
        expect(e.monthsP!.hashpriceUsdPerPhDay[q][m - 1] / got).toBeCloseTo(perDollar, 12);
      }
    });
  }, 60_000);
});
