/** The finance group: discounting and the exit values at the horizon (docs/model.md §4–§5). */
import type { SpecFields } from './types.ts';

export const FINANCE = {
  discountRatePct: {
    label: 'Discount rate', unit: '%/yr',
    default: 10, min: 0, max: 100, step: 0.5, integer: false,
    description: 'Annual discount rate for both paths.',
    source: 'Assumption (2025): a common hurdle rate for infrastructure-like cash flows',
    stages: ['finance'], assumption: true, assumptionOrder: 11,
    plausible: {
      low: 4, high: 20,
      source: 'Modelling assumption: from about the long-term risk-free rate (US Treasury yields, 2025) to a ' +
        'venture-style hurdle for an unproven operator',
    },
  },
  exitMultipleMine: {
    label: 'Exit multiple, mining', unit: '× EBITDA',
    default: 0, min: 0, max: 100, step: 0.5, integer: false,
    description: 'EBITDA multiple for the mining business at the horizon (0 = no exit value).',
    source: 'Off by default: no value at the horizon (docs/model.md §4)',
    stages: [], assumption: false,
    plausible: {
      low: 0, high: 12,
      source: 'Modelling assumption: from no exit value to 12×, below the hosting range since mining cash ' +
        'flows follow the BTC price and halve at each halving (press coverage values miners below HPC hosts)',
    },
  },
  exitMultiplePivot: {
    label: 'Exit multiple, hosting', unit: '× EBITDA',
    default: 0, min: 0, max: 100, step: 0.5, integer: false,
    description: 'EBITDA multiple for the hosting business at the horizon (0 = no exit value).',
    source: 'Off by default: no value at the horizon (docs/model.md §4); press coverage of the 2024–2025 deals ' +
      'values HPC hosting at 15–20× earnings',
    stages: [], assumption: false,
    plausible: {
      low: 0, high: 20,
      source: 'From no exit value to 20×, the top of the 15–20× earnings press coverage of the 2024–2025 deals ' +
        'gives HPC hosting',
    },
  },
} satisfies Record<string, SpecFields>;
