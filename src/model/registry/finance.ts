/**
 * The finance group: discounting, the exit values at the horizon and the Monte Carlo runs
 * (docs/model.md §4–§5, §7.3, §7.5).
 */
import type { SpecFields } from './types.ts';

// The registry is a table: one key's facts a few lines apiece, kept in its columns.
// prettier-ignore
export const FINANCE = {
  discountRatePct: {
    label: 'Discount rate', unit: '%/yr',
    default: 10, min: 0, max: 100, step: 0.5, integer: false, v2Default: 12,
    description: 'Annual discount rate of the mining cash flows of both paths; the hosting cash flows use ' +
      'the hosting discount rate.',
    source: 'Version 1: 10 %, a common hurdle rate for infrastructure-like cash flows (2025), for both paths. ' +
      'Version 2: 12 % — modelling assumption: mining cash flows follow the BTC price and halve at each halving, ' +
      'so they carry a higher rate than contracted rent',
    stages: ['finance'], assumption: true, assumptionOrder: 11,
    plausible: {
      low: 4, high: 20,
      source: 'Modelling assumption: from about the long-term risk-free rate (US Treasury yields, 2025) to a ' +
        'venture-style hurdle for an unproven operator',
    },
  },
  exitMultipleMine: {
    label: 'Exit multiple, mining', unit: '× EBITDA',
    default: 0, min: 0, max: 100, step: 0.5, integer: false, v2Default: 4,
    description: 'Sale value of the mining business at the horizon, as a multiple of its yearly EBITDA (cash profit before interest, tax and depreciation) (0 = no exit value).',
    source: 'Version 1: 0, no value at the horizon (docs/model.md §4). Version 2: 4× — modelling assumption: ' +
      'well below the 15–20× press coverage gives HPC hosting, since mining cash flows follow the BTC price and ' +
      'halve at each halving',
    stages: [], assumption: false,
    plausible: {
      low: 0, high: 12,
      source: 'Modelling assumption: from no exit value to 12×, below the hosting range since mining cash ' +
        'flows follow the BTC price and halve at each halving (press coverage values miners below HPC hosts)',
    },
  },
  exitMultiplePivot: {
    label: 'Exit multiple, hosting', unit: '× EBITDA',
    default: 0, min: 0, max: 100, step: 0.5, integer: false, v2Default: 10,
    description: 'Sale value of the hosting business at the horizon, as a multiple of its yearly EBITDA (cash profit before interest, tax and depreciation) (0 = no exit value).',
    source: 'Version 1: 0, no value at the horizon (docs/model.md §4). Version 2: 10× — modelling assumption: ' +
      'below the 15–20× earnings press coverage of the 2024–2025 deals gives HPC hosting, for a single site ' +
      'whose lease may not be renewed',
    stages: [], assumption: false,
    plausible: {
      low: 0, high: 20,
      source: 'From no exit value to 20×, the top of the 15–20× earnings press coverage of the 2024–2025 deals ' +
        'gives HPC hosting',
    },
  },
  discountRatePivotPct: {
    label: 'Discount rate, hosting', unit: '%/yr',
    default: 10, min: 0, max: 100, step: 0.5, integer: false, v2Default: 8,
    description: 'Annual discount rate of the hosting cash flows: conversion capex, NOI, ASIC resale and the ' +
      'hosting exit value.',
    source: 'Version 1: the scenario\'s discount rate (10 % when absent), one rate for both paths. Version 2: 8 % — ' +
      'modelling assumption: rent contracted with a creditworthy tenant is valued nearer to infrastructure and ' +
      'data-centre yields than BTC-exposed mining',
    derived: 'discountRatePct',
    stages: ['finance'], assumption: false,
    plausible: {
      low: 4, high: 15,
      source: 'Modelling assumption: from about the long-term risk-free rate (US Treasury yields, 2025) to the ' +
        'hurdle of a single speculative tenant',
    },
  },
  monteCarloPaths: {
    label: 'Monte Carlo paths', unit: 'paths',
    default: 1000, min: 1, max: 100_000, step: 100, integer: true,
    description: 'Number of BTC price paths the Monte Carlo figures average over (used when the volatility is above 0).',
    source: 'Modelling assumption: 1,000 paths put the standard error of the probability that the pivot wins ' +
      'under 1.6 percentage points (√(0.25 / 1000)) at an affordable cost',
    stages: [], assumption: false, section: 'uncertainty',
  },
  monteCarloSeed: {
    label: 'Monte Carlo seed', unit: '',
    default: 1, min: 0, max: 4_294_967_295, step: 1, integer: true,
    description: 'Seed of the random price paths: the same seed gives the same paths, every run and every cell.',
    source: 'Modelling assumption: any fixed number makes runs repeatable; 1 is the first, and another shows ' +
      'whether a result hangs on one draw',
    stages: [], assumption: false, section: 'uncertainty',
  },
} satisfies Record<string, SpecFields>;
