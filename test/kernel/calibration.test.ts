// The model against test/vectors/model-calibration.json: reference results computed from the
// model's specification by an implementation independent of the project. Every case, every
// implementation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_KEYS, type ModelInputs } from '../../src/model/keys.ts';
import type { ModelV1 } from '../../src/model/results.ts';
import { v2KeysAtV1 } from '../../src/model/scenario/migrations.ts';
import { allModels, expectClose, onScheduleEhs } from '../helpers/scenarios.ts';

interface ProjectionCase {
  scenario: Record<string, unknown>;
  firstRetargets: { height: number; difficulty: number }[];
  halvings: { height: number; secondsAfterStart: number }[];
}
interface EvaluateCase {
  scenario: Record<string, unknown>;
  npv: { mine: number; pivot: number };
  delta: number;
  breakeven: { leaseRate: number };
}
const calibration: { projection: ProjectionCase[]; evaluate: EvaluateCase[] } = JSON.parse(
  readFileSync(new URL('../vectors/model-calibration.json', import.meta.url), 'utf8'),
);

const REL = 1e-9; // the file's stated tolerance
const TIME_ABS = 1e-3; // times within 1 ms

/**
 * The model inputs of a calibration scenario. The file gives every key but the two derived
 * defaults (docs/model.md §2.2): hashrateEhs = D0·2^32/600/1e18, epochElapsedSeconds = (h0 mod 2016)·600.
 */
function inputsOf(scenario: Record<string, unknown>): ModelInputs {
  const s = { ...scenario } as Record<string, number>;
  s.hashrateEhs ??= onScheduleEhs(s.startDifficulty);
  s.epochElapsedSeconds ??= (s.startHeight % 2016) * 600;
  // The keys version 2 adds, at the values that keep version 1's results (docs/model.md §7).
  for (const [key, value] of Object.entries(v2KeysAtV1(s.discountRatePct))) s[key] ??= value;
  const inputs = {} as ModelInputs;
  for (const key of MODEL_KEYS) {
    if (typeof s[key] !== 'number') throw new Error(`calibration scenario lacks ${key}`);
    inputs[key] = s[key];
  }
  return inputs;
}

describe('the calibration file', () => {
  it('holds the cases these tests walk through', () => {
    expect(calibration.projection.length).toBeGreaterThanOrEqual(1);
    expect(calibration.evaluate.length).toBeGreaterThanOrEqual(2);
    for (const c of [...calibration.projection, ...calibration.evaluate]) expect(() => inputsOf(c.scenario)).not.toThrow();
  });
});

describe.each(allModels())('calibration: %s', (_name, model: ModelV1) => {
  describe.each(calibration.projection.map((c, i) => [i + 1, c] as const))('projection case %i', (_i, c) => {
    const p = model.project(inputsOf(c.scenario));

    it('first retargets: heights exact, difficulties to 1e-9', () => {
      expect(p.retargets.length).toBeGreaterThanOrEqual(c.firstRetargets.length);
      c.firstRetargets.forEach((want, j) => {
        expect(p.retargets[j].height).toBe(want.height);
        expectClose(p.retargets[j].difficulty, want.difficulty, REL, 0, `retarget ${want.height}`);
      });
    });

    it('halvings: heights exact, times within 1 ms', () => {
      expect(p.halvings.map((h) => h.height)).toEqual(c.halvings.map((h) => h.height));
      c.halvings.forEach((want, j) => {
        expectClose(p.halvings[j].seconds, want.secondsAfterStart, 0, TIME_ABS, `halving ${want.height}`);
      });
    });
  });

  describe.each(calibration.evaluate.map((c, i) => [i + 1, c] as const))('evaluate case %i', (_i, c) => {
    const e = model.evaluate(inputsOf(c.scenario));

    it('NPVs, Δ and the breakeven lease rate to 1e-9', () => {
      expectClose(e.npv.mine, c.npv.mine, REL, 0, 'npv.mine');
      expectClose(e.npv.pivot, c.npv.pivot, REL, 0, 'npv.pivot');
      expectClose(e.delta, c.delta, REL, 0, 'delta');
      expectClose(e.breakeven.leaseRate, c.breakeven.leaseRate, REL, 0, 'breakeven.leaseRate');
    });
  });
});
