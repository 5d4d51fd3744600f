/** The non-numeric keys: the start date (network) and the scenario's own name and notes. */
import { DEFAULT_START_DATE, START_STATE_SOURCE } from './network.ts';
import type { TextSpec } from './types.ts';

export const TEXT_REGISTRY: readonly TextSpec[] = Object.freeze([
  {
    key: 'startDate',
    group: 'network',
    kind: 'date',
    label: 'Start date',
    default: DEFAULT_START_DATE,
    maxLength: 40,
    // From the genesis block's day.
    min: '2009-01-03',
    max: '2199-12-31',
    description: 'ISO 8601 UTC instant of the start (t0), when the block at the start height is found.',
    source: START_STATE_SOURCE,
  },
  {
    key: 'name',
    group: 'about',
    kind: 'text',
    label: 'Name',
    default: '',
    maxLength: 120,
    description: 'A name for the scenario (not a model input).',
    source: 'Empty by default',
  },
  {
    key: 'notes',
    group: 'about',
    kind: 'text',
    label: 'Notes',
    default: '',
    maxLength: 4000,
    description: 'Free notes (not a model input).',
    source: 'Empty by default',
  },
] satisfies TextSpec[]);
