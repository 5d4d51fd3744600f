/**
 * The presets as they were written for scenario version 1, kept as version-1 files: what a user
 * who saved one has, and what the tests of the migration, the explorer's loading of an older file
 * and the CLI's notices run on now that the presets themselves are version-2 files.
 */
import type { Scenario } from '../../src/model/scenario/types.ts';

export const PRESETS_V1 = {
  'full-pivot-coreweave-terms': {
    version: 1,
    name: 'Full pivot, Core Scientific/CoreWeave-like terms',
    siteMw: 286,
    grossToItRatio: 1.43,
    leaseUsdPerKwMonth: 121,
    leaseTermYears: 12,
    horizonYears: 12,
    buildMonths: 18,
    noiMarginPct: 80,
    defaultPctPerYear: 2,
    recoveryPct: 30,
  },
  'lease-with-hyperscaler-backstop': {
    version: 1,
    name: 'Lease with a hyperscaler backstop',
    siteMw: 250,
    grossToItRatio: 1.25,
    leaseUsdPerKwMonth: 155,
    capexMusdPerMwIt: 10,
    defaultPctPerYear: 0.3,
    recoveryPct: 80,
  },
  'hybrid-curtailable-mining': {
    version: 1,
    name: 'Hybrid with curtailable mining',
    pivotSharePct: 50,
    grossToItRatio: 1.35,
    leaseUsdPerKwMonth: 130,
    curtailedPct: 5,
    demandResponseUsdPerMwh: 150,
    powerUsdPerKwh: 0.035,
    fleetJPerTh: 18,
  },
  'high-cost-miner-2028-halving': {
    version: 1,
    name: 'High-cost miner facing the 2028 halving',
    powerUsdPerKwh: 0.07,
    fleetJPerTh: 25,
    miningPue: 1.15,
    opexUsdPerMwMonth: 12_000,
    uptimePct: 93,
  },
  'low-cost-miner-abroad': {
    version: 1,
    name: 'Low-cost miner abroad',
    powerUsdPerKwh: 0.03,
    miningPue: 1.03,
    fleetJPerTh: 17,
    opexUsdPerMwMonth: 7_000,
    uptimePct: 97,
    discountRatePct: 12,
    refreshYears: 4,
    efficiencyGainPctPerYear: 10,
  },
} as const satisfies Record<string, Scenario>;
