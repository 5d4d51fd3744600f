/**
 * The network group: the start state, the hashrate and the BTC price, the fees and the horizon.
 *
 * The default start state is a real, dated network state — the first difficulty retarget of 2026
 * (block 931,392, 2026-01-08) — so that a default scenario computes the same figures everywhere
 * and forever.
 */
import { epochElapsedSecondsFor, hashrateEhsFor, steadyStateHashprice, subsidyBtcAt, type SpecFields } from './types.ts';

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

/** Fees per block at the default start state: the 2025 average. */
const DEFAULT_FEES = 0.036;

/**
 * The marginal hashcost at which the default start state is in equilibrium (docs/model.md §7.1):
 * its steady-state hashprice h(N0, 0), $39.47 per PH/s per day.
 */
export const DEFAULT_NET_HASHCOST = steadyStateHashprice({
  startHeight: DEFAULT_START_HEIGHT,
  hashrateEhs: hashrateEhsFor(DEFAULT_START_DIFFICULTY),
  btcPriceUsd: DEFAULT_BTC_PRICE,
  feesBtcPerBlock: DEFAULT_FEES,
});

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const HASHCOST_SOURCE =
  'Computed so that the default start state starts in equilibrium (docs/model.md §7.1): its steady-state ' +
  'hashprice h(N0, 0) = 144 · (s + F_1) · P0 · 10^15 / N0, with s the subsidy of the next block ' +
  `(${subsidyBtcAt(DEFAULT_START_HEIGHT + 1)} BTC), F_1 the fees of month 1 (${DEFAULT_FEES} BTC), P0 the BTC price ` +
  `($${fmt(DEFAULT_BTC_PRICE)}) and N0 the hashrate (${fmt(hashrateEhsFor(DEFAULT_START_DIFFICULTY), 2)} EH/s = ` +
  `${(hashrateEhsFor(DEFAULT_START_DIFFICULTY) * 1e18).toPrecision(7)} H/s): $${DEFAULT_NET_HASHCOST}/PH/day, rounded to ` +
  'the cent; in line with the 2025 hashprice of $35–60/PH/day, Nov 2025 average $39.8 (Hashrate Index via press). ' +
  'A plain key: a change of the price, the fees or the start state keeps it, so a higher price calls forth hashrate';

/** The network's response to the hashprice, as the 2024 halving shows it (docs/model.md §7.1). */
const HALVING_FIT =
  'the 2024 halving: started at block 839,999 (2024-04-20, difficulty 86.39 T) with a hashcost of $45/PH/day, ' +
  'a response of 30 %/month, an efficiency gain of 10 %/yr and the price rising 47 % a year, an elasticity of 3 gives ' +
  'difficulty 97 T, 117 T and 140 T after 6, 12 and 18 months against about 92–96 T, 114–123 T and 146–150 T on the ' +
  'chain (mempool.space); an elasticity of 1 gives 93 T, 105 T and 120 T';

/** A change here reprojects the network, so every mining figure and every monthly price with it. */
const PROJECTION = ['network', 'mining', 'prices'] as const;

// The registry is a table: one key's facts a few lines apiece, kept in its columns.
// prettier-ignore
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
    source: 'Derived: (start height mod 2016) · 600 s, i.e. on schedule (docs/model.md §2); 0 for the default start ' +
      'height 931,392, an epoch boundary. Upper bound: 8 weeks, the retarget clamp (4,838,400 s)',
    derived: '(startHeight mod 2016) · 600',
    stages: PROJECTION, assumption: false,
  },
  hashrateEhs: {
    label: 'Network hashrate', unit: 'EH/s',
    default: hashrateEhsFor(DEFAULT_START_DIFFICULTY), min: 1e-12, max: 1e10, step: 1, integer: false,
    description: 'Network hashrate at the start date.',
    source: 'Derived: start difficulty · 2^32 / 600 / 10^18 (docs/model.md §2) = 1,048.47 EH/s for 146.47 T; ' +
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
    default: 1, min: -10, max: 20, step: 0.1, integer: false, v2Default: 0,
    description: 'Exogenous network hashrate growth, N(t) = N0 · (1 + g)^(t / month); with the network response ' +
      'on, the drift of hash supply at a given cost instead (the hashrate itself then drifts about ln(1 + g) / (1 + ε) a month).',
    source: 'Version 1: 1 %/month — assumption (2026-01): difficulty rose 92.7 T (Sep 2024) → 136 T (Sep 2025), ' +
      '≈3.2 %/month, then flattened (~156 T high, 146.4 T in Jan 2026; mempool.space via press); 1 %/month between ' +
      'the two. Version 2: 0 — modelling assumption: with the network response on, the hashrate follows the hashprice, ' +
      'and the cheaper machines are in the efficiency gain, so no further drift of supply is assumed',
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
    description: 'Share of network hashrate that leaves at the end of the exit shock month (must be < 100).',
    source: 'Off by default (no shock)',
    stages: PROJECTION, assumption: false,
  },
  exitMonth: {
    label: 'Exit shock month', unit: 'month',
    default: 0, min: 0, max: 600, step: 1, integer: true,
    description: 'End of the month at which the exit shock happens (0 = at the start date).',
    source: 'Off by default (a hashrate exit shock of 0)',
    stages: PROJECTION, assumption: false,
  },
  btcPriceUsd: {
    label: 'BTC price', unit: 'USD',
    default: DEFAULT_BTC_PRICE, min: 1, max: 1e8, step: 100, integer: false,
    description: 'BTC price at the start date (the breakeven search brackets [1, 10^8]).',
    source: 'BTC/USD $90,922 on 2026-01-08, afternoon (Benzinga crypto market report, 2026-01-08)',
    stages: ['prices', 'response'], assumption: true, assumptionOrder: 4,
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
    stages: ['finance', 'prices', 'response'], assumption: true, assumptionOrder: 5,
    plausible: {
      low: -30, high: 60,
      source: 'Modelling assumption: a sustained bear market to a strong bull market over the horizon; a ' +
        'yearly rate held for ten years compounds, so wider rates give implausible prices',
    },
  },
  feesBtcPerBlock: {
    label: 'Fees per block', unit: 'BTC/block',
    default: DEFAULT_FEES, min: 0, max: 100, step: 0.001, integer: false,
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
    stages: ['network', 'finance', 'mining', 'prices', 'pivot', 'response'], assumption: true, assumptionOrder: 10,
    plausible: {
      low: 5, high: 20,
      source: 'Modelling assumption around the 10–15 year hosting contracts of the 2024–2025 deals (press ' +
        'coverage): shorter than a contract, to longer than most',
    },
  },
  networkResponsePctPerMonth: {
    label: 'Network response', unit: '%/month',
    default: 0, min: 0, max: 100, step: 1, integer: false, v2Default: 30,
    description: 'How fast the world\'s miners move toward the hashrate at which the marginal machine just pays: ' +
      'each month closes this share of the gap, in logs (0 = no response: the hashrate follows its growth alone).',
    source: 'Version 1: 0, the exogenous hashrate path. Version 2: 30 %/month — modelling assumption: machines ' +
      `switch off within days but new ones take months to order, ship and power; with an elasticity of 3 it fits ${HALVING_FIT}`,
    stages: PROJECTION, assumption: false, section: 'response',
    plausible: {
      low: 0, high: 60,
      source: 'Modelling assumption: from no response to a network that closes most of its gap in two months; ' +
        'ASIC lead times and site builds take months (company reports)',
    },
  },
  netHashcostUsdPerPhDay: {
    label: 'Marginal hashcost', unit: 'USD/PH/day',
    default: DEFAULT_NET_HASHCOST, min: 1, max: 1000, step: 0.01, integer: false,
    description: 'What running one more PH/s for a day costs the marginal miner at the start; with the network ' +
      'response on, the hashrate grows while the hashprice is above the cost and shrinks while it is below.',
    source: HASHCOST_SOURCE,
    stages: PROJECTION, assumption: false, section: 'response',
    plausible: {
      low: 20, high: 80, log: true,
      source: 'The hashprice, which the marginal hashcost equals in equilibrium, was $35–60/PH/day in 2025, Nov 2025 ' +
        'average $39.8 (Hashrate Index via press); the range runs from about half to twice the default, by ratio',
    },
  },
  hashSupplyElasticity: {
    label: 'Hash supply elasticity', unit: '',
    default: 3, min: 0.1, max: 10, step: 0.1, integer: false,
    description: 'How much hashrate a higher hashprice calls forth: the marginal hashcost rises as (N / S)^(1/ε); ' +
      '1 splits a revenue shock equally between hashrate and hashprice, a large ε pins the hashprice.',
    source: `Modelling assumption, fitted to ${HALVING_FIT}. Used only with the network response on`,
    stages: PROJECTION, assumption: false, section: 'response',
    plausible: {
      low: 1, high: 6,
      source: 'Modelling assumption around the fit to the 2024 halving (3, with mempool.space difficulty after 6, 12 ' +
        'and 18 months): from an equal split of a revenue shock (1) to a nearly pinned hashprice',
    },
  },
  netMaxGrowthPctPerMonth: {
    label: 'Network growth cap', unit: '%/month',
    default: 8, min: 0, max: 100, step: 0.5, integer: false,
    description: 'The fastest the network\'s hashrate can grow in a month under the response (machines must be made, ' +
      'shipped and powered).',
    source: 'Modelling assumption: 8 %/month, about 2.5 times the fastest sustained difficulty growth of 2024–2025 ' +
      '(92.7 T in Sep 2024 to 136 T in Sep 2025, ≈ 3.2 %/month; mempool.space via press): a cap for bursts, not a trend',
    stages: PROJECTION, assumption: false, section: 'response',
  },
  netMaxDeclinePctPerMonth: {
    label: 'Network decline cap', unit: '%/month',
    default: 15, min: 0, max: 99, step: 0.5, integer: false,
    description: 'The fastest the network\'s hashrate can fall in a month under the response.',
    source: 'Modelling assumption: 15 %/month lets a capitulation like the China mining ban of 2021, when difficulty ' +
      'fell about 28 % at the July 2021 retarget (the largest drop on record; mempool.space), play out over two months',
    stages: PROJECTION, assumption: false, section: 'response',
  },
  netFleetJPerTh: {
    label: 'Network fleet efficiency', unit: 'J/TH',
    default: 22, min: 5, max: 200, step: 0.5, integer: false,
    description: 'Average energy per terahash of the whole network\'s machines at the start (improving by the ' +
      'efficiency gain), for the power an attacker matching the network would need.',
    source: 'Listed miners report fleet averages of 20–25 J/TH (company reports, 2025); 22 J/TH between them, ' +
      'since the whole network also runs older machines',
    stages: ['prices'], assumption: false, section: 'attack',
    plausible: {
      low: 15, high: 35,
      source: 'From a network of S21-class machines (Antminer S21, 17.5 J/TH) to one with many 2020-era machines ' +
        '(Antminer S19, ≈ 34 J/TH), per Bitmain\'s specs',
    },
  },
  netPowerUsdPerKwh: {
    label: 'Network power price', unit: 'USD/kWh',
    default: 0.05, min: 0.005, max: 1, step: 0.001, integer: false,
    description: 'Power price an attacker matching the network would pay, for the attack\'s power cost per hour.',
    source: '$0.03–0.08/kWh for large miners (JPMorgan research via press, 2025); $0.05 near the middle',
    stages: ['prices'], assumption: false, section: 'attack',
    plausible: {
      low: 0.02, high: 0.1,
      source: 'Large miners pay $0.03–0.08/kWh (JPMorgan research via press, 2025); the range adds a cent or two ' +
        'either side for stranded power and retail rates',
    },
  },
  feesGrowthPctPerYear: {
    label: 'Fee growth', unit: '%/yr',
    default: 0, min: -50, max: 100, step: 1, integer: false,
    description: 'Yearly growth of the fees per block: month m pays F · (1 + f)^((m − ½) / 12) per block.',
    source: 'Neutral assumption: fees per block stay at today\'s level (an analyst sets a view); fees were < 1 % of ' +
      'miner revenue in 2025 (Hashlabs; The Block)',
    stages: PROJECTION, assumption: false,
    plausible: {
      low: -20, high: 30,
      source: 'Modelling assumption: from fees fading to fees growing with a busier chain; a yearly rate held for ' +
        'ten years compounds, so wider rates give implausible fees',
    },
  },
  btcVolatilityPctPerYear: {
    label: 'BTC volatility', unit: '%/yr',
    default: 0, min: 0, max: 300, step: 1, integer: false, v2Default: 50,
    description: 'Annual volatility of the BTC price for Monte Carlo price paths (0 = no Monte Carlo: one ' +
      'deterministic price path).',
    source: 'Version 1: 0, no Monte Carlo. Version 2: 50 %/yr, about BTC\'s implied volatility in 2024–2025, mostly ' +
      'between 40 % and 70 % a year (Deribit DVOL index)',
    stages: PROJECTION, assumption: false, section: 'uncertainty',
    plausible: {
      low: 20, high: 100,
      source: 'BTC\'s implied volatility ran mostly between 40 % and 70 % a year in 2024–2025 (Deribit DVOL index) ' +
        'and higher in earlier cycles; the range runs from a calm market to the 2021–2022 swings',
    },
  },
} satisfies Record<string, SpecFields>;
