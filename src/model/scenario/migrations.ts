/**
 * Scenario migrations: an older version's scenario brought up to CURRENT_VERSION, one small
 * dated step per version bump, so old files and links keep computing what they computed.
 */
import type { ModelKey } from '../keys.ts';
import { CURRENT_VERSION } from '../registry/index.ts';

/** The keys version 2 adds (docs/model.md §7.6). */
export const V2_ADDED_KEYS = [
  'networkResponsePctPerMonth', 'netHashcostUsdPerPhDay', 'hashSupplyElasticity', 'netMaxGrowthPctPerMonth',
  'netMaxDeclinePctPerMonth', 'netFleetJPerTh', 'netPowerUsdPerKwh', 'feesGrowthPctPerYear', 'btcVolatilityPctPerYear',
  'mothballOpexPct', 'powerEscalatorPctPerYear', 'asicResalePct', 'renewalPct',
  'discountRatePivotPct', 'monteCarloPaths', 'monteCarloSeed',
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
  up(raw: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Ordered by `from`; one per version bump. Empty while version 1 is the only version. A
 * migration pins the older version's defaults by writing them into the scenario when absent, so
 * an old file or link keeps computing what it computed.
 */
export const MIGRATIONS: readonly Migration[] = [];

/** Brings a scenario object of a supported older version up to CURRENT_VERSION. */
export function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  let out = raw;
  let version = typeof raw.version === 'number' ? raw.version : CURRENT_VERSION;
  for (const m of MIGRATIONS) {
    if (m.from !== version) continue;
    out = { ...m.up(out), version: m.from + 1 };
    version = m.from + 1;
  }
  return out;
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
