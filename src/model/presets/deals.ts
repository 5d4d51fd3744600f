/**
 * The deal library: announced miner–HPC hosting contracts as version-2 scenario files. Each holds
 * the terms as announced (critical IT load through siteMw / grossToItRatio with the whole site
 * converted, term, escalator, first-year rent, build until rent starts) and the contract's announced
 * revenue for its initial term, which its own keys reproduce: IT MW · 1000 · L · Σ over the term's
 * months of (1 + esc)^floor((k − 1) / 12) (docs/model.md §4.3). L is solved from that sum and
 * rounded to $0.1; where a figure was not published the description says what was assumed. A
 * deal starts from today's default network; `buildMonths` runs from the default start date
 * (2026-01-08) to the announced delivery or rent start. A backstop is modelled as recovery
 * (docs/model.md §4.4): the share of the contract the guarantor covers.
 */
import type { Preset } from '../presets.ts';

/** The terms as announced, for reading and for the tests; the scenario's keys carry them. */
export interface DealTerms {
  /** The company that announced the contract (the miner or host) and its tenant. */
  host: string;
  tenant: string;
  /** The announcement, ISO 8601 date. */
  announced: string;
  /** Critical IT load, MW, as announced. */
  criticalItMw: number;
  termYears: number;
  /** The yearly rent escalator, %; null when none was published (the preset's is then assumed). */
  escalatorPct: number | null;
  /** Who backs the tenant's payments; null when nobody does. */
  backstop: string | null;
  /** When the halls are delivered or rent starts, as announced. */
  start: string;
}

/** Rate of the one escalator published among these leases (Hut 8/Fluidstack), assumed where a lease has one unpublished. */
const ASSUMED_ESCALATOR = 'a 3 %/yr escalator (the rate Hut 8 published for its Fluidstack lease)';

export const DEALS: readonly (Preset & { terms: DealTerms })[] = [
  {
    name: 'core-scientific-coreweave-2024',
    title: 'Core Scientific–CoreWeave, 200 MW for 12 years (June 2024)',
    description:
      '200 MW of critical IT for CoreWeave, 12 years, ≈ $3.5B. Assumed: flat rent (no escalator published), rent from month 7, ' +
      'no backstop (2 %/yr default, 30 % recovery).',
    sources: [
      "Core Scientific, 'Core Scientific Announces Exercise of Final Contract Option by CoreWeave…' (press release, SEC exhibit, " +
        '2024-10-22): the 200 MW, 12-year HPC hosting contract signed with CoreWeave on 2024-06-03, each with two five-year options',
      'Core Scientific, June 2024 operational update (press release, 2024-07): the 200 MW CoreWeave contract ≈ $3.5 billion over 12 years',
      "Core Scientific, 'Core Scientific and Port Muskogee Break Ground on 100 MW HPC Data Center' (press release, 2024-11-18): " +
        '100 MW gross for ≈ 70 MW of critical IT (γ ≈ 1.43)',
    ],
    version: 2,
    kind: 'deal',
    announcedValueUsd: 3.5e9,
    terms: {
      host: 'Core Scientific',
      tenant: 'CoreWeave',
      announced: '2024-06-03',
      criticalItMw: 200,
      termYears: 12,
      escalatorPct: null,
      backstop: null,
      start: 'in phases through 2025–2026',
    },
    overrides: {
      name: 'Core Scientific–CoreWeave (2024)',
      siteMw: 286,
      grossToItRatio: 1.43,
      leaseUsdPerKwMonth: 121.5,
      leaseTermYears: 12,
      buildMonths: 6,
      horizonYears: 13,
      defaultPctPerYear: 2,
      recoveryPct: 30,
    },
  },
  {
    name: 'terawulf-fluidstack-2025',
    title: 'TeraWulf–Fluidstack at Lake Mariner, Google backstop (August 2025)',
    description:
      `200 MW of critical IT (≈ 250 MW gross), 10 years, ≈ $3.7B; Google backstops $1.8B (49 % recovery). Assumed: ${ASSUMED_ESCALATOR}, ` +
      'rent from the end of 2026, 2 %/yr default.',
    sources: [
      "TeraWulf, 'TeraWulf Signs 200+ MW, 10-Year AI Hosting Agreements with Fluidstack' (press release, 2025-08-14): more than 200 MW " +
        'of critical IT (≈ 250 MW gross), ≈ $3.7 billion over the initial 10-year terms, modified gross leases with annual escalators, ' +
        'site NOI margin ≈ 85 %, $8–10M per MW, 40 MW in H1 2026 and all by the end of 2026; Google backstops $1.8 billion',
    ],
    version: 2,
    kind: 'deal',
    announcedValueUsd: 3.7e9,
    terms: {
      host: 'TeraWulf',
      tenant: 'Fluidstack',
      announced: '2025-08-14',
      criticalItMw: 200,
      termYears: 10,
      escalatorPct: null,
      backstop: "Google, $1.8B of Fluidstack's lease obligations",
      start: '40 MW in H1 2026, the full 200+ MW by the end of 2026',
    },
    overrides: {
      name: 'TeraWulf–Fluidstack (2025)',
      siteMw: 250,
      grossToItRatio: 1.25,
      leaseUsdPerKwMonth: 134.5,
      leaseEscalatorPct: 3,
      horizonYears: 11,
      defaultPctPerYear: 2,
      recoveryPct: 49,
    },
  },
  {
    name: 'cipher-fluidstack-2025',
    title: 'Cipher–Fluidstack at Barber Lake, Google backstop (September 2025)',
    description:
      `168 MW of critical IT on 244 MW gross, 10 years, ≈ $3.0B; Google backstops $1.4B (47 % recovery). Assumed: ${ASSUMED_ESCALATOR}, ` +
      '2 %/yr default.',
    sources: [
      "Cipher Mining, 'Cipher Mining Signs 168 MW, 10-Year AI Hosting Agreement with Fluidstack' (press release, 2025-09-25): 168 MW of " +
        'critical IT on up to 244 MW gross, ≈ $3.0 billion over the initial 10-year term, modified gross lease with annual escalators, ' +
        'site NOI margin 80–85 %, $9–11M per MW, delivery by September 2026; Google backstops $1.4 billion',
    ],
    version: 2,
    kind: 'deal',
    announcedValueUsd: 3.0e9,
    terms: {
      host: 'Cipher Mining',
      tenant: 'Fluidstack',
      announced: '2025-09-25',
      criticalItMw: 168,
      termYears: 10,
      escalatorPct: null,
      backstop: "Google, $1.4B of Fluidstack's lease obligations",
      start: 'delivery by September 2026',
    },
    overrides: {
      name: 'Cipher–Fluidstack (2025)',
      siteMw: 244,
      grossToItRatio: 1.45,
      leaseUsdPerKwMonth: 129.8,
      leaseEscalatorPct: 3,
      buildMonths: 8,
      horizonYears: 11,
      capexMusdPerMwIt: 10,
      noiMarginPct: 82.5,
      defaultPctPerYear: 2,
      recoveryPct: 47,
    },
  },
  {
    name: 'cipher-aws-2025',
    title: 'Cipher–Amazon Web Services, 300 MW for 15 years (November 2025)',
    description:
      '300 MW for AWS, 15 years, ≈ $5.5B, rent from August 2026. Assumed: the 300 MW is critical IT, γ 1.3, flat rent (no escalator ' +
      'published), an investment-grade tenant (0.1 %/yr default).',
    sources: [
      'Cipher Mining, third-quarter 2025 business update (press release, 2025-11-03): a 15-year lease with Amazon Web Services worth ' +
        '≈ $5.5 billion for 300 MW, delivered in two phases from July 2026, rent from August 2026',
    ],
    version: 2,
    kind: 'deal',
    announcedValueUsd: 5.5e9,
    terms: {
      host: 'Cipher Mining',
      tenant: 'Amazon Web Services',
      announced: '2025-11-03',
      criticalItMw: 300,
      termYears: 15,
      escalatorPct: null,
      backstop: null,
      start: 'two phases from July 2026, rent from August 2026',
    },
    overrides: {
      name: 'Cipher–AWS (2025)',
      siteMw: 390,
      leaseUsdPerKwMonth: 101.9,
      leaseTermYears: 15,
      buildMonths: 7,
      horizonYears: 16,
      defaultPctPerYear: 0.1,
    },
  },
  {
    name: 'hut8-fluidstack-2025',
    title: 'Hut 8–Fluidstack at River Bend, Google backstop (December 2025)',
    description:
      '245 MW of IT on 330 MW of utility power, 15 years, $7.0B with a 3 % escalator, triple-net (NOI $6.9B), Google backstops the rent ' +
      '(100 % recovery). Assumed: rent from mid-2027.',
    sources: [
      "Hut 8, 'Hut 8 Signs 15-Year, 245 MW AI Data Center Lease at River Bend Campus with Total Contract Value of $7.0 Billion' " +
        '(press release, SEC exhibit 99.1, 2025-12-17): 245 MW of IT capacity, $7.0 billion over the 15-year base term including a ' +
        '3.0 % annual base rent escalator, triple-net lease, expected cumulative NOI $6.9 billion, a Google financial backstop of the ' +
        'lease payments, first data hall in Q2 2027 and the rest through 2027, 330 MW of utility capacity',
    ],
    version: 2,
    kind: 'deal',
    announcedValueUsd: 7.0e9,
    terms: {
      host: 'Hut 8',
      tenant: 'Fluidstack',
      announced: '2025-12-17',
      criticalItMw: 245,
      termYears: 15,
      escalatorPct: 3,
      backstop: 'Google, the lease payments and pass-through obligations over the base term',
      start: 'first data hall in Q2 2027, the rest over 2027',
    },
    overrides: {
      name: 'Hut 8–Fluidstack (2025)',
      siteMw: 330,
      grossToItRatio: 1.35,
      leaseUsdPerKwMonth: 128,
      leaseEscalatorPct: 3,
      leaseTermYears: 15,
      buildMonths: 18,
      horizonYears: 17,
      noiMarginPct: 98.5,
      recoveryPct: 100,
    },
  },
  {
    name: 'galaxy-coreweave-helios-2025',
    title: 'Galaxy–CoreWeave at Helios, 526 MW for 15 years (2025)',
    description:
      '133 + 260 + 133 MW of critical IT on 800 MW of approved power, 15 years, more than $1B a year (taken as $15B). Assumed: flat rent ' +
      '(no escalator published), rent from early 2027, no backstop (2 %/yr default, 30 % recovery).',
    sources: [
      "Galaxy, 'Galaxy Closes $1.4 Billion Project Financing Facility to Accelerate Helios AI Datacenter Development' (press release, " +
        '2025-08-15): CoreWeave committed to the full 800 MW of approved power at Helios — the initial 133 MW lease (March 2025), a ' +
        '260 MW second phase and a final 133 MW option — under 15-year leases, with average annual revenue of more than $1 billion; ' +
        'first power early 2026, the second phase in 2027',
    ],
    version: 2,
    kind: 'deal',
    announcedValueUsd: 15e9,
    terms: {
      host: 'Galaxy',
      tenant: 'CoreWeave',
      announced: '2025-08-15',
      criticalItMw: 526,
      termYears: 15,
      escalatorPct: null,
      backstop: null,
      start: 'first power early 2026, the second phase in 2027',
    },
    overrides: {
      name: 'Galaxy–CoreWeave, Helios (2025)',
      siteMw: 800,
      grossToItRatio: 1.52,
      leaseUsdPerKwMonth: 158.4,
      leaseTermYears: 15,
      horizonYears: 16,
      defaultPctPerYear: 2,
      recoveryPct: 30,
    },
  },
  {
    name: 'applied-digital-coreweave-2025',
    title: 'Applied Digital–CoreWeave at Ellendale, 250 MW for 15 years (June 2025)',
    description:
      `250 MW of critical IT for CoreWeave, ≈ 15 years, ≈ $7B. Assumed: ${ASSUMED_ESCALATOR}, γ 1.3, rent from mid-2026, ` +
      'no backstop (2 %/yr default, 30 % recovery).',
    sources: [
      "Applied Digital, 'Applied Digital Announces 250MW AI Data Center Lease With CoreWeave in North Dakota' (press release, SEC " +
        'exhibit 99.2, 2025-06-02): two ≈ 15-year leases for 250 MW of critical IT at Ellendale, ≈ $7 billion in total revenue, ' +
        '100 MW in Q4 2025 and 150 MW in mid-2026; press coverage of the announcement (2025-06-02) mentions an annual escalator',
    ],
    version: 2,
    kind: 'deal',
    announcedValueUsd: 7.0e9,
    terms: {
      host: 'Applied Digital',
      tenant: 'CoreWeave',
      announced: '2025-06-02',
      criticalItMw: 250,
      termYears: 15,
      escalatorPct: null,
      backstop: null,
      start: '100 MW in Q4 2025, 150 MW in mid-2026',
    },
    overrides: {
      name: 'Applied Digital–CoreWeave (2025)',
      siteMw: 325,
      leaseUsdPerKwMonth: 125.5,
      leaseEscalatorPct: 3,
      leaseTermYears: 15,
      buildMonths: 6,
      horizonYears: 16,
      defaultPctPerYear: 2,
      recoveryPct: 30,
    },
  },
];
