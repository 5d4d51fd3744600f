/**
 * The numeric model keys of the scenario file (domain.md §6), in the order the WASM kernel reads
 * them from its input block. `assembly/layout.ts` mirrors this order by hand (the kernel imports
 * nothing from src/); test/layout.test.ts checks the two agree.
 *
 * `startDate`, `name` and `notes` are not model inputs: times in the model are seconds after t0.
 */
export const MODEL_KEYS = [
  // network
  'startHeight',
  'startDifficulty',
  'epochElapsedSeconds',
  'hashrateEhs',
  'hashrateGrowthPctPerMonth',
  'exitSharePct',
  'exitMonth',
  'btcPriceUsd',
  'btcPriceGrowthPctPerYear',
  'feesBtcPerBlock',
  'horizonYears',
  // miner
  'siteMw',
  'miningPue',
  'fleetJPerTh',
  'uptimePct',
  'poolFeePct',
  'powerUsdPerKwh',
  'opexUsdPerMwMonth',
  'curtailedPct',
  'demandResponseUsdPerMwh',
  'refreshYears',
  'asicUsdPerTh',
  'efficiencyGainPctPerYear',
  // pivot
  'pivotSharePct',
  'pivotStartMonth',
  'grossToItRatio',
  'capexMusdPerMwIt',
  'buildMonths',
  'leaseUsdPerKwMonth',
  'leaseEscalatorPct',
  'leaseTermYears',
  'noiMarginPct',
  'defaultPctPerYear',
  'recoveryPct',
  // finance
  'discountRatePct',
  'exitMultipleMine',
  'exitMultiplePivot',
] as const;

export type ModelKey = (typeof MODEL_KEYS)[number];

/** A scenario with every model key resolved to a number (derived defaults filled in). */
export type ModelInputs = Record<ModelKey, number>;

/** The keys the network projection depends on; a sweep whose axes avoid them projects once. */
export const NETWORK_KEYS: readonly ModelKey[] = [
  'startHeight',
  'startDifficulty',
  'epochElapsedSeconds',
  'hashrateEhs',
  'hashrateGrowthPctPerMonth',
  'exitSharePct',
  'exitMonth',
  'feesBtcPerBlock',
  'horizonYears',
];

/** Seconds in a model month: 365.25 / 12 days (domain.md §2). */
export const MONTH_SECONDS = 2_629_800;
