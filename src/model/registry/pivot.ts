/** The pivot group: the conversion to AI/HPC hosting and its lease (docs/model.md §4). */
import type { SpecFields } from './types.ts';

/** The public deals the pivot's defaults and ranges come from. */
const DEALS = 'Core Scientific/CoreWeave, TeraWulf/Fluidstack, Cipher, Hut 8, IREN';

// The registry is a table: one key's facts a few lines apiece, kept in its columns.
// prettier-ignore
export const PIVOT = {
  pivotSharePct: {
    label: 'Pivot share', unit: '%',
    default: 100, min: 0, max: 100, step: 1, integer: false,
    description: 'Share of the site converted to AI/HPC hosting (100 = full pivot).',
    source: 'Full pivot, as in the Core Scientific/CoreWeave and TeraWulf/Fluidstack deals (2024–2025)',
    stages: ['pivot'], assumption: true, assumptionOrder: 9,
    plausible: {
      low: 0, high: 100,
      source: 'The whole range: from no conversion to a full pivot (Core Scientific/CoreWeave, TeraWulf/Fluidstack); ' +
        'hybrids in between',
    },
  },
  pivotStartMonth: {
    label: 'Pivot start', unit: 'month',
    default: 0, min: 0, max: 600, step: 1, integer: true,
    description: 'Conversion starts at the end of this month (0 = now).',
    source: 'Modelling assumption: the conversion starts at once, so the two paths share a start (docs/model.md §4)',
    stages: ['pivot'], assumption: false,
  },
  grossToItRatio: {
    label: 'Gross-to-IT ratio', unit: 'MW/MW-IT',
    default: 1.3, min: 1, max: 3, step: 0.01, integer: false,
    description: 'Gross site MW per MW of critical IT (written γ in the model): the site\'s power for cooling and losses on top of the IT load.',
    source: '1.25 TeraWulf, 1.35 Hut 8, 1.43–1.45 Core Scientific, Cipher (company announcements 2024–2025)',
    stages: ['pivot'], assumption: false,
    plausible: {
      low: 1.2, high: 1.5,
      source: '1.25 TeraWulf, 1.35 Hut 8, 1.43–1.45 Core Scientific and Cipher (company announcements 2024–2025), ' +
        'with a little room either side',
    },
  },
  capexMusdPerMwIt: {
    label: 'Conversion capex', unit: 'USD M/MW-IT',
    default: 9, min: 0, max: 50, step: 0.1, integer: false,
    description: 'Conversion capex per MW of critical IT, spread over the build.',
    source: '$6–11M per MW of critical IT (Cipher, TeraWulf, IREN announcements; CBRE data-centre cost reports; 2024–2025)',
    stages: [], assumption: true, assumptionOrder: 8,
    plausible: {
      low: 5, high: 14,
      source: '$6–11M per MW of critical IT (Cipher, TeraWulf, IREN announcements; CBRE data-centre cost reports; ' +
        '2024–2025), widened for cheaper shells and costlier liquid-cooled builds',
    },
  },
  buildMonths: {
    label: 'Build time', unit: 'month',
    default: 12, min: 1, max: 120, step: 1, integer: true,
    description: 'Months of construction before the lease starts.',
    source: `12–24 months (company timelines of the 2024–2025 conversions: ${DEALS})`,
    stages: ['pivot'], assumption: false,
    plausible: {
      low: 6, high: 36,
      source: `12–24 months in the 2024–2025 conversions (company timelines: ${DEALS}), widened for a ready ` +
        'shell or a delayed build',
    },
  },
  leaseUsdPerKwMonth: {
    label: 'Lease rate', unit: 'USD/kW-month',
    default: 140, min: 0, max: 1000, step: 1, integer: false,
    description: 'First-year rent per kW of critical IT per month.',
    source: 'Implied ≈ $100–160/kW-month; Core Scientific/CoreWeave ≈ 121, TeraWulf/Fluidstack ≈ 155 (contract ' +
      'value ÷ MW·12·years, from the company announcements, 2024–2025)',
    stages: [], assumption: true, assumptionOrder: 7,
    plausible: {
      low: 60, high: 220,
      source: 'Around the implied ≈ $100–160/kW-month of the 2024–2025 deals (Core Scientific/CoreWeave ≈ 121, ' +
        'TeraWulf/Fluidstack ≈ 155: contract value ÷ MW·12·years, from the company announcements), widened ' +
        'for weaker and stronger tenants',
    },
  },
  leaseEscalatorPct: {
    label: 'Lease escalator', unit: '%/yr',
    default: 0, min: -10, max: 20, step: 0.1, integer: false,
    description: 'Yearly rent escalation.',
    source: 'Off by default (flat rent, conservative)',
    stages: ['pivot'], assumption: false,
  },
  leaseTermYears: {
    label: 'Lease term', unit: 'yr',
    default: 10, min: 1, max: 30, step: 1, integer: true,
    description: 'Length of the lease.',
    source: '10–15 years (Core Scientific/CoreWeave, TeraWulf/Fluidstack and the other 2024–2025 deals; press coverage)',
    stages: ['pivot'], assumption: false,
    plausible: {
      low: 5, high: 20,
      source: '10–15 years in the 2024–2025 deals (Core Scientific/CoreWeave, TeraWulf/Fluidstack; press ' +
        'coverage), widened for shorter colocation and longer build-to-suit leases',
    },
  },
  noiMarginPct: {
    label: 'NOI margin', unit: '%',
    default: 85, min: 0, max: 100, step: 0.5, integer: false,
    description: 'Net operating income as a share of rent.',
    source: '75–90 %; Cipher 80–85 %, TeraWulf ≈ 85 % (company statements and press coverage, 2025)',
    stages: ['pivot'], assumption: false,
    plausible: {
      low: 60, high: 95,
      source: '75–90 % in the 2024–2025 deals (Cipher 80–85 %, TeraWulf ≈ 85 %; company statements and press ' +
        'coverage), widened for a less efficient operator',
    },
  },
  defaultPctPerYear: {
    label: 'Tenant default', unit: '%/yr',
    default: 1, min: 0, max: 100, step: 0.1, integer: false,
    description: 'Annual probability that the tenant defaults.',
    source: 'Assumption (2025): ≈ 1 %/yr, between investment-grade and high-yield long-run default rates',
    stages: ['pivot'], assumption: false,
    plausible: {
      low: 0, high: 10,
      source: 'Modelling assumption: from a hyperscaler-backed lease (investment-grade long-run default rates are ' +
        'well under 1 %/yr) to a weak speculative-grade tenant (S&P and Moody\'s annual default studies)',
    },
  },
  recoveryPct: {
    label: 'Recovery', unit: '%',
    default: 40, min: 0, max: 100, step: 1, integer: false,
    description: 'Share of NOI still earned after a default (re-leasing, guarantees).',
    source: 'Assumption (2025): 40 %, the conventional unsecured recovery rate',
    stages: ['pivot'], assumption: false,
    plausible: {
      low: 0, high: 100,
      source: 'Modelling assumption: the whole range, from an empty hall to a guarantee that pays in full',
    },
  },
  renewalPct: {
    label: 'Lease renewal', unit: '%',
    default: 0, min: 0, max: 100, step: 5, integer: false, v2Default: 70,
    description: 'Probability that the hall is leased on to the horizon when the term ends before it (the ' +
      'escalator, default risk and recovery continuing).',
    source: 'Version 1: 0, no income after the term. Version 2: 70 % — modelling assumption: a powered, cooled hall ' +
      'with its tenant in place is likely to be re-let, since power for AI data centres is scarce (press coverage ' +
      'of the 2024–2025 deals), but a tenant may leave',
    stages: ['pivot'], assumption: false,
    plausible: {
      low: 0, high: 100,
      source: 'Modelling assumption: the whole range, from a hall left empty at the end of the term to a renewal ' +
        'taken for granted',
    },
  },
} satisfies Record<string, SpecFields>;
