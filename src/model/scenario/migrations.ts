/**
 * Scenario migrations: an older version's scenario brought up to CURRENT_VERSION, one small
 * dated step per version bump, so old files and links keep computing what they computed.
 */
import type { ModelKey } from '../keys.ts';
import { CURRENT_VERSION, PARAMS_BY_KEY } from '../registry/index.ts';
import type { Problem } from './types.ts';

/** The keys version 2 adds (docs/model.md §7.6). */
export const V2_ADDED_KEYS = [
  'networkResponsePctPerMonth',
  'netHashcostUsdPerPhDay',
  'hashSupplyElasticity',
  'netMaxGrowthPctPerMonth',
  'netMaxDeclinePctPerMonth',
  'netFleetJPerTh',
  'netPowerUsdPerKwh',
  'feesGrowthPctPerYear',
  'btcVolatilityPctPerYear',
  'mothballOpexPct',
  'powerEscalatorPctPerYear',
  'asicResalePct',
  'renewalPct',
  'discountRatePivotPct',
  'monteCarloPaths',
  'monteCarloSeed',
] as const satisfies readonly ModelKey[];
export type V2AddedKey = (typeof V2_ADDED_KEYS)[number];

/** The version-1 keys whose default version 2 changes, with their version-1 defaults (docs/model.md §7.6). */
export const V1_CHANGED_DEFAULTS = Object.freeze({
  hashrateGrowthPctPerMonth: 1,
  efficiencyGainPctPerYear: 0,
  discountRatePct: 10,
  exitMultipleMine: 0,
  exitMultiplePivot: 0,
}) satisfies Partial<Record<ModelKey, number>>;

/**
 * The "v1 values" of the keys version 2 adds: with them a scenario computes its version-1 results
 * (docs/model.md §7) — no network response, full opex when off, no power escalation, no fee
 * growth, no resale, no renewal, no Monte Carlo, and one discount rate, the scenario's
 * `discountRatePct`. A key version 1 has no value for takes its version-2 default, which then
 * changes no version-1 figure. Written out, not read from the registry, so that the migration
 * means the same thing whatever later versions change.
 */
export function v2KeysAtV1(discountRatePct: number): Record<V2AddedKey, number> {
  return {
    networkResponsePctPerMonth: 0,
    netHashcostUsdPerPhDay: 39.47,
    hashSupplyElasticity: 3,
    netMaxGrowthPctPerMonth: 8,
    netMaxDeclinePctPerMonth: 15,
    netFleetJPerTh: 22,
    netPowerUsdPerKwh: 0.05,
    feesGrowthPctPerYear: 0,
    btcVolatilityPctPerYear: 0,
    mothballOpexPct: 100,
    powerEscalatorPctPerYear: 0,
    asicResalePct: 0,
    renewalPct: 0,
    discountRatePivotPct: discountRatePct,
    monteCarloPaths: 1000,
    monteCarloSeed: 1,
  };
}

/** Maps a scenario of version `from` to version `from + 1`. */
export interface Migration {
  from: number;
  /** When the migration was written (YYYY-MM-DD). */
  date: string;
  description: string;
  /**
   * The scenario of version `from + 1` (the input is not changed); what it had to change beyond
   * writing defaults is pushed to `notices`, naming the key.
   */
  up(raw: Record<string, unknown>, notices: Problem[]): Record<string, unknown>;
}

/** The height of a tip on an epoch's last block, where the next block opens a new epoch. */
const isEpochLastBlock = (height: unknown) => typeof height === 'number' && Number.isInteger(height) && height % 2016 === 2015;

/**
 * Version 1 → 2 (docs/model.md §7): a version-1 scenario keeps its version-1 results. Every key
 * version 2 adds, and every version-1 key whose default it changes, is written with its version-1
 * value where the scenario lacks it; the hosting discount rate is the scenario's discountRatePct
 * (10 when absent or out of range, which validation then reports). An epochElapsedSeconds on an
 * epoch's last block, which version 1 ignored and version 2 rejects, is dropped with a notice.
 */
export const V1_TO_V2: Migration = {
  from: 1,
  date: '2026-11-30',
  description:
    'Writes the version-1 value of each key version 2 adds or whose default it changes, where absent; drops ' +
    "an epochElapsedSeconds on an epoch's last block",
  up(raw, notices) {
    const out: Record<string, unknown> = { ...raw };
    const spec = PARAMS_BY_KEY.discountRatePct;
    const rate = raw.discountRatePct;
    const mining = typeof rate === 'number' && rate >= spec.min && rate <= spec.max ? rate : V1_CHANGED_DEFAULTS.discountRatePct;
    for (const [key, value] of Object.entries({ ...V1_CHANGED_DEFAULTS, ...v2KeysAtV1(mining) })) {
      if (!Object.hasOwn(out, key)) out[key] = value;
    }
    if (Object.hasOwn(out, 'epochElapsedSeconds') && isEpochLastBlock(raw.startHeight)) {
      delete out.epochElapsedSeconds;
      notices.push({
        key: 'epochElapsedSeconds',
        message:
          `epochElapsedSeconds: dropped: startHeight (${raw.startHeight as number}) is an epoch's last block ` +
          '(startHeight mod 2016 = 2015), where version 1 did not use it and version 2 does not accept it',
      });
    }
    return out;
  },
};

/**
 * Ordered by `from`; one per version bump, up to CURRENT_VERSION. A migration pins the older
 * version's defaults by writing them into the scenario when absent, so an old file or link keeps
 * computing what it computed.
 */
export const MIGRATIONS: readonly Migration[] = [V1_TO_V2];

/**
 * Brings a scenario object of a supported older version up to CURRENT_VERSION (the input is not
 * changed), with what the migrations had to tell.
 */
export function migrateWithNotices(raw: Record<string, unknown>): { scenario: Record<string, unknown>; notices: Problem[] } {
  const notices: Problem[] = [];
  let out = raw;
  let version = typeof raw.version === 'number' ? raw.version : CURRENT_VERSION;
  for (const m of MIGRATIONS) {
    if (m.from !== version || version >= CURRENT_VERSION) continue;
    out = { ...m.up(out, notices), version: m.from + 1 };
    version = m.from + 1;
  }
  return { scenario: out, notices };
}

/** Brings a scenario object of a supported older version up to CURRENT_VERSION. */
export function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  return migrateWithNotices(raw).scenario;
}

/** The oldest version a migration chain reaches CURRENT_VERSION from. */
export function oldestVersion(): number {
  let v = CURRENT_VERSION;
  while (MIGRATIONS.some((m) => m.from === v - 1)) v--;
  return v;
}

/** The versions this build reads, as messages name them: `1`, or `1 to 3`. */
export function versionRangeText(): string {
  return oldestVersion() === CURRENT_VERSION ? `${CURRENT_VERSION}` : `${oldestVersion()} to ${CURRENT_VERSION}`;
}
