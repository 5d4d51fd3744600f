/**
 * Shared helpers of the model tests: a seeded PRNG, a complete base scenario, random valid
 * scenarios (docs/model.md §6.3 rules), the implementations under test and tolerant comparisons.
 */
import { MODEL_KEYS, type ModelInputs } from '../../src/model/keys.ts';
import type { ModelV1 } from '../../src/model/results.ts';
import { v2KeysAtV1 } from '../../src/model/scenario/migrations.ts';
import { referenceModel } from '../../src/kernel/reference.ts';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import type { KernelVariant } from '../../src/kernel/wasm.ts';

export const TWO_32 = 2 ** 32;
export const MONTH = 2_629_800;

/** mulberry32: a tiny seeded generator, the same sequence on every run. Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
export const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
/** A whole number in [lo, hi]. */
export const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** The network hashrate (EH/s) at which blocks come every 600 s at difficulty d: D·2^32/600/1e18. */
export const onScheduleEhs = (difficulty: number) => (difficulty * TWO_32) / 600 / 1e18;

/**
 * A complete scenario: the first `evaluate` case of test/vectors/model-calibration.json (written
 * out here so that the helpers depend on no file), with its derived defaults filled in:
 * hashrateEhs = D0·2^32/600/1e18 and epochElapsedSeconds = (startHeight mod 2016)·600 = 0.
 */
export function baseInputs(): ModelInputs {
  return {
    startHeight: 1_038_240, // 2016 · 515: an epoch's first block
    startDifficulty: 146.4e12,
    epochElapsedSeconds: 0,
    hashrateEhs: onScheduleEhs(146.4e12),
    hashrateGrowthPctPerMonth: 1.2,
    exitSharePct: 0,
    exitMonth: 0,
    btcPriceUsd: 90_000,
    btcPriceGrowthPctPerYear: 10,
    feesBtcPerBlock: 0.05,
    horizonYears: 15,
    siteMw: 100,
    miningPue: 1.05,
    fleetJPerTh: 20,
    uptimePct: 95,
    poolFeePct: 2,
    powerUsdPerKwh: 0.04,
    opexUsdPerMwMonth: 10_000,
    curtailedPct: 0,
    demandResponseUsdPerMwh: 0,
    refreshYears: 0,
    asicUsdPerTh: 15,
    efficiencyGainPctPerYear: 0,
    pivotSharePct: 100,
    pivotStartMonth: 0,
    grossToItRatio: 1.3,
    capexMusdPerMwIt: 10,
    buildMonths: 18,
    leaseUsdPerKwMonth: 150,
    leaseEscalatorPct: 2.5,
    leaseTermYears: 15,
    noiMarginPct: 85,
    defaultPctPerYear: 2,
    recoveryPct: 40,
    discountRatePct: 10,
    exitMultipleMine: 0,
    exitMultiplePivot: 0,
    ...v2KeysAtV1(10),
  };
}

/**
 * A base scenario with some keys changed. One discount rate, as in version 1: a changed
 * discountRatePct moves discountRatePivotPct with it, unless `over` sets that too.
 */
export const withInputs = (over: Partial<ModelInputs>): ModelInputs => ({
  ...baseInputs(),
  ...(over.discountRatePct === undefined ? {} : { discountRatePivotPct: over.discountRatePct }),
  ...over,
});

/**
 * A random valid scenario (docs/model.md §6) with every model key drawn uniformly in a realistic
 * sub-range: whole numbers where required, buildMonths ≥ 1, exitSharePct < 100,
 * epochElapsedSeconds = 0 on an epoch's first block and otherwise in (0, 2·on-schedule], hashrate
 * within ×[0.5, 2] of the on-schedule level, horizon 1–15 years. Zero is drawn often for the keys
 * where 0 switches a feature off (exit shock, curtailment, refresh, exit multiples, default).
 */
export function randomInputs(rng: Rng, opts: { maxHorizonYears?: number } = {}): ModelInputs {
  const sometimesZero = (p: number, draw: () => number) => (rng() < p ? 0 : draw());
  // One tip in eight on an epoch's first block, where epochElapsedSeconds must be 0.
  const startHeight = rng() < 0.125 ? 2016 * int(rng, 420, 640) : int(rng, 850_000, 1_290_000);
  const inEpoch = startHeight % 2016;
  const startDifficulty = uniform(rng, 60e12, 400e12);
  const horizonYears = int(rng, 1, opts.maxHorizonYears ?? 15);
  const months = 12 * horizonYears;
  const drawn = {
    startHeight,
    startDifficulty,
    epochElapsedSeconds: inEpoch === 0 ? 0 : uniform(rng, 0.25, 2) * inEpoch * 600,
    hashrateEhs: onScheduleEhs(startDifficulty) * uniform(rng, 0.5, 2),
    hashrateGrowthPctPerMonth: uniform(rng, -1.5, 3),
    exitSharePct: sometimesZero(0.5, () => uniform(rng, 0, 60)),
    exitMonth: int(rng, 0, months),
    btcPriceUsd: uniform(rng, 20_000, 300_000),
    btcPriceGrowthPctPerYear: uniform(rng, -20, 50),
    feesBtcPerBlock: uniform(rng, 0, 0.5),
    horizonYears,
    siteMw: uniform(rng, 5, 500),
    miningPue: uniform(rng, 1.02, 1.5),
    fleetJPerTh: uniform(rng, 12, 35),
    uptimePct: uniform(rng, 80, 100),
    poolFeePct: uniform(rng, 0, 4),
    powerUsdPerKwh: uniform(rng, 0.02, 0.1),
    opexUsdPerMwMonth: uniform(rng, 0, 30_000),
    curtailedPct: sometimesZero(0.5, () => uniform(rng, 0, 20)),
    demandResponseUsdPerMwh: sometimesZero(0.3, () => uniform(rng, 0, 1500)),
    refreshYears: sometimesZero(0.4, () => int(rng, 1, 5)),
    asicUsdPerTh: uniform(rng, 4, 25),
    efficiencyGainPctPerYear: uniform(rng, 0, 20),
    pivotSharePct: rng() < 0.1 ? 0 : rng() < 0.3 ? 100 : uniform(rng, 0, 100),
    pivotStartMonth: sometimesZero(0.4, () => int(rng, 1, 36)),
    grossToItRatio: uniform(rng, 1.2, 1.5),
    capexMusdPerMwIt: uniform(rng, 5, 12),
    buildMonths: int(rng, 1, 36),
    leaseUsdPerKwMonth: uniform(rng, 50, 200),
    leaseEscalatorPct: uniform(rng, 0, 5),
    leaseTermYears: int(rng, 1, 20),
    noiMarginPct: uniform(rng, 60, 95),
    defaultPctPerYear: sometimesZero(0.3, () => uniform(rng, 0, 10)),
    recoveryPct: uniform(rng, 0, 100),
    discountRatePct: uniform(rng, 0, 25),
    exitMultipleMine: sometimesZero(0.5, () => uniform(rng, 0, 10)),
    exitMultiplePivot: sometimesZero(0.5, () => uniform(rng, 0, 25)),
  };
  // The keys version 2 adds, at the values that keep version 1's results.
  const s: ModelInputs = { ...drawn, ...v2KeysAtV1(drawn.discountRatePct) };
  for (const key of MODEL_KEYS) if (!Number.isFinite(s[key])) throw new Error(`randomInputs: ${key} = ${s[key]}`);
  return s;
}

export const WASM_VARIANTS: KernelVariant[] = ['debug', 'release', 'release-simd'];

/**
 * The implementations every hand-worked version-1 example runs on: the version-1 TS reference and
 * each WASM build (whose version-2 outputs are read as version 1's).
 */
export function allModels(): [string, ModelV1][] {
  return [['reference', referenceModel], ...WASM_VARIANTS.map((v) => [`WASM ${v}`, createNodeModel(v)] as [string, ModelV1])];
}

/** |a − b| ≤ rel·max(|a|, |b|) or ≤ abs: for values that may be near 0. */
export function close(a: number, b: number, rel: number, abs = 0): boolean {
  return Math.abs(a - b) <= Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), abs);
}

/** Relative difference, for messages. */
export const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);

/** Σ v_m·(1+r)^(−m/12), m = 1-based month: the model's discounting (docs/model.md §5.1). */
export function npvAt(flows: readonly number[], annualRate: number): number {
  return flows.reduce((acc, cf, i) => acc + cf * (1 + annualRate) ** (-(i + 1) / 12), 0);
}

/** Asserts |actual − expected| ≤ rel·|expected| (or ≤ abs), naming both in the message. */
export function expectClose(actual: number | null | undefined, expected: number, rel: number, abs = 0, what = ''): void {
  if (typeof actual !== 'number' || !close(actual, expected, rel, abs)) {
    throw new Error(`${what ? `${what}: ` : ''}expected ${expected}, got ${actual} (relative tolerance ${rel}, absolute ${abs})`);
  }
}
