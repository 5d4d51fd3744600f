/**
 * Presets and older-version scenarios in the explorer's state: a preset loads as its file validates;
 * an older file (here a preset as it was written for version 1) is migrated as an imported file is,
 * so the explorer holds a current-version scenario with the older version's values written out,
 * computes the older version's results, and a heatmap cell shown in detail is the scenario the
 * sweep computed for that cell.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS, presetScenario } from '../../src/model/presets.ts';
import { CURRENT_VERSION } from '../../src/model/registry/index.ts';
import { V1_CHANGED_DEFAULTS, v2KeysAtV1 } from '../../src/model/scenario/migrations.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { Explorer } from '../../src/state/explorer.svelte.ts';
import { PRESETS_V1 } from '../helpers/presets-v1.ts';

const FULL_PIVOT_V1 = PRESETS_V1['full-pivot-coreweave-terms'];

describe('Explorer: presets and older versions', () => {
  it('loads every preset as its file validates: the current version, its own keys and the migration’s values written out', () => {
    for (const preset of PRESETS) {
      const e = new Explorer();
      e.loadPreset(preset.name);
      const file = presetScenario(preset);
      const checked = validateScenario(file);
      if (!checked.ok) throw new Error(`${preset.name}: ${JSON.stringify(checked.problems)}`);
      expect(e.scenario, preset.name).toEqual(checked.scenario);
      expect(e.scenario.version, preset.name).toBe(CURRENT_VERSION);
      expect(e.scenario, preset.name).toMatchObject(preset.overrides);
      expect(e.problems, preset.name).toEqual([]);
      // It computes what the file computes.
      expect(e.inputs, preset.name).toEqual(resolveInputs(file));
    }
  });

  it('a version-2 preset is taken as written: version 2’s network response and hosting rate, its own keys', () => {
    const e = new Explorer();
    e.loadPreset('full-pivot-coreweave-terms');
    expect(e.scenario).toEqual({ version: 2, ...PRESETS.find((p) => p.name === 'full-pivot-coreweave-terms')!.overrides });
    expect(e.inputs).toMatchObject({ siteMw: 286, networkResponsePctPerMonth: 30, discountRatePivotPct: 8, mothballOpexPct: 30 });
  });

  it('a preset’s version-1 file holds the version-1 values of the keys version 2 adds or changes', () => {
    const e = new Explorer();
    e.loadScenario({ ...FULL_PIVOT_V1 });
    expect(FULL_PIVOT_V1.version).toBe(1);
    const rate = V1_CHANGED_DEFAULTS.discountRatePct;
    expect(e.scenario).toMatchObject({ ...V1_CHANGED_DEFAULTS, ...v2KeysAtV1(rate), siteMw: 286 });
    expect(e.scenario.discountRatePivotPct).toBe(10);
  });

  it('a cell on a discountRatePct axis is, in detail, the scenario the sweep computed for it', () => {
    const e = new Explorer();
    e.loadScenario({ ...FULL_PIVOT_V1 });
    e.setView({ x: { key: 'discountRatePct', min: 4, max: 20, n: 9, log: false } });
    const request = e.sweepRequest!;
    e.selectCell({ xKey: 'discountRatePct', x: 16, yKey: request.spec.y.key, y: 90_000 });
    // The sweep's cell: its inputs with the two axis values; the kernel derives what the request marks −1.
    const cell = { ...request.inputs, discountRatePct: 16, [request.spec.y.key]: 90_000 };
    expect(e.detailInputs).toEqual({ ...cell, hashrateEhs: e.inputs.hashrateEhs, epochElapsedSeconds: e.inputs.epochElapsedSeconds });
    // The hosting rate is the file's, written out by the migration, in both.
    expect(e.detailInputs.discountRatePivotPct).toBe(10);
    expect(request.inputs.discountRatePivotPct).toBe(10);
  });

  it('loadPreset of no preset starts from the defaults', () => {
    const e = new Explorer();
    e.setParam('siteMw', 50);
    e.loadPreset('');
    expect(e.scenario).toEqual({ version: CURRENT_VERSION });
  });

  it('a version-1 scenario loaded directly is migrated too, dropping what version 2 does not accept', () => {
    const e = new Explorer();
    e.loadScenario({ version: 1, startHeight: 2015, epochElapsedSeconds: 600, siteMw: 20 });
    expect(e.scenario.version).toBe(CURRENT_VERSION);
    expect(e.scenario).toMatchObject({ siteMw: 20, startHeight: 2015, networkResponsePctPerMonth: 0 });
    expect(Object.hasOwn(e.scenario, 'epochElapsedSeconds')).toBe(false);
    expect(e.problems).toEqual([]);
  });
});
