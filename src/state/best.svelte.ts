/**
 * The best plan in the explorer: the NPV of the pivot path over pivot share × start month (the
 * grid of the command line's `best`, volatility taken as 0), swept on the worker pool, and the
 * plan src/model/best.ts chooses from it.
 *
 * The pool runs one sweep at a time and a newer one supersedes the older, so this sweep waits
 * until the main heatmap is done (`ready`), and a main-map sweep that starts meanwhile supersedes
 * it: the plan is computed again once the map is done. The result does not depend on the
 * scenario's own share and start (they are the axes), so applying a plan computes nothing again.
 */
import { DEFAULT_SHARE_RANGE, bestPlan, defaultStartRange, type BestPlan, type PlanRange } from '../model/best.ts';
import type { ModelInputs, ModelKey } from '../model/keys.ts';
import { axisValues, type Axis, type Metric, type SweepSpec } from '../model/sweep.ts';
import { SupersededError, sweepPool, type SweepPool } from '../worker/pool.ts';
import { OncePerFrame } from './frame.ts';

export type PlanState = 'waiting' | 'running' | 'done' | 'error';

/** The keys a plan sets, and the one the search takes as 0. */
const AXIS_KEYS: readonly ModelKey[] = ['pivotSharePct', 'pivotStartMonth'];
const IGNORED_KEYS: readonly ModelKey[] = [...AXIS_KEYS, 'btcVolatilityPctPerYear'];

/** The grid the search runs on: the command line's defaults (docs/model.md §7's `best`). */
export function planSpec(inputs: ModelInputs, metric: Metric): SweepSpec {
  const axis = (key: ModelKey, r: PlanRange): Axis => ({ key, ...r, log: false });
  return {
    x: axis('pivotSharePct', DEFAULT_SHARE_RANGE),
    y: axis('pivotStartMonth', defaultStartRange(inputs.horizonYears)),
    metric,
    month: 1,
  };
}

/** What the search depends on: the inputs but the axes' keys and the volatility. */
function planKey(inputs: ModelInputs): string {
  const rest: Record<string, number> = { ...inputs };
  for (const key of IGNORED_KEYS) delete rest[key];
  return JSON.stringify(rest);
}

export class BestPlanRun {
  state: PlanState = $state('waiting');
  error = $state('');
  /** The grid's spec (metric npvPivot); null until a search has finished. */
  spec: SweepSpec | null = $state.raw(null);
  npvPivot: Float64Array | null = $state.raw(null);
  delta: Float64Array | null = $state.raw(null);
  plan: BestPlan | null = $state.raw(null);
  /** Counts the searches finished (tests wait for a newer one). */
  runs = $state(0);

  readonly #pool: SweepPool;
  readonly #ready: () => boolean;
  readonly #frames = new OncePerFrame<ModelInputs>((next) => void this.#run(next));
  #token = 0;
  /** The key of the plan shown, or of the search running. */
  #key = '';

  /** `ready`: whether the pool is free for this search (the main map is not computing). */
  constructor(ready: () => boolean = () => true, pool: SweepPool = sweepPool) {
    this.#ready = ready;
    this.#pool = pool;
  }

  /** Asks for the plan of these inputs (null: none, the scenario has problems); at most one search a frame. */
  request(inputs: ModelInputs | null): void {
    this.#frames.request(inputs);
    if (!inputs) {
      this.#token++;
      this.#key = '';
      this.state = 'waiting';
    }
  }

  dispose(): void {
    this.#frames.cancel();
    this.#token++;
  }

  async #run(inputs: ModelInputs): Promise<void> {
    const key = planKey(inputs);
    if (key === this.#key && (this.state === 'done' || this.state === 'running')) return;
    if (!this.#ready()) {
      // Asked again when the main map is done.
      this.#token++;
      this.#key = '';
      this.state = 'waiting';
      return;
    }
    const token = ++this.#token;
    this.#key = key;
    this.state = 'running';
    const deterministic = { ...inputs, btcVolatilityPctPerYear: 0 };
    try {
      const npvSpec = planSpec(inputs, 'npvPivot');
      const npvPivot = await this.#pool.sweep({ inputs: deterministic, spec: npvSpec });
      if (token !== this.#token) return;
      const delta = await this.#pool.sweep({ inputs: deterministic, spec: { ...npvSpec, metric: 'delta' } });
      if (token !== this.#token) return;
      const plan = bestPlan({ shares: axisValues(npvSpec.x), starts: axisValues(npvSpec.y), npvPivot, delta });
      this.spec = npvSpec;
      this.npvPivot = npvPivot;
      this.delta = delta;
      this.plan = plan;
      this.error = '';
      this.state = 'done';
      this.runs++;
    } catch (error) {
      if (token !== this.#token) return;
      this.#key = '';
      if (error instanceof SupersededError) {
        this.state = 'waiting';
        return;
      }
      this.state = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
