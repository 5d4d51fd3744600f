// The migration from scenario version 1 to version 2 (docs/model.md §7): a version-1 file, once
// migrated, resolves under version 2's defaults to exactly the inputs it had in version 1 — every
// key — so it keeps its version-1 results. Checked on the empty file, the version-1 calibration
// cases, the presets as they were written for version 1 and random version-1 files, whatever
// CURRENT_VERSION is.
import { describe, expect, it } from 'vitest';
import v1Calibration from '../vectors/model-calibration.json' with { type: 'json' };
import type { ModelInputs } from '../../src/model/keys.ts';
import { MODEL_KEYS, PARAMS_BY_KEY, defaultInputs, epochElapsedSecondsFor, hashrateEhsFor } from '../../src/model/registry/index.ts';
import { V1_CHANGED_DEFAULTS, V1_TO_V2, V2_ADDED_KEYS, v2KeysAtV1 } from '../../src/model/scenario/migrations.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import type { Problem, Scenario } from '../../src/model/scenario/types.ts';
import { LINK_V1_TO_V2 } from '../../src/model/url/migrations.ts';
import { PRESETS_V1 } from '../helpers/presets-v1.ts';
import { mulberry32, randomInputs } from '../helpers/scenarios.ts';

type File = Record<string, unknown>;

/** What a version-1 file computes: version 1's defaults, its derived keys, the hosting rate its discountRatePct. */
function inputsInV1(file: File): ModelInputs {
  const s = file as Partial<ModelInputs>;
  const out = { ...defaultInputs(1) };
  for (const key of MODEL_KEYS) if (typeof s[key] === 'number') out[key] = s[key];
  if (s.hashrateEhs === undefined) out.hashrateEhs = hashrateEhsFor(out.startDifficulty);
  if (s.epochElapsedSeconds === undefined) out.epochElapsedSeconds = epochElapsedSecondsFor(out.startHeight);
  if (s.discountRatePivotPct === undefined) out.discountRatePivotPct = out.discountRatePct;
  return out;
}

/** What a version-2 file computes: version 2's defaults and its derived keys (the hosting rate is a plain key). */
function inputsInV2(file: File): ModelInputs {
  const s = file as Partial<ModelInputs>;
  const out = { ...defaultInputs(2) };
  for (const key of MODEL_KEYS) if (typeof s[key] === 'number') out[key] = s[key];
  if (s.hashrateEhs === undefined) out.hashrateEhs = hashrateEhsFor(out.startDifficulty);
  if (s.epochElapsedSeconds === undefined) out.epochElapsedSeconds = epochElapsedSecondsFor(out.startHeight);
  return out;
}

function up(file: File): { out: File; notices: Problem[] } {
  const notices: Problem[] = [];
  const out = V1_TO_V2.up(file, notices);
  return { out, notices };
}

/** A version-1 file holding some of the keys of a random scenario (the rest take version 1's defaults). */
function randomV1File(seed: number): File {
  const rng = mulberry32(seed);
  const inputs = randomInputs(rng);
  const file: File = { version: 1 };
  const v1Keys = MODEL_KEYS.filter((k) => !(V2_ADDED_KEYS as readonly string[]).includes(k));
  for (const key of v1Keys) if (rng() < 0.5) file[key] = inputs[key];
  return file;
}

const CASES: [string, File][] = [
  ['the empty file', { version: 1 }],
  ['a file with its own discount rate', { version: 1, discountRatePct: 7, siteMw: 250 }],
  [
    'a file with version-1 keys at other values',
    { version: 1, hashrateGrowthPctPerMonth: 2.5, exitMultiplePivot: 12, efficiencyGainPctPerYear: 5 },
  ],
  ...[...v1Calibration.projection, ...v1Calibration.evaluate].map((c, i): [string, File] => [`calibration case ${i + 1}`, c.scenario]),
  ...Object.entries(PRESETS_V1).map(([name, file]): [string, File] => [`preset ${name} as written for version 1`, { ...file }]),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed): [string, File] => [`random version-1 file ${seed}`, randomV1File(seed)]),
];

describe('scenario migration 1 → 2', () => {
  it('is dated and goes from version 1', () => {
    expect(V1_TO_V2.from).toBe(1);
    expect(V1_TO_V2.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('writes the version-1 value of each key version 2 adds or changes, where the file lacks it', () => {
    const { out, notices } = up({ version: 1 });
    expect(notices).toEqual([]);
    expect(out).toEqual({ version: 1, ...V1_CHANGED_DEFAULTS, ...v2KeysAtV1(10) });
    expect(out.discountRatePivotPct).toBe(10);
    expect(out.mothballOpexPct).toBe(100);
    expect(out.networkResponsePctPerMonth).toBe(0);
    expect(out.btcVolatilityPctPerYear).toBe(0);
    expect(out.netHashcostUsdPerPhDay).toBe(39.47);
  });

  it("keeps what the file sets; the hosting rate is the file's discountRatePct", () => {
    const file = { version: 1, discountRatePct: 7, exitMultipleMine: 3, renewalPct: 50 };
    const { out } = up(file);
    expect(out).toMatchObject({ discountRatePct: 7, discountRatePivotPct: 7, exitMultipleMine: 3, renewalPct: 50, exitMultiplePivot: 0 });
    expect(file).toEqual({ version: 1, discountRatePct: 7, exitMultipleMine: 3, renewalPct: 50 });
  });

  it('takes 10 % for the hosting rate when discountRatePct is out of range or not a number (validation reports it)', () => {
    expect(up({ version: 1, discountRatePct: 150 }).out).toMatchObject({ discountRatePct: 150, discountRatePivotPct: 10 });
    expect(up({ version: 1, discountRatePct: 'x' }).out).toMatchObject({ discountRatePct: 'x', discountRatePivotPct: 10 });
  });

  it("drops an epochElapsedSeconds on an epoch's last block, saying so, and keeps it elsewhere", () => {
    const last = up({ version: 1, startHeight: 2016 * 500 + 2015, epochElapsedSeconds: 1_000_000 });
    expect(last.out).not.toHaveProperty('epochElapsedSeconds');
    expect(last.notices).toHaveLength(1);
    expect(last.notices[0].key).toBe('epochElapsedSeconds');
    expect(last.notices[0].message).toMatch(/^epochElapsedSeconds: dropped: startHeight \(1010015\) is an epoch's last block/);
    expect(last.notices[0].message).toContain('startHeight mod 2016 = 2015');
    const inside = up({ version: 1, startHeight: 2016 * 500 + 2014, epochElapsedSeconds: 1_000_000 });
    expect(inside.out.epochElapsedSeconds).toBe(1_000_000);
    expect(inside.notices).toEqual([]);
  });

  it.each(CASES)('%s: version 2 computes exactly the inputs of version 1, every key', (_name, file) => {
    const v1 = inputsInV1(file);
    const { out } = up(file);
    const v2 = inputsInV2(out);
    expect(Object.keys(v2).sort()).toEqual([...MODEL_KEYS].sort());
    for (const key of MODEL_KEYS) expect(v2[key], key).toBe(v1[key]);
    // Resolution (through the migration, once CURRENT_VERSION is past 1) agrees.
    expect(resolveInputs(file as Scenario)).toEqual(v1);
  });

  it('gives the calibration cases their version-1 inputs', () => {
    for (const c of [...v1Calibration.projection, ...v1Calibration.evaluate]) {
      const s = c.scenario as unknown as Record<string, number>;
      const v2 = inputsInV2(up(c.scenario).out);
      for (const [key, value] of Object.entries(s))
        if (key !== 'version' && key !== 'startDate') expect(v2[key as keyof ModelInputs], key).toBe(value);
      expect(v2.discountRatePivotPct).toBe(s.discountRatePct);
    }
  });

  it('changes what an unmigrated version-1 file would compute under version 2, so the migration is needed', () => {
    const empty = inputsInV2({ version: 1 });
    const differ = MODEL_KEYS.filter((k) => empty[k] !== defaultInputs(1)[k]);
    expect(differ.sort()).toEqual(
      [
        ...Object.keys(V1_CHANGED_DEFAULTS),
        'networkResponsePctPerMonth',
        'btcVolatilityPctPerYear',
        'mothballOpexPct',
        'powerEscalatorPctPerYear',
        'asicResalePct',
        'renewalPct',
        'discountRatePivotPct',
      ].sort(),
    );
  });
});

describe("validation: an epochElapsedSeconds on an epoch's last block", () => {
  const last = { startHeight: 933_407, epochElapsedSeconds: 1_209_000 };

  it('is an error in a version-2 file, naming the key', () => {
    const r = validateScenario({ version: 2, ...last });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      {
        key: 'epochElapsedSeconds',
        message:
          "epochElapsedSeconds: not used when startHeight (933407) is an epoch's last block (startHeight mod 2016 = 2015): " +
          'the next block opens a new epoch at startDifficulty; leave it out',
      },
    ]);
    expect(validateScenario({ version: 2, startHeight: 933_407 }).ok).toBe(true);
    expect(validateScenario({ version: 2, startHeight: 933_406, epochElapsedSeconds: 1_209_000 }).ok).toBe(true);
  });

  it('is dropped from a version-1 file, with a notice, and the file is valid', () => {
    const r = validateScenario({ version: 1, ...last });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).not.toHaveProperty('epochElapsedSeconds');
    expect(r.scenario.version).toBe(2);
    expect(r.notices?.map((n) => n.key)).toEqual(['epochElapsedSeconds']);
    expect(r.notices?.[0].message).toMatch(/^epochElapsedSeconds: dropped: /);
    expect(validateScenario({ version: 1, siteMw: 5 })).not.toHaveProperty('notices');
  });
});

describe('defaults by version', () => {
  it('version 1: the registry defaults of version 1, the hosting rate equal to the mining rate', () => {
    const v1 = defaultInputs(1);
    for (const p of Object.values(PARAMS_BY_KEY)) expect(v1[p.key], p.key).toBe(p.v1Default);
    expect(v1.discountRatePivotPct).toBe(v1.discountRatePct);
  });

  it('version 2: the version-2 defaults of docs/model.md §7', () => {
    expect(defaultInputs(2)).toMatchObject({
      hashrateGrowthPctPerMonth: 0,
      efficiencyGainPctPerYear: 10,
      discountRatePct: 12,
      exitMultipleMine: 4,
      exitMultiplePivot: 10,
      networkResponsePctPerMonth: 30,
      netHashcostUsdPerPhDay: 39.47,
      hashSupplyElasticity: 3,
      netMaxGrowthPctPerMonth: 8,
      netMaxDeclinePctPerMonth: 15,
      netFleetJPerTh: 22,
      netPowerUsdPerKwh: 0.05,
      feesGrowthPctPerYear: 0,
      btcVolatilityPctPerYear: 50,
      mothballOpexPct: 30,
      powerEscalatorPctPerYear: 2,
      asicResalePct: 20,
      renewalPct: 70,
      discountRatePivotPct: 8,
      monteCarloPaths: 1000,
      monteCarloSeed: 1,
    });
    const v1 = defaultInputs(1);
    const v2 = defaultInputs(2);
    for (const key of ['startHeight', 'startDifficulty', 'hashrateEhs', 'btcPriceUsd', 'siteMw', 'leaseUsdPerKwMonth'] as const) {
      expect(v2[key], key).toBe(v1[key]);
    }
  });
});

describe('link migration 1 → 2', () => {
  it('changes nothing of the link itself: its scenario is migrated as a file is', () => {
    expect(LINK_V1_TO_V2.from).toBe(1);
    const params = new Map([
      ['siteMw', '250'],
      ['x', 'siteMw:10:500:8'],
    ]);
    expect(LINK_V1_TO_V2.up(new Map(params))).toEqual(params);
  });
});
