/**
 * The parameter registry: every key of the scenario file (domain.md §6) with its unit, default,
 * allowed range and the public source of its default. The CLI's `params`, validation, the UI's
 * parameter panel and the URL codec all read this one list.
 *
 * The default start state is a real, dated network state — the first difficulty retarget of 2026
 * (block 931,392, 2026-01-08) — so that a default scenario computes the same figures everywhere
 * and forever. Changing a default or a key's meaning bumps CURRENT_VERSION and adds a migration
 * (src/model/scenario.ts).
 */
import { MODEL_KEYS, type ModelInputs, type ModelKey } from './keys.ts';

/** The scenario schema version this build writes; older versions are migrated forward. */
export const CURRENT_VERSION = 1;

export type ParamGroup = 'network' | 'miner' | 'pivot' | 'finance';

/** A numeric model input. */
export interface ParamSpec {
  key: ModelKey;
  group: ParamGroup;
  label: string;
  unit: string;
  /** The default; for a derived key, its value for the default start state (see `derived`). */
  default: number;
  min: number;
  max: number;
  /** A sensible increment for sliders and steppers (not a validation rule). */
  step: number;
  /** Whole numbers only. */
  integer: boolean;
  /** One line. */
  description: string;
  /** Where the default comes from, with a date. */
  source: string;
  /**
   * Set when a missing value is computed from other keys rather than taken from `default`;
   * the text gives the formula. Resolution (src/model/scenario.ts) recomputes it.
   */
  derived?: string;
}

/** A non-numeric key: the start date (network) and the scenario's own name and notes. */
export interface TextSpec {
  key: 'startDate' | 'name' | 'notes';
  group: 'network' | 'about';
  kind: 'date' | 'text';
  label: string;
  default: string;
  /** Longest allowed text, in UTF-16 code units (JS string length). */
  maxLength: number;
  description: string;
  source: string;
}

export type TextKey = TextSpec['key'];
export type ScenarioKey = ModelKey | TextKey;

// ---------------------------------------------------------------------------------------------
// The default start state: the first retarget of 2026.

/** Block 931,392: the first block of the first 2016-block epoch of 2026. */
export const DEFAULT_START_HEIGHT = 931_392;
/** Difficulty from block 931,392 on: 146.47 T. */
export const DEFAULT_START_DIFFICULTY = 146.47e12;
/** The day of block 931,392, at 00:00 UTC (the hour is not confirmed; see `source`). */
export const DEFAULT_START_DATE = '2026-01-08T00:00:00.000Z';
/** BTC/USD on 2026-01-08. */
export const DEFAULT_BTC_PRICE = 90_922;

const START_STATE_SOURCE =
  'First difficulty retarget of 2026, Thursday 2026-01-08: difficulty 146.4 T (press reports, CoinWarz, ' +
  'CryptoQuant; CoinWarz gives 146.47 T), at block height 931,392 (CoinWarz projection of the retarget height, ' +
  'reported late Dec 2025; the next retarget, 146.47 T → 141.67 T, is reported at block 933,408 on ' +
  '2026-01-22, exactly 2016 blocks later); the hour of block 931,392 is not confirmed, so startDate is ' +
  '00:00 UTC of that day';

/** Network hashrate (EH/s) at which blocks arrive every 600 s on average at difficulty `d`. */
export function hashrateEhsFor(difficulty: number): number {
  return (difficulty * 2 ** 32) / 600 / 1e18;
}

/** Seconds since the epoch's first block when the chain is on schedule (600 s a block). */
export function epochElapsedSecondsFor(height: number): number {
  return (height % 2016) * 600;
}

// ---------------------------------------------------------------------------------------------

const N = (spec: ParamSpec): ParamSpec => spec;
const TYPICAL = 'domain.md typical values';

/** Every numeric model key, in MODEL_KEYS order (the kernel's input layout). */
export const REGISTRY: readonly ParamSpec[] = Object.freeze([
  // --- network -------------------------------------------------------------------------------
  N({
    key: 'startHeight', group: 'network', label: 'Start height', unit: 'block',
    default: DEFAULT_START_HEIGHT, min: 0, max: 6_929_999, step: 1, integer: true,
    description: 'Height of the chain tip at the start date (the tip is found at t0).',
    source: START_STATE_SOURCE,
  }),
  N({
    key: 'startDifficulty', group: 'network', label: 'Start difficulty', unit: '',
    default: DEFAULT_START_DIFFICULTY, min: 1, max: 1e18, step: 1e12, integer: false,
    description: 'Difficulty of the next block after the tip.',
    source: START_STATE_SOURCE,
  }),
  N({
    key: 'epochElapsedSeconds', group: 'network', label: 'Epoch elapsed', unit: 's',
    default: epochElapsedSecondsFor(DEFAULT_START_HEIGHT), min: 0, max: 4_838_400, step: 600, integer: false,
    description: "Time from the current epoch's first block to the tip; must be 0 on an epoch boundary.",
    source: 'Derived: (startHeight mod 2016) · 600 s, i.e. on schedule (domain.md §2); 0 for the default start ' +
      'height 931,392, an epoch boundary. Upper bound: 8 weeks, the retarget clamp (4,838,400 s)',
    derived: '(startHeight mod 2016) · 600',
  }),
  N({
    key: 'hashrateEhs', group: 'network', label: 'Network hashrate', unit: 'EH/s',
    default: hashrateEhsFor(DEFAULT_START_DIFFICULTY), min: 1e-12, max: 1e10, step: 1, integer: false,
    description: 'Network hashrate at the start date.',
    source: 'Derived: startDifficulty · 2^32 / 600 / 10^18 (domain.md §2) = 1,048.47 EH/s for 146.47 T; ' +
      'consistent with ~1.0–1.1 ZH/s late 2025 (Glassnode via press)',
    derived: 'startDifficulty · 2^32 / 600 / 10^18',
  }),
  N({
    key: 'hashrateGrowthPctPerMonth', group: 'network', label: 'Hashrate growth', unit: '%/month',
    default: 1, min: -10, max: 20, step: 0.1, integer: false,
    description: 'Exogenous network hashrate growth: N(t) = N0 · (1 + g)^(t / month).',
    source: `Assumption (2026-01): difficulty rose 92.7 T (Sep 2024) → 136 T (Sep 2025), ≈3.2 %/month, then ` +
      `flattened (~156 T high, 146.4 T in Jan 2026; ${TYPICAL}, mempool.space via press); 1 %/month between the two`,
  }),
  N({
    key: 'exitSharePct', group: 'network', label: 'Hashrate exit shock', unit: '%',
    default: 0, min: 0, max: 99.9, step: 1, integer: false,
    description: 'Share of network hashrate that leaves at the end of month exitMonth (must be < 100).',
    source: 'Off by default (no shock)',
  }),
  N({
    key: 'exitMonth', group: 'network', label: 'Exit shock month', unit: 'month',
    default: 0, min: 0, max: 600, step: 1, integer: true,
    description: 'End of the month at which the exit shock happens (0 = at the start date).',
    source: 'Off by default (exitSharePct 0)',
  }),
  N({
    key: 'btcPriceUsd', group: 'network', label: 'BTC price', unit: 'USD',
    default: DEFAULT_BTC_PRICE, min: 1, max: 1e8, step: 100, integer: false,
    description: 'BTC price at the start date (the breakeven search brackets [1, 10^8]).',
    source: 'BTC/USD $90,922 on 2026-01-08, afternoon (Benzinga crypto market report, 2026-01-08)',
  }),
  N({
    key: 'btcPriceGrowthPctPerYear', group: 'network', label: 'BTC price growth', unit: '%/yr',
    default: 0, min: -99, max: 1000, step: 1, integer: false,
    description: 'BTC price growth per year: P(t) = P0 · (1 + g)^(t / year).',
    source: 'Neutral assumption: flat price (an analyst sets a view)',
  }),
  N({
    key: 'feesBtcPerBlock', group: 'network', label: 'Fees per block', unit: 'BTC/block',
    default: 0.036, min: 0, max: 100, step: 0.001, integer: false,
    description: 'Transaction fees paid per block.',
    source: `2025 average ≈ 0.036 BTC/block, < 1 % of miner revenue (Hashlabs; The Block; ${TYPICAL})`,
  }),
  N({
    key: 'horizonYears', group: 'network', label: 'Horizon', unit: 'yr',
    default: 10, min: 1, max: 30, step: 1, integer: true,
    description: 'Length of the projection and valuation.',
    source: `Matches the typical 10–15 year hosting contract (${TYPICAL}, 2025 deals)`,
  }),
  // --- miner ---------------------------------------------------------------------------------
  N({
    key: 'siteMw', group: 'miner', label: 'Site power', unit: 'MW',
    default: 100, min: 0.1, max: 10_000, step: 1, integer: false,
    description: 'Gross site power (PUE included).',
    source: 'Illustrative 100 MW site, the scale of a mid-size listed miner campus (2025)',
  }),
  N({
    key: 'miningPue', group: 'miner', label: 'Mining PUE', unit: '',
    default: 1.05, min: 1, max: 3, step: 0.01, integer: false,
    description: 'Gross power per MW of ASIC load.',
    source: `1.03–1.10 immersion/optimised, up to 1.2–1.5 air (vendors; ${TYPICAL}, 2025)`,
  }),
  N({
    key: 'fleetJPerTh', group: 'miner', label: 'Fleet efficiency', unit: 'J/TH',
    default: 20, min: 1, max: 200, step: 0.5, integer: false,
    description: 'Average energy per terahash of the fleet.',
    source: `Fleet averages 20–25 J/TH; S21 17.5, S21 XP 13.5 (makers' specs, company reports; ${TYPICAL}, 2025)`,
  }),
  N({
    key: 'uptimePct', group: 'miner', label: 'Uptime', unit: '%',
    default: 95, min: 0, max: 100, step: 0.5, integer: false,
    description: 'Share of hours the fleet hashes (outside curtailment).',
    source: 'Assumption typical of large miners\' reported fleet uptime (2025)',
  }),
  N({
    key: 'poolFeePct', group: 'miner', label: 'Pool fee', unit: '%',
    default: 2, min: 0, max: 100, step: 0.1, integer: false,
    description: 'Mining pool fee on BTC earned.',
    source: 'Typical FPPS pool fee of 1.5–2.5 % (2025 pool fee schedules); assumption',
  }),
  N({
    key: 'powerUsdPerKwh', group: 'miner', label: 'Power price', unit: 'USD/kWh',
    default: 0.04, min: 0, max: 1, step: 0.001, integer: false,
    description: 'All-in power price.',
    source: `$0.03–0.08/kWh for large miners (JPMorgan; press; ${TYPICAL}, 2025)`,
  }),
  N({
    key: 'opexUsdPerMwMonth', group: 'miner', label: 'Non-power opex', unit: 'USD/MW-month',
    default: 10_000, min: 0, max: 1_000_000, step: 500, integer: false,
    description: 'Staff, maintenance, insurance and other non-power costs per gross MW.',
    source: 'Assumption (2025): ≈ $0.014/kWh at 100 % load, in line with listed miners\' non-power cash costs',
  }),
  N({
    key: 'curtailedPct', group: 'miner', label: 'Curtailed hours', unit: '%',
    default: 0, min: 0, max: 100, step: 0.5, integer: false,
    description: 'Share of hours the site is curtailed (demand response).',
    source: 'Off by default',
  }),
  N({
    key: 'demandResponseUsdPerMwh', group: 'miner', label: 'Demand-response credit', unit: 'USD/MWh',
    default: 0, min: 0, max: 10_000, step: 10, integer: false,
    description: 'Credit per MWh curtailed (gross MW × curtailed hours).',
    source: `Off by default; Riot earned $1,122/MWh curtailed in Jul 2022 (K33; ${TYPICAL})`,
  }),
  N({
    key: 'refreshYears', group: 'miner', label: 'Fleet refresh', unit: 'yr',
    default: 0, min: 0, max: 30, step: 1, integer: true,
    description: 'Replace the fleet every this many years (0 = never).',
    source: 'Off by default',
  }),
  N({
    key: 'asicUsdPerTh', group: 'miner', label: 'ASIC price', unit: 'USD/TH',
    default: 15, min: 0, max: 1000, step: 0.5, integer: false,
    description: 'Price of new ASICs at a refresh.',
    source: `≈ $4–20/TH by generation; new-generation machines near the top (Hashrate Index ASIC Price Index via press; ${TYPICAL}, 2025)`,
  }),
  N({
    key: 'efficiencyGainPctPerYear', group: 'miner', label: 'Efficiency gain', unit: '%/yr',
    default: 0, min: 0, max: 50, step: 0.5, integer: false,
    description: 'Yearly improvement of J/TH for fleets bought at a refresh.',
    source: 'Off by default (refresh off)',
  }),
  // --- pivot ---------------------------------------------------------------------------------
  N({
    key: 'pivotSharePct', group: 'pivot', label: 'Pivot share', unit: '%',
    default: 100, min: 0, max: 100, step: 1, integer: false,
    description: 'Share of the site converted to AI/HPC hosting (100 = full pivot).',
    source: 'Full pivot, as in the Core Scientific/CoreWeave and TeraWulf/Fluidstack deals (2024–2025)',
  }),
  N({
    key: 'pivotStartMonth', group: 'pivot', label: 'Pivot start', unit: 'month',
    default: 0, min: 0, max: 600, step: 1, integer: true,
    description: 'Conversion starts at the end of this month (0 = now).',
    source: 'Start now (domain.md §4 default)',
  }),
  N({
    key: 'grossToItRatio', group: 'pivot', label: 'Gross-to-IT ratio', unit: 'MW/MW-IT',
    default: 1.3, min: 1, max: 3, step: 0.01, integer: false,
    description: 'Gross site MW per MW of critical IT (γ).',
    source: `1.25 TeraWulf, 1.35 Hut 8, 1.43–1.45 Core, Cipher (company announcements 2024–2025; ${TYPICAL})`,
  }),
  N({
    key: 'capexMusdPerMwIt', group: 'pivot', label: 'Conversion capex', unit: 'USD M/MW-IT',
    default: 9, min: 0, max: 50, step: 0.1, integer: false,
    description: 'Conversion capex per MW of critical IT, spread over the build.',
    source: `$6–11M per MW of critical IT (Cipher, TeraWulf, IREN, CBRE, 2024–2025; ${TYPICAL})`,
  }),
  N({
    key: 'buildMonths', group: 'pivot', label: 'Build time', unit: 'month',
    default: 12, min: 1, max: 120, step: 1, integer: true,
    description: 'Months of construction before the lease starts.',
    source: `12–24 months (company timelines 2024–2025; ${TYPICAL})`,
  }),
  N({
    key: 'leaseUsdPerKwMonth', group: 'pivot', label: 'Lease rate', unit: 'USD/kW-month',
    default: 140, min: 0, max: 1000, step: 1, integer: false,
    description: 'First-year rent per kW of critical IT per month.',
    source: `Implied ≈ $100–160/kW-month; Core/CoreWeave ≈ 121, TeraWulf/Fluidstack ≈ 155 (contract value ÷ MW·12·years, 2024–2025; ${TYPICAL})`,
  }),
  N({
    key: 'leaseEscalatorPct', group: 'pivot', label: 'Lease escalator', unit: '%/yr',
    default: 0, min: -10, max: 20, step: 0.1, integer: false,
    description: 'Yearly rent escalation.',
    source: 'Off by default (flat rent, conservative)',
  }),
  N({
    key: 'leaseTermYears', group: 'pivot', label: 'Lease term', unit: 'yr',
    default: 10, min: 1, max: 30, step: 1, integer: true,
    description: 'Length of the lease.',
    source: `10–15 years (the 2024–2025 deals; ${TYPICAL})`,
  }),
  N({
    key: 'noiMarginPct', group: 'pivot', label: 'NOI margin', unit: '%',
    default: 85, min: 0, max: 100, step: 0.5, integer: false,
    description: 'Net operating income as a share of rent.',
    source: `75–90 %; Cipher 80–85 %, TeraWulf ≈ 85 % (company statements 2025; ${TYPICAL})`,
  }),
  N({
    key: 'defaultPctPerYear', group: 'pivot', label: 'Tenant default', unit: '%/yr',
    default: 1, min: 0, max: 100, step: 0.1, integer: false,
    description: 'Annual probability that the tenant defaults.',
    source: 'Assumption (2025): ≈ 1 %/yr, between investment-grade and high-yield long-run default rates',
  }),
  N({
    key: 'recoveryPct', group: 'pivot', label: 'Recovery', unit: '%',
    default: 40, min: 0, max: 100, step: 1, integer: false,
    description: 'Share of NOI still earned after a default (re-leasing, guarantees).',
    source: 'Assumption (2025): 40 %, the conventional unsecured recovery rate',
  }),
  // --- finance -------------------------------------------------------------------------------
  N({
    key: 'discountRatePct', group: 'finance', label: 'Discount rate', unit: '%/yr',
    default: 10, min: 0, max: 100, step: 0.5, integer: false,
    description: 'Annual discount rate for both paths.',
    source: 'Assumption (2025): a common hurdle rate for infrastructure-like cash flows',
  }),
  N({
    key: 'exitMultipleMine', group: 'finance', label: 'Exit multiple, mining', unit: '× EBITDA',
    default: 0, min: 0, max: 100, step: 0.5, integer: false,
    description: 'EBITDA multiple for the mining business at the horizon (0 = no exit value).',
    source: 'Off by default (domain.md §4)',
  }),
  N({
    key: 'exitMultiplePivot', group: 'finance', label: 'Exit multiple, hosting', unit: '× EBITDA',
    default: 0, min: 0, max: 100, step: 0.5, integer: false,
    description: 'EBITDA multiple for the hosting business at the horizon (0 = no exit value).',
    source: 'Off by default; HPC valued at 15–20× earnings (the seeds, 2025)',
  }),
]);

/** The non-numeric keys. */
export const TEXT_REGISTRY: readonly TextSpec[] = Object.freeze([
  {
    key: 'startDate', group: 'network', kind: 'date', label: 'Start date', default: DEFAULT_START_DATE,
    maxLength: 40,
    description: 'ISO 8601 UTC instant of the start (t0), when block startHeight is found.',
    source: START_STATE_SOURCE,
  },
  {
    key: 'name', group: 'about', kind: 'text', label: 'Name', default: '', maxLength: 120,
    description: 'A name for the scenario (not a model input).',
    source: 'Empty by default',
  },
  {
    key: 'notes', group: 'about', kind: 'text', label: 'Notes', default: '', maxLength: 4000,
    description: 'Free notes (not a model input).',
    source: 'Empty by default',
  },
] satisfies TextSpec[]);

export const PARAMS_BY_KEY: Readonly<Record<ModelKey, ParamSpec>> = Object.freeze(
  Object.fromEntries(REGISTRY.map((p) => [p.key, p])) as Record<ModelKey, ParamSpec>,
);

export const TEXT_PARAMS_BY_KEY: Readonly<Record<TextKey, TextSpec>> = Object.freeze(
  Object.fromEntries(TEXT_REGISTRY.map((p) => [p.key, p])) as Record<TextKey, TextSpec>,
);

export function isModelKey(key: string): key is ModelKey {
  return Object.hasOwn(PARAMS_BY_KEY, key);
}

export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(TEXT_PARAMS_BY_KEY, key);
}

/** Every key a scenario may hold, `version` first. */
export const SCENARIO_KEYS: readonly string[] = Object.freeze([
  'version',
  'startDate',
  ...MODEL_KEYS,
  'name',
  'notes',
]);

/** The default model inputs (the default start state, derived keys included). */
export function defaultInputs(): ModelInputs {
  return Object.fromEntries(REGISTRY.map((p) => [p.key, p.default])) as ModelInputs;
}

/** A complete scenario of the current version: every key at its default. */
export function defaultScenario(): {
  version: typeof CURRENT_VERSION;
  startDate: string;
  name: string;
  notes: string;
} & ModelInputs {
  return {
    version: CURRENT_VERSION,
    startDate: TEXT_PARAMS_BY_KEY.startDate.default,
    ...defaultInputs(),
    name: TEXT_PARAMS_BY_KEY.name.default,
    notes: TEXT_PARAMS_BY_KEY.notes.default,
  };
}

/** "0.1 to 10000 MW" — the range text every validation message uses. */
export function rangeText(p: ParamSpec): string {
  const unit = p.unit === 'month' ? ' months' : p.unit === 'block' || p.unit === '' ? '' : ` ${p.unit}`;
  return `${p.integer ? 'a whole number ' : ''}from ${p.min} to ${p.max}${unit}`;
}
