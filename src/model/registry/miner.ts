/** The miner group: the site, the fleet and its costs (the "keep mining" path, docs/model.md §3). */
import type { SpecFields } from './types.ts';

// The registry is a table: one key's facts a few lines apiece, kept in its columns.
// prettier-ignore
export const MINER = {
  siteMw: {
    label: 'Site power', unit: 'MW',
    default: 100, min: 0.1, max: 10_000, step: 1, integer: false,
    description: 'Gross site power (PUE included).',
    source: 'Illustrative 100 MW site, the scale of a mid-size listed miner campus (2025)',
    stages: ['mining', 'pivot'], assumption: true, assumptionOrder: 1,
    plausible: {
      low: 10, high: 1000, log: true,
      source: 'Modelling assumption: from a small hosted site to a gigawatt campus such as Riot Platforms\' ' +
        'Corsicana site (company announcements); by ratio, since sites differ by multiples',
    },
  },
  miningPue: {
    label: 'Mining PUE', unit: '',
    default: 1.05, min: 1, max: 3, step: 0.01, integer: false,
    description: 'Gross power per MW of ASIC load.',
    source: '1.03–1.10 immersion/optimised, up to 1.2–1.5 air (cooling vendors\' figures, 2025)',
    stages: ['mining'], assumption: false,
  },
  fleetJPerTh: {
    label: 'Fleet efficiency', unit: 'J/TH',
    default: 20, min: 1, max: 200, step: 0.5, integer: false,
    description: 'Average energy per terahash of the fleet.',
    source: 'Fleet averages 20–25 J/TH; S21 17.5, S21 XP 13.5 (Bitmain\'s specs, miners\' company reports, 2025)',
    stages: ['mining'], assumption: true, assumptionOrder: 3,
    plausible: {
      low: 12, high: 35,
      source: 'From a fleet of the newest machines (Antminer S21 XP, 13.5 J/TH) to one of 2020-era machines ' +
        '(Antminer S19, ≈ 34 J/TH), per Bitmain\'s specs; listed miners report fleet averages of 20–25 J/TH',
    },
  },
  uptimePct: {
    label: 'Uptime', unit: '%',
    default: 95, min: 0, max: 100, step: 0.5, integer: false,
    description: 'Share of hours the fleet hashes (outside curtailment).',
    source: 'Assumption typical of large miners\' reported fleet uptime (2025)',
    stages: ['mining'], assumption: false,
  },
  poolFeePct: {
    label: 'Pool fee', unit: '%',
    default: 2, min: 0, max: 100, step: 0.1, integer: false,
    description: 'Mining pool fee on BTC earned.',
    source: 'Typical FPPS pool fee of 1.5–2.5 % (2025 pool fee schedules); assumption',
    stages: ['mining'], assumption: false,
  },
  powerUsdPerKwh: {
    label: 'Power price', unit: 'USD/kWh',
    default: 0.04, min: 0, max: 1, step: 0.001, integer: false,
    description: 'All-in power price.',
    source: '$0.03–0.08/kWh for large miners (JPMorgan research via press, 2025)',
    stages: ['mining'], assumption: true, assumptionOrder: 2,
    plausible: {
      low: 0.02, high: 0.1,
      source: 'Large miners pay $0.03–0.08/kWh (JPMorgan research via press, 2025); the range adds a cent or ' +
        'two either side for stranded power and retail rates',
    },
  },
  opexUsdPerMwMonth: {
    label: 'Non-power opex', unit: 'USD/MW-month',
    default: 10_000, min: 0, max: 1_000_000, step: 500, integer: false,
    description: 'Staff, maintenance, insurance and other non-power costs per gross MW.',
    source: 'Assumption (2025): ≈ $0.014/kWh at 100 % load, in line with listed miners\' non-power cash costs',
    stages: ['mining'], assumption: false,
  },
  curtailedPct: {
    label: 'Curtailed hours', unit: '%',
    default: 0, min: 0, max: 100, step: 0.5, integer: false,
    description: 'Share of hours the site is curtailed (demand response).',
    source: 'Off by default',
    stages: ['mining'], assumption: false,
  },
  demandResponseUsdPerMwh: {
    label: 'Demand-response credit', unit: 'USD/MWh',
    default: 0, min: 0, max: 10_000, step: 10, integer: false,
    description: 'Credit per MWh curtailed (gross MW × curtailed hours).',
    source: 'Off by default; Riot earned $1,122/MWh curtailed in Jul 2022 (K33 Research)',
    stages: ['mining'], assumption: false,
  },
  refreshYears: {
    label: 'Fleet refresh', unit: 'yr',
    default: 0, min: 0, max: 30, step: 1, integer: true,
    description: 'Replace the fleet every this many years (0 = never).',
    source: 'Off by default',
    stages: ['mining'], assumption: false,
  },
  asicUsdPerTh: {
    label: 'ASIC price', unit: 'USD/TH',
    default: 15, min: 0, max: 1000, step: 0.5, integer: false,
    description: 'Price of new ASICs at a refresh.',
    source: '≈ $4–20/TH by generation; new-generation machines near the top (Hashrate Index ASIC Price Index via press, 2025)',
    stages: ['mining', 'prices'], assumption: false,
  },
  efficiencyGainPctPerYear: {
    label: 'Efficiency gain', unit: '%/yr',
    default: 0, min: 0, max: 50, step: 0.5, integer: false, v2Default: 10,
    description: 'Yearly improvement of J/TH: of fleets bought at a refresh, of the network\'s average machine and, ' +
      'with the network response on, of the marginal hashcost.',
    source: 'Version 1: 0 (refresh off by default). Version 2: 10 %/yr — ASIC efficiency went from ≈ 34 J/TH ' +
      '(Antminer S19, 2020) to 17.5 J/TH (S21, 2023) and 13.5 J/TH (S21 XP, 2024), per Bitmain\'s specs, faster than ' +
      '10 %/yr; the lower rate allows for gains slowing as chips near their process limits',
    stages: ['mining', 'prices', 'response'], assumption: false,
  },
  mothballOpexPct: {
    label: 'Mothball opex', unit: '%',
    default: 100, min: 0, max: 100, step: 5, integer: false, v2Default: 30,
    description: 'Share of the non-power opex a switched-off fleet still pays; the fleet switches off when its ' +
      'revenue is below its power cost plus the opex switching off saves.',
    source: 'Version 1: 100 %, a fleet that is off pays full opex. Version 2: 30 % — modelling assumption: a ' +
      'mothballed site keeps its security, insurance, land and a skeleton crew but sheds most staff and maintenance',
    stages: ['mining'], assumption: false,
    plausible: {
      low: 10, high: 100,
      source: 'Modelling assumption: from a site that sheds almost everything but its lease and insurance to one ' +
        'that keeps its whole crew while the machines are off',
    },
  },
  powerEscalatorPctPerYear: {
    label: 'Power escalator', unit: '%/yr',
    default: 0, min: -10, max: 20, step: 0.1, integer: false, v2Default: 2,
    description: 'Yearly change of the miner\'s power price: month m pays p · (1 + x)^floor((m − 1) / 12).',
    source: 'Version 1: 0, a flat power price. Version 2: 2 %/yr — modelling assumption: about the long-run rise ' +
      'of US average industrial electricity prices (EIA Electric Power Monthly) and a common escalator in power ' +
      'purchase agreements',
    stages: ['mining'], assumption: false,
    plausible: {
      low: -2, high: 6,
      source: 'Modelling assumption: from falling power prices (new cheap generation) to a few years of inflation ' +
        'like 2021–2023 in US industrial electricity prices (EIA Electric Power Monthly)',
    },
  },
  asicResalePct: {
    label: 'ASIC resale', unit: '%',
    default: 0, min: 0, max: 100, step: 1, integer: false, v2Default: 20,
    description: 'What the pivot gets for the converted share\'s machines, as a share of today\'s ASIC price per TH, ' +
      'received the month after the conversion starts.',
    source: 'Version 1: 0, no resale. Version 2: 20 % — modelling assumption: used machines of earlier generations ' +
      'trade at a fraction of new ones per TH (≈ $4–20/TH by generation; Hashrate Index ASIC Price Index via press, 2025)',
    stages: ['pivot'], assumption: false,
    plausible: {
      low: 0, high: 50,
      source: 'Modelling assumption: from machines sold for scrap to a fleet of the latest generation, which ' +
        'trades near the top of the ≈ $4–20/TH range (Hashrate Index ASIC Price Index via press, 2025)',
    },
  },
} satisfies Record<string, SpecFields>;
