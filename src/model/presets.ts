/**
 * Named starting points: illustrative examples (none claims to be any company's actual economics),
 * and the deal library (presets/deals.ts) of announced miner–HPC contracts with their terms as
 * announced. Each is a scenario file of the version it was
 * written for, holding only what differs from that version's defaults; like any file it goes
 * through the scenario migrations, so a preset keeps the results of its version until it is
 * deliberately rewritten (all are version 2 today). test/model/presets.test.ts checks that every
 * preset validates, that each example tells the story its name promises, and that each deal's keys
 * reproduce its announced value.
 */
import type { Scenario } from './scenario/types.ts';
import { DEALS, type DealTerms } from './presets/deals.ts';

export interface Preset {
  /** A slug, used by `--preset NAME` and in links. */
  name: string;
  title: string;
  /** One line. */
  description: string;
  /** Where the terms come from, each with a date. */
  sources: string[];
  /** The scenario version the preset was written for (its keys mean what they meant then). */
  version: number;
  /** An illustrative example, or an announced miner–HPC deal with its terms as announced. */
  kind: 'example' | 'deal';
  /** For a deal: the contract's announced total revenue for its initial term, USD. */
  announcedValueUsd?: number;
  /** For a deal: its terms as announced. */
  terms?: DealTerms;
  /** The keys that differ from the defaults (no `version`). */
  overrides: Omit<Scenario, 'version'>;
}

/** The examples, written for version 2: the terms they name, and stories test/model/presets.test.ts checks. */
const EXAMPLES: readonly Preset[] = [
  {
    name: 'full-pivot-coreweave-terms',
    title: 'Full pivot on Core Scientific/CoreWeave-like terms',
    description: 'The whole site converts to hosting for one AI tenant: ≈$121/kW-month for 12 years, γ ≈ 1.43, no backstop.',
    sources: [
      'Core Scientific/CoreWeave hosting agreements (2024–2025): ≈ $121/kW-month implied (contract value ÷ MW · 12 · years), 12-year terms',
      'γ 1.43–1.45 gross MW per MW of critical IT (Core, Cipher announcements, 2024–2025)',
      'Conversion capex $6–11M per MW of critical IT (Cipher, TeraWulf, IREN announcements; CBRE); NOI margin 75–90 % (press coverage of the 2024–25 deals); build 12–24 months (company timelines)',
    ],
    version: 2,
    kind: 'example',
    overrides: {
      name: 'Full pivot, Core Scientific/CoreWeave-like terms',
      siteMw: 286,
      grossToItRatio: 1.43,
      leaseUsdPerKwMonth: 121,
      leaseTermYears: 12,
      horizonYears: 12,
      buildMonths: 18,
      noiMarginPct: 80,
      // A single, non-investment-grade tenant without a third-party backstop.
      defaultPctPerYear: 2,
      recoveryPct: 30,
    },
  },
  {
    name: 'lease-with-hyperscaler-backstop',
    title: 'Lease with a hyperscaler backstop, TeraWulf/Fluidstack-like',
    description: 'Full pivot at ≈$155/kW-month, γ 1.25; a Google backstop means a low default probability and high recovery.',
    sources: [
      "TeraWulf/Fluidstack leases at Lake Mariner (2025-08-14): ≈ $155/kW-month implied, 10-year terms, Google backstop of Fluidstack's lease obligations",
      'γ 1.25 (TeraWulf announcements, 2025); NOI margin ≈ 85 % (TeraWulf statements, 2025)',
    ],
    version: 2,
    kind: 'example',
    overrides: {
      name: 'Lease with a hyperscaler backstop',
      siteMw: 250,
      grossToItRatio: 1.25,
      leaseUsdPerKwMonth: 155,
      capexMusdPerMwIt: 10,
      defaultPctPerYear: 0.3,
      recoveryPct: 80,
    },
  },
  {
    name: 'hybrid-curtailable-mining',
    title: 'Hybrid: half hosting, half curtailable mining (CleanSpark-like)',
    description: 'Converts 50 % of the site and keeps mining the rest, curtailing 5 % of hours for a demand-response credit.',
    sources: [
      'CleanSpark (2025): keeps a large mining fleet while developing AI/HPC capacity on part of its power',
      'Demand response: Riot earned $1,122/MWh curtailed in a peak month (Jul 2022, K33); $150/MWh here is an illustrative yearly average',
      'γ 1.35 (Hut 8 announcement, 2025-12-17); lease ≈ $100–160/kW-month implied by announced contracts (contract value ÷ MW · 12 · years, 2024–2025)',
    ],
    version: 2,
    kind: 'example',
    overrides: {
      name: 'Hybrid with curtailable mining',
      pivotSharePct: 50,
      grossToItRatio: 1.35,
      leaseUsdPerKwMonth: 130,
      curtailedPct: 5,
      demandResponseUsdPerMwh: 150,
      powerUsdPerKwh: 0.035,
      fleetJPerTh: 18,
    },
  },
  {
    name: 'high-cost-miner-2028-halving',
    title: 'High-cost miner facing the 2028 halving',
    description:
      'An air-cooled 21 J/TH fleet (PUE 1.08) on $0.043/kWh power: it earns until the halving at height 1,050,000 (spring 2028), then mothballs.',
    sources: [
      "Power $0.03–0.08/kWh for large miners (JPMorgan research via press, 2025); fleet averages 20–25 J/TH (company reports, 2025); air-cooled PUE above immersion's 1.03–1.10 (vendors, 2025)",
      'Next halving at height 1,050,000 (Bitcoin Core GetBlockSubsidy), expected around spring 2028',
    ],
    version: 2,
    kind: 'example',
    overrides: {
      name: 'High-cost miner facing the 2028 halving',
      powerUsdPerKwh: 0.043,
      fleetJPerTh: 21,
      miningPue: 1.08,
    },
  },
  {
    name: 'low-cost-miner-abroad',
    title: 'Low-cost miner abroad',
    description:
      'Power at $0.03/kWh, an immersion-cooled 17 J/TH fleet renewed every 4 years, a 15 % rate for the country: mining pays; does hosting pay more?',
    sources: [
      'Power from $0.03/kWh for large miners (JPMorgan research via press, 2025); PUE 1.03–1.10 immersion-cooled (vendors, 2025); Antminer S21 XP 13.5 J/TH (Bitmain specification, 2024)',
      'Lower non-power opex, higher uptime and a higher discount rate for a site outside the US: illustrative assumptions (2026)',
    ],
    version: 2,
    kind: 'example',
    overrides: {
      name: 'Low-cost miner abroad',
      powerUsdPerKwh: 0.03,
      miningPue: 1.03,
      fleetJPerTh: 17,
      opexUsdPerMwMonth: 7_000,
      uptimePct: 97,
      discountRatePct: 15,
      refreshYears: 4,
    },
  },
];

export const PRESETS: readonly Preset[] = Object.freeze([...EXAMPLES, ...DEALS]);

/** The preset's sources as one text, as `presets` prints it. */
export function presetSource(preset: Preset): string {
  return preset.sources.join('; ');
}

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/**
 * The preset as a scenario file of its version (still to be validated, like any input; validation
 * and resolution migrate it to the current version).
 */
export function presetScenario(preset: Preset): Scenario {
  return { version: preset.version, ...preset.overrides };
}
