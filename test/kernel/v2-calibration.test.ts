// The WASM kernel, in every build, against the calibration files: reference results computed from
// the model's specification by an implementation independent of the project.
// - test/vectors/model-calibration-v2.json: the five deterministic cases to the file's stated
//   tolerances (1e-9 relative; IRR 1e-9 absolute; paybacks exactly; the breakeven BTC price within
//   $0.02; every month field the file gives, nulls as null), and the Monte Carlo case "odds" with the
//   file's 20,000 paths within its stated tolerance.
// - test/vectors/model-calibration.json (version 1): every case gives its version-1 results through
//   the migration to version 2, both through the scenario pipeline (validation, migration, defaults)
//   and through the version-1 → 2 migration step itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_KEYS, type ModelInputs } from '../../src/model/keys.ts';
import { V1_TO_V2 } from '../../src/model/scenario/migrations.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import type { Problem } from '../../src/model/scenario/types.ts';
import { close, expectClose, onScheduleEhs, WASM_VARIANTS } from '../helpers/scenarios.ts';
import { calibrationInputsV2, calibrationV2 } from '../helpers/scenarios-v2.ts';

const REL = 1e-9; // the files' stated tolerance

describe('the version-2 calibration file', () => {
  it('holds five deterministic cases and the Monte Carlo case, with the tolerances these tests apply', () => {
    expect(calibrationV2.deterministic.map((c) => c.name)).toEqual([
      'equilibrium-start',
      'exit-wave',
      'options-and-deal',
      'clamps-and-growth',
      'risky-tenant-renewal',
    ]);
    expect(calibrationV2.about).toContain(
      'match to 1e-9 relative (IRR to 1e-9 absolute; paybacks exactly; the breakeven BTC price within $0.02)',
    );
    expect(calibrationV2.monteCarlo.map((c) => c.name)).toEqual(['odds']);
    expect(calibrationV2.monteCarlo[0].tolerance).toEqual({
      probPivotWins: 0.02,
      'deltaMean, deltaP5, deltaP50, deltaP95': '3 % of (deltaP95 − deltaP5), with at least 20,000 paths',
    });
    expect(calibrationV2.monteCarlo[0].scenario.monteCarloPaths).toBe(20_000);
  });
});

describe.each(WASM_VARIANTS)('WASM %s against the version-2 calibration file', (variant) => {
  const model = createNodeModel(variant);

  describe.each(calibrationV2.deterministic.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const s = calibrationInputsV2(c.scenario);
    const e = model.evaluate(s);
    const p = model.project(s);

    it('NPVs, Δ and the breakeven lease to 1e-9; the breakeven BTC price within $0.02; no Monte Carlo', () => {
      expectClose(e.npv.mine, c.npv.mine, REL, 0, 'npv.mine');
      expectClose(e.npv.pivot, c.npv.pivot, REL, 0, 'npv.pivot');
      expectClose(e.delta, c.delta, REL, 0, 'delta');
      expect(e.breakeven.leaseRate === null).toBe(c.breakeven.leaseRate === null);
      if (c.breakeven.leaseRate !== null) expectClose(e.breakeven.leaseRate, c.breakeven.leaseRate, REL, 0, 'leaseRate');
      expect(e.breakeven.btcPrice === null).toBe(c.breakeven.btcPrice === null);
      if (c.breakeven.btcPrice !== null) expectClose(e.breakeven.btcPrice, c.breakeven.btcPrice, 0, 0.02, 'btcPrice');
      // σ = 0 in every deterministic case: no Monte Carlo figures.
      expect(s.btcVolatilityPctPerYear).toBe(0);
      expect(e.monteCarlo).toBeNull();
      expect(e.monthsP).toBeNull();
    });

    it('IRR to 1e-9 absolute (or none), paybacks exactly', () => {
      expect(e.irr === null).toBe(c.irr === null);
      if (c.irr !== null) expectClose(e.irr, c.irr, 0, 1e-9, 'irr');
      expect(e.paybackMonth).toBe(c.paybackMonth);
      expect(e.discountedPaybackMonth).toBe(c.discountedPaybackMonth);
    });

    it('every month field given, to 1e-9 (nulls as null)', () => {
      const bad: string[] = [];
      let fields = 0;
      for (const want of c.months) {
        const got = p.months[want.month - 1] as unknown as Record<string, number | null>;
        for (const [field, w] of Object.entries(want)) {
          fields++;
          const g = got[field];
          if (w === null ? g !== null : typeof g !== 'number' || !close(g, w, REL)) bad.push(`month ${want.month} ${field}: ${g} vs ${w}`);
        }
      }
      expect(bad).toEqual([]);
      expect(fields).toBeGreaterThanOrEqual(8 * 11); // 8–11 months of 11 fields each
    });
  });

  /**
   * "odds": the equilibrium-start scenario at an $80 lease with 60 % volatility, the network
   * responding, 20,000 paths in the reference with its own generator — so the comparison is
   * statistical, and the file states its tolerance for 20,000 paths: probPivotWins within 0.02, the
   * Δ figures within 3 % of the reference's P95 − P5 (3 % of 157.4 M$ = 4.72 M$). The kernel runs
   * the file's 20,000 paths (each path its own network over 120 months): about 1.3 s in each build.
   */
  it('Monte Carlo case "odds": 20,000 paths within the file\'s stated tolerance', () => {
    const c = calibrationV2.monteCarlo[0];
    const s = calibrationInputsV2(c.scenario);
    const t0 = performance.now();
    const e = model.evaluate(s);
    console.log(`WASM ${variant}: "odds", ${s.monteCarloPaths} paths in ${(performance.now() - t0).toFixed(0)} ms`);
    const mc = e.monteCarlo!;
    expect(mc.paths).toBe(20_000);
    expect(mc.seed).toBe(1);
    expect(Math.abs(mc.probPivotWins - c.probPivotWins)).toBeLessThanOrEqual(0.02);
    const tolerance = 0.03 * (c.deltaP95 - c.deltaP5);
    expect(tolerance).toBeCloseTo(4.7231e6, -2);
    for (const f of ['deltaMean', 'deltaP5', 'deltaP50', 'deltaP95'] as const) {
      expect(Math.abs(mc[f] - c[f]), `${f}: ${mc[f]} vs ${c[f]}`).toBeLessThanOrEqual(tolerance);
    }
    // The percentiles in order, and the mean of Δ the mean NPVs' difference.
    expect(mc.deltaP5).toBeLessThanOrEqual(mc.deltaP50);
    expect(mc.deltaP50).toBeLessThanOrEqual(mc.deltaP95);
    expectClose(mc.npvMeanPivot - mc.npvMeanMine, mc.deltaMean, 1e-9, 1e-6, 'mean NPVs against mean Δ');
  }, 60_000);
});

interface ProjectionCaseV1 {
  scenario: Record<string, unknown>;
  firstRetargets: { height: number; difficulty: number }[];
  halvings: { height: number; secondsAfterStart: number }[];
}
interface EvaluateCaseV1 {
  scenario: Record<string, unknown>;
  npv: { mine: number; pivot: number };
  delta: number;
  breakeven: { leaseRate: number };
}
const calibrationV1: { projection: ProjectionCaseV1[]; evaluate: EvaluateCaseV1[] } = JSON.parse(
  readFileSync(new URL('../vectors/model-calibration.json', import.meta.url), 'utf8'),
);

/** A version-1 file through the scenario pipeline: validated (and migrated), defaults and derived keys filled. */
function throughPipeline(scenario: Record<string, unknown>): ModelInputs {
  const result = validateScenario(scenario);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return resolveInputs(result.scenario);
}

/**
 * A version-1 file through the version-1 → 2 migration step itself (docs/model.md §7): the keys
 * version 2 adds, and the version-1 keys whose default it changes, at their version-1 values where
 * the file lacks them; then the two derived keys (hashrateEhs = D0·2^32/600/10^18,
 * epochElapsedSeconds = (h0 mod 2016)·600).
 */
function throughMigrationStep(scenario: Record<string, unknown>): ModelInputs {
  const notices: Problem[] = [];
  const s = V1_TO_V2.up(scenario, notices) as Record<string, number>;
  expect(notices).toEqual([]);
  s.hashrateEhs ??= onScheduleEhs(s.startDifficulty);
  s.epochElapsedSeconds ??= (s.startHeight % 2016) * 600;
  const inputs = {} as ModelInputs;
  for (const key of MODEL_KEYS) {
    if (typeof s[key] !== 'number') throw new Error(`migrated calibration scenario lacks ${key}`);
    inputs[key] = s[key];
  }
  return inputs;
}

describe.each(WASM_VARIANTS)('WASM %s: the version-1 calibration file through the migration', (variant) => {
  const model = createNodeModel(variant);

  for (const [route, inputsOf] of [
    ['the scenario pipeline', throughPipeline],
    ['the migration step', throughMigrationStep],
  ] as const) {
    it(`${route}: the version-1 keys kept, the added ones at their version-1 values (r_host = r_mine)`, () => {
      for (const c of [...calibrationV1.projection, ...calibrationV1.evaluate]) {
        const s = inputsOf(c.scenario);
        for (const key of MODEL_KEYS) if (key in c.scenario) expect(s[key], key).toBe(c.scenario[key]);
        expect([s.networkResponsePctPerMonth, s.btcVolatilityPctPerYear, s.feesGrowthPctPerYear, s.powerEscalatorPctPerYear]).toEqual([
          0, 0, 0, 0,
        ]);
        expect([s.asicResalePct, s.renewalPct, s.mothballOpexPct]).toEqual([0, 0, 100]);
        expect(s.discountRatePivotPct).toBe(c.scenario.discountRatePct);
      }
    });

    it.each(calibrationV1.projection.map((c, i) => [i + 1, c] as const))(
      `${route}: projection case %i, retargets and halvings`,
      (_i, c) => {
        const p = model.project(inputsOf(c.scenario));
        expect(p.retargets.length).toBeGreaterThanOrEqual(c.firstRetargets.length);
        c.firstRetargets.forEach((want, j) => {
          expect(p.retargets[j].height).toBe(want.height);
          expectClose(p.retargets[j].difficulty, want.difficulty, REL, 0, `retarget ${want.height}`);
        });
        expect(p.halvings.map((h) => h.height)).toEqual(c.halvings.map((h) => h.height));
        c.halvings.forEach((want, j) => expectClose(p.halvings[j].seconds, want.secondsAfterStart, 0, 1e-3, `halving ${want.height}`));
        // No response: no target, no marginal hashcost.
        expect(p.months.every((m) => m.targetHashrateEhs === null && m.marginalHashcostUsdPerPhDay === null)).toBe(true);
      },
    );

    it.each(calibrationV1.evaluate.map((c, i) => [i + 1, c] as const))(
      `${route}: evaluate case %i, NPVs, Δ and the breakeven lease to 1e-9`,
      (_i, c) => {
        const e = model.evaluate(inputsOf(c.scenario));
        expectClose(e.npv.mine, c.npv.mine, REL, 0, 'npv.mine');
        expectClose(e.npv.pivot, c.npv.pivot, REL, 0, 'npv.pivot');
        expectClose(e.delta, c.delta, REL, 0, 'delta');
        expectClose(e.breakeven.leaseRate, c.breakeven.leaseRate, REL, 0, 'breakeven.leaseRate');
        expect(e.monteCarlo).toBeNull();
      },
    );
  }
});
