/**
 * The network group: the start state, the hashrate and the BTC price, the fees and the horizon.
 *
 * The default start state is a real, dated network state — the first difficulty retarget of 2026
 * (block 931,392, 2026-01-08) — so that a default scenario computes the same figures everywhere
 * and forever.
 */
import { epochElapsedSecondsFor, hashrateEhsFor, type SpecFields } from './types.ts';

/** Block 931,392: the first block of the first 2016-block epoch of 2026. */
export const DEFAULT_START_HEIGHT = 931_392;
/** Difficulty from block 931,392 on: 146.47 T. */
export const DEFAULT_START_DIFFICULTY = 146.47e12;
/** The day of block 931,392, at 00:00 UTC (the hour is not confirmed; see `START_STATE_SOURCE`). */
export const DEFAULT_START_DATE = '2026-01-08T00:00:00.000Z';
/** BTC/USD on 2026-01-08. */
export const DEFAULT_BTC_PRICE = 90_922;

export const START_STATE_SOURCE =
  'First difficulty retarget of 2026, Thursday 2026-01-08: difficulty 146.4 T (press reports, CoinWarz, ' +
  'CryptoQuant; CoinWarz gives 146.47 T), at block height 931,392 (CoinWarz projection of the retarget height, ' +
  'reported late Dec 2025; the next retarget, 146.47 T → 141.67 T, is reported at block 933,408 on ' +
  '2026-01-22, exactly 2016 blocks later); the hour of block 931,392 is not confirmed, so startDate is ' +
  '00:00 UTC of that day';

/** A change here reprojects the network, so every mining figure and every monthly price with it. */
const PROJECTION = ['network', 'mining', 'prices'] as const;

export const NETWORK = {
  startHeight: {
    label: 'Start height', unit: 'block',
    default: DEFAULT_START_HEIGHT, min: 0, max: 6_929_999, step: 1, integer: true,
    description: 'Height of the chain tip at the start date (the tip is found at t0).',
    source: START_STATE_SOURCE,
    stages: PROJECTION, assumption: false,
  },
  startDifficulty: {
    label: 'Start difficulty', unit: '',
    default: DEFAULT_START_DIFFICULTY, min: 1, max: 1e18, step: 1e12, integer: false,
    description: 'Difficulty of the next block after the tip.',
    source: START_STATE_SOURCE,
    stages: PROJECTION, assumption: false,
    plausible: {
      low: 80e12, high: 300e12, log: true,
      source: 'Difficulty was 92.7 T in Sep 2024, 136 T in Sep 2025, ~156 T at its late-2025 high and 146.4 T at ' +
        'the first retarget of 2026 (mempool.space via press); the range runs from below the 2024 level to ' +
        'about twice today\'s',
    },
  },
  epochElapsedSeconds: {
    label: 'Epoch elapsed', unit: 's',
    default: epochElapsedSecondsFor(DEFAULT_START_HEIGHT), min: 0, max: 4_838_400, step: 600, integer: false,
    description: "Time from the current epoch's first block to the tip; must be 0 on an epoch boundary.",
    source: 'Derived: (startHeight mod 2016) · 600 s, i.e. on schedule (docs/model.md §2); 0 for the default start ' +
      'height 931,392, an epoch boundary. Upper bound: 8 weeks, the retarget clamp (4,838,400 s)',
    derived: '(startHeight mod 2016) · 600',
    stages: PROJECTION, assumption: false,
  },
  hashrateEhs: {
    label: 'Network hashrate', unit: 'EH/s',
    default: hashrateEhsFor(DEFAULT_START_DIFFICULTY), min: 1e-12, max: 1e10, step: 1, integer: false,
    description: 'Network hashrate at the start date.',
    source: 'Derived: startDifficulty · 2^32 / 600 / 10^18 (docs/model.md §2) = 1,048.47 EH/s for 146.47 T; ' +
      'consistent with ~1.0–1.1 ZH/s late 2025 (Glassnode via press)',
    derived: 'startDifficulty · 2^32 / 600 / 10^18',
    stages: PROJECTION, assumption: false,
    plausible: {
      low: 500, high: 2500, log: true,
      source: 'Network hashrate was ~1.0–1.1 ZH/s in late 2025 (Glassnode via press); the range runs from half ' +
        'that to about 2.5 times it',
    },
  },
  hashrateGrowthPctPerMonth: {
    label: 'Hashrate growth', unit: '%/month',
    default: 1, min: -10, max: 20, step: 0.1, integer: false,
    description: 'Exogenous network hashrate growth: N(t) = N0 · (1 + g)^(t / month).',
    source: 'Assumption (2026-01): difficulty rose 92.7 T (Sep 2024) → 136 T (Sep 2025), ≈3.2 %/month, then ' +
      'flattened (~156 T high, 146.4 T in Jan 2026; mempool.space via press); 1 %/month between the two',
    stages: PROJECTION, assumption: true, assumptionOrder: 6,
    plausible: {
      low: -2, high: 4,
      source: 'Difficulty grew ≈3.2 %/month from Sep 2024 to Sep 2025 (92.7 T → 136 T) and then fell from its ' +
        '~156 T high to 146.4 T by Jan 2026 (mempool.space via press); the range spans a slow decline to ' +
        'slightly faster growth than 2024–2025',
    },
  },
  exitSharePct: {
    label: 'Hashrate exit shock', unit: '%',
    default: 0, min: 0, max: 99.9, step: 1, integer: false,
    description: 'Share of network hashrate that leaves at the end of month exitMonth (must be < 100).',
    source: 'Off by default (no shock)',
    stages: PROJECTION, assumption: false,
  },
  exitMonth: {
    label: 'Exit shock month', unit: 'month',
    default: 0, min: 0, max: 600, step: 1, integer: true,
    description: 'End of the month at which the exit shock happens (0 = at the start date).',
    source: 'Off by default (exitSharePct 0)',
    stages: PROJECTION, assumption: false,
  },
  btcPriceUsd: {
    label: 'BTC price', unit: 'USD',
    default: DEFAULT_BTC_PRICE, min: 1, max: 1e8, step: 100, integer: false,
    description: 'BTC price at the start date (the breakeven search brackets [1, 10^8]).',
    source: 'BTC/USD $90,922 on 2026-01-08, afternoon (Benzinga crypto market report, 2026-01-08)',
    stages: ['prices'], assumption: true, assumptionOrder: 4,
    plausible: {
      low: 30_000, high: 250_000, log: true,
      source: 'About a third of the 2026-01-08 price ($90,922, Benzinga) to about twice the Oct 2025 all-time ' +
        'high near $126,000 (press coverage); by ratio, since price views differ by multiples',
    },
  },
  btcPriceGrowthPctPerYear: {
    label: 'BTC price growth', unit: '%/yr',
    default: 0, min: -99, max: 1000, step: 1, integer: false,
    description: 'BTC price growth per year: P(t) = P0 · (1 + g)^(t / year).',
    source: 'Neutral assumption: flat price (an analyst sets a view)',
    stages: ['finance', 'prices'], assumption: true, assumptionOrder: 5,
    plausible: {
      low: -30, high: 60,
      source: 'Modelling assumption: a sustained bear market to a strong bull market over the horizon; a ' +
        'yearly rate held for ten years compounds, so wider rates give implausible prices',
    },
  },
  feesBtcPerBlock: {
    label: 'Fees per block', unit: 'BTC/block',
    default: 0.036, min: 0, max: 100, step: 0.001, integer: false,
    description: 'Transaction fees paid per block.',
    source: '2025 average ≈ 0.036 BTC/block, < 1 % of miner revenue (Hashlabs; The Block)',
    stages: PROJECTION, assumption: false,
    plausible: {
      low: 0.01, high: 0.5, log: true,
      source: 'The 2025 average was ≈ 0.036 BTC/block (Hashlabs; The Block); the range runs from a quieter ' +
        'mempool to sustained fee spikes like those of 2023–2024 (mempool.space)',
    },
  },
  horizonYears: {
    label: 'Horizon', unit: 'yr',
    default: 10, min: 1, max: 30, step: 1, integer: true,
    description: 'Length of the projection and valuation.',
    source: 'Matches the typical 10–15 year hosting contract of the 2024–2025 deals (Core Scientific/CoreWeave, ' +
      'TeraWulf/Fluidstack; press coverage)',
    stages: ['network', 'finance', 'mining', 'prices', 'pivot'], assumption: true, assumptionOrder: 10,
    plausible: {
      low: 5, high: 20,
      source: 'Modelling assumption around the 10–15 year hosting contracts of the 2024–2025 deals (press ' +
        'coverage): shorter than a contract, to longer than most',
    },
  },
} satisfies Record<string, SpecFields>;
