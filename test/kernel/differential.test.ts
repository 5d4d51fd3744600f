// The WASM kernel against the version-1 plain-TS reference (src/kernel/reference.ts) on seeded
// random version-1 scenarios (the keys version 2 adds at their version-1 values): the projection
// field by field, and every version-1 output of evaluate(). The two are written separately (the
// reference walks block by block, the kernel jumps from event to event), so agreement is evidence
// for both.
import { describe, expect, it } from 'vitest';
import type { ModelInputs } from '../../src/model/keys.ts';
import type { EvaluationV1, MonthRowV1, ProjectionV1 } from '../../src/model/results.ts';
import { referenceModel } from '../../src/kernel/reference.ts';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import { close, mulberry32, randomInputs, relDiff } from '../helpers/scenarios.ts';

const REL = 1e-9;
const ABS = 1e-6; // floor for values near 0

const wasm = createNodeModel('release');

/** Collects mismatches rather than stopping at the first, so that a failure shows its pattern. */
class Mismatches {
  readonly list: string[] = [];
  constructor(private readonly tag: string) {}
  num(what: string, got: number, want: number, rel = REL, abs = ABS) {
    if (!Number.isFinite(got) || !close(got, want, rel, abs))
      this.list.push(`${what}: wasm ${got}, reference ${want} (rel ${relDiff(got, want).toExponential(2)})`);
  }
  exact(what: string, got: unknown, want: unknown) {
    if (got !== want) this.list.push(`${what}: wasm ${String(got)}, reference ${String(want)}`);
  }
  nullable(what: string, got: number | null, want: number | null, rel: number, abs: number) {
    if (got === null || want === null) this.exact(`${what} (null?)`, got, want);
    else this.num(what, got, want, rel, abs);
  }
  report() {
    return this.list.length === 0
      ? ''
      : `${this.tag}\n  ${this.list.slice(0, 12).join('\n  ')}${this.list.length > 12 ? `\n  … ${this.list.length - 12} more` : ''}`;
  }
}

const MONTH_REAL_FIELDS: (keyof MonthRowV1)[] = [
  'difficulty',
  'hashrateEhs',
  'btcIssued',
  'feesBtc',
  'btcPriceUsd',
  'hashpriceUsdPerPhDay',
  'securityBudgetUsdPerDay',
];

function compareProjections(s: ModelInputs, got: ProjectionV1, want: ProjectionV1, out: Mismatches) {
  out.exact('months', got.months.length, want.months.length);
  want.months.forEach((w, i) => {
    const g = got.months[i];
    if (!g) return;
    // Integers exactly: heights and block counts.
    out.exact(`month ${w.month} month`, g.month, w.month);
    out.exact(`month ${w.month} endHeight`, g.endHeight, w.endHeight);
    out.exact(`month ${w.month} blocks`, g.blocks, w.blocks);
    for (const f of MONTH_REAL_FIELDS) out.num(`month ${w.month} ${f}`, g[f], w[f], REL, 1e-12);
  });
  out.exact('retargets', got.retargets.length, want.retargets.length);
  want.retargets.forEach((w, i) => {
    const g = got.retargets[i];
    if (!g) return;
    out.exact(`retarget ${i} height`, g.height, w.height);
    out.num(`retarget ${w.height} seconds`, g.seconds, w.seconds);
    out.num(`retarget ${w.height} difficulty`, g.difficulty, w.difficulty);
  });
  out.exact('halvings', got.halvings.length, want.halvings.length);
  want.halvings.forEach((w, i) => {
    const g = got.halvings[i];
    if (!g) return;
    out.exact(`halving ${i} height`, g.height, w.height);
    out.num(`halving ${w.height} seconds`, g.seconds, w.seconds);
    out.exact(`halving ${w.height} subsidy`, g.subsidyBtc, w.subsidyBtc);
  });
  // Within the horizon, and consistent with the start state.
  const end = 12 * s.horizonYears * 2_629_800;
  for (const e of [...got.retargets, ...got.halvings]) if (e.seconds > end) out.list.push(`event ${e.height} at ${e.seconds} > ${end}`);
}

function compareEvaluations(got: EvaluationV1, want: EvaluationV1, out: Mismatches) {
  out.num('npv.mine', got.npv.mine, want.npv.mine);
  out.num('npv.pivot', got.npv.pivot, want.npv.pivot);
  // Δ is a difference of the NPVs: its rounding error scales with them, not with Δ.
  const npvScale = Math.max(Math.abs(want.npv.mine), Math.abs(want.npv.pivot));
  out.num('delta', got.delta, want.delta, REL, Math.max(ABS, 1e-12 * npvScale));
  out.nullable('breakeven.leaseRate', got.breakeven.leaseRate, want.breakeven.leaseRate, REL, ABS);
  // Both bisect to a bracket under $0.01; one decision flipped by rounding moves the answer by about that.
  out.nullable('breakeven.btcPrice', got.breakeven.btcPrice, want.breakeven.btcPrice, 0, 0.02);
  out.nullable('irr', got.irr, want.irr, 0, 1e-9);
  out.exact('paybackMonth', got.paybackMonth, want.paybackMonth);
  out.exact('discountedPaybackMonth', got.discountedPaybackMonth, want.discountedPaybackMonth);
  for (const path of ['mine', 'pivot'] as const) {
    out.num(`perMwYear.${path}.revenue`, got.perMwYear[path].revenue, want.perMwYear[path].revenue);
    out.num(`perMwYear.${path}.ebitda`, got.perMwYear[path].ebitda, want.perMwYear[path].ebitda);
    out.exact(`cashFlows.${path} length`, got.cashFlows[path].length, want.cashFlows[path].length);
    want.cashFlows[path].forEach((w, i) => out.num(`cashFlows.${path}[${i}]`, got.cashFlows[path][i], w));
  }
}

/** Every number of an evaluation is finite; only the outputs that can be none (docs/model.md §5.10) may be null. */
function nonFinite(e: EvaluationV1): string[] {
  const bad: string[] = [];
  const check = (what: string, v: number | null, nullable: boolean) => {
    if (v === null ? !nullable : !Number.isFinite(v)) bad.push(`${what} = ${v}`);
  };
  check('npv.mine', e.npv.mine, false);
  check('npv.pivot', e.npv.pivot, false);
  check('delta', e.delta, false);
  check('breakeven.leaseRate', e.breakeven.leaseRate, true);
  check('breakeven.btcPrice', e.breakeven.btcPrice, true);
  check('irr', e.irr, true);
  check('paybackMonth', e.paybackMonth, true);
  check('discountedPaybackMonth', e.discountedPaybackMonth, true);
  for (const path of ['mine', 'pivot'] as const) {
    check(`perMwYear.${path}.revenue`, e.perMwYear[path].revenue, false);
    check(`perMwYear.${path}.ebitda`, e.perMwYear[path].ebitda, false);
    e.cashFlows[path].forEach((v, i) => check(`cashFlows.${path}[${i}]`, v, false));
  }
  return bad;
}

describe('the comparisons themselves', () => {
  it('report a difference of 1e-7 relative, a changed block count and a null against a number', () => {
    const rng = mulberry32(7);
    const s = randomInputs(rng, { maxHorizonYears: 2 });
    const p = wasm.project(s);
    const e = wasm.evaluate(s);
    const clean = new Mismatches('clean');
    compareProjections(s, p, structuredClone(p), clean);
    compareEvaluations(e, structuredClone(e), clean);
    expect(clean.list).toEqual([]);

    const p2 = structuredClone(p);
    p2.months[3].blocks += 1;
    p2.months[5].hashpriceUsdPerPhDay *= 1 + 1e-7;
    const e2 = structuredClone(e);
    e2.cashFlows.mine[2] = e2.cashFlows.mine[2] * (1 + 1e-7) + 1e-3;
    e2.irr = e2.irr === null ? 0.1 : null;
    const dirty = new Mismatches('dirty');
    compareProjections(s, p2, p, dirty);
    compareEvaluations(e2, e, dirty);
    expect(dirty.list.map((m) => m.split(':')[0])).toEqual([
      'month 4 blocks',
      'month 6 hashpriceUsdPerPhDay',
      'irr (null?)',
      'cashFlows.mine[2]',
    ]);
  });
});

describe('differential: projection, WASM against the reference', () => {
  it('agrees on 200 random scenarios: integers exactly, every real to 1e-9', () => {
    const rng = mulberry32(0xd1ff);
    const failures: string[] = [];
    let retargets = 0;
    let halvings = 0;
    let shocks = 0;
    for (let i = 0; i < 200; i++) {
      // The reference walks every block (≈ 10 ms a year): 40 scenarios over the full 1–15 years,
      // the rest over up to 6 years, to keep the file's run time modest.
      const s = randomInputs(rng, { maxHorizonYears: i < 40 ? 15 : 6 });
      const out = new Mismatches(`scenario ${i}: ${JSON.stringify(s)}`);
      const want = referenceModel.project(s);
      compareProjections(s, wasm.project(s), want, out);
      if (out.report()) failures.push(out.report());
      retargets += want.retargets.length;
      halvings += want.halvings.length;
      if (s.exitSharePct > 0 && s.exitMonth < 12 * s.horizonYears) shocks++;
    }
    expect(failures.slice(0, 5).join('\n')).toBe('');
    // The draw covers what it should: many retargets, halvings and exit shocks.
    expect(retargets).toBeGreaterThan(5_000);
    expect(halvings).toBeGreaterThan(50);
    expect(shocks).toBeGreaterThan(50);
  });
});

describe('differential: evaluate, WASM against the reference', () => {
  it('agrees on every output of 100 random scenarios', () => {
    const rng = mulberry32(0xe7a1);
    const failures: string[] = [];
    for (let i = 0; i < 100; i++) {
      const s = randomInputs(rng, { maxHorizonYears: i < 30 ? 15 : 6 });
      const out = new Mismatches(`scenario ${i}: ${JSON.stringify(s)}`);
      compareEvaluations(wasm.evaluate(s), referenceModel.evaluate(s), out);
      if (out.report()) failures.push(out.report());
    }
    expect(failures.slice(0, 5).join('\n')).toBe('');
  });
});

describe('differential: the WASM builds against each other', () => {
  it('debug, release and release-simd give the same numbers on 100 random scenarios', () => {
    const builds = (['debug', 'release-simd'] as const).map((v) => [v, createNodeModel(v)] as const);
    const rng = mulberry32(0xb1d5);
    for (let i = 0; i < 100; i++) {
      const s = randomInputs(rng);
      const want = wasm.evaluate(s);
      const wantProjection = wasm.project(s);
      for (const [name, model] of builds) {
        expect(model.evaluate(s), `${name}, scenario ${i}`).toEqual(want);
        expect(model.project(s), `${name}, scenario ${i}`).toEqual(wantProjection);
      }
    }
  });
});

describe('properties of evaluate over 1000 random scenarios (WASM release)', () => {
  it('Δ never falls as the lease rate rises, never rises with capex or the BTC price; nothing is NaN or infinite', () => {
    const rng = mulberry32(0x9a0b);
    const failures: string[] = [];
    let withBtcBreakeven = 0;
    for (let i = 0; i < 1000; i++) {
      const s = randomInputs(rng);
      const tag = `scenario ${i}: ${JSON.stringify(s)}`;
      const e = wasm.evaluate(s);
      const bad = nonFinite(e);
      if (bad.length) failures.push(`${tag}\n  ${bad.slice(0, 5).join(', ')}`);
      if (e.breakeven.btcPrice !== null) withBtcBreakeven++;
      // Rounding allowance: Δ is a difference of NPVs, so compare at their scale.
      const tol = 1e-9 * (Math.abs(e.npv.mine) + Math.abs(e.npv.pivot)) + 1e-6;
      const lease = wasm.evaluate({ ...s, leaseUsdPerKwMonth: s.leaseUsdPerKwMonth + 1 + 50 * rng() });
      if (lease.delta < e.delta - tol) failures.push(`${tag}\n  Δ fell with the lease rate: ${e.delta} → ${lease.delta}`);
      const capex = wasm.evaluate({ ...s, capexMusdPerMwIt: s.capexMusdPerMwIt + 0.1 + 3 * rng() });
      if (capex.delta > e.delta + tol) failures.push(`${tag}\n  Δ rose with capex: ${e.delta} → ${capex.delta}`);
      const price = wasm.evaluate({ ...s, btcPriceUsd: s.btcPriceUsd * (1.01 + rng()) });
      if (price.delta > e.delta + tol) failures.push(`${tag}\n  Δ rose with the BTC price: ${e.delta} → ${price.delta}`);
    }
    expect(failures.slice(0, 5).join('\n')).toBe('');
    expect(withBtcBreakeven).toBeGreaterThan(200); // 286 with this seed
  });

  it('the monotonicity checks can fail: Δ does move with each input', () => {
    // Guard against a vacuous property: on the base-like scenario each perturbation changes Δ.
    const rng = mulberry32(1);
    const s = randomInputs(rng);
    const s2: ModelInputs = { ...s, pivotSharePct: 50, pivotStartMonth: 0, buildMonths: 6, leaseTermYears: 15 };
    const d = wasm.evaluate(s2).delta;
    expect(wasm.evaluate({ ...s2, leaseUsdPerKwMonth: s2.leaseUsdPerKwMonth + 10 }).delta).toBeGreaterThan(d);
    expect(wasm.evaluate({ ...s2, capexMusdPerMwIt: s2.capexMusdPerMwIt + 1 }).delta).toBeLessThan(d);
  });
});
