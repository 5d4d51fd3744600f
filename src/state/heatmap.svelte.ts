/**
 * The heatmap's computation: runs the explorer's sweep on the worker pool at most once an
 * animation frame, fills the grid as row blocks arrive, and then computes Δ over the same grid for
 * the breakeven line when the metric is something else. A newer request supersedes the running
 * one (the pool drops its rows).
 *
 * A metric over the price paths refines: a first picture from the first eighth of the scenario's
 * paths (at most 16), then the full count, row by row over the first picture. Path j depends only on the seed
 * and j (docs/model.md §7.5), so the first picture is the same method on the first paths, not a
 * different draw.
 */
import { metricColor, type MetricColor } from '../charts/color.ts';
import { MONTE_CARLO_METRICS, type Axis, type SweepSpec } from '../model/sweep.ts';
import { measure, timed } from '../model/timing.ts';
import { SupersededError, sweepPool, type SweepPool, type SweepRequest } from '../worker/pool.ts';
import { OncePerFrame } from './frame.ts';

export type RunState = 'running' | 'done' | 'error';

const sameAxis = (a: Axis, b: Axis) => a.key === b.key && a.min === b.min && a.max === b.max && a.n === b.n && a.log === b.log;
const sameGrid = (a: SweepSpec | null, b: SweepSpec) => !!a && sameAxis(a.x, b.x) && sameAxis(a.y, b.y);

/**
 * The first picture of a path metric uses an eighth of the paths, at most 16 — about as long as a
 * map without paths takes, a frame or two for W4's 96×96 map — and is worth drawing from 64 paths.
 */
export const FIRST_PICTURE_SHARE = 8;
export const FIRST_PICTURE_MAX_PATHS = 16;
const FIRST_PICTURE_MIN_PATHS = 64;

/** How many of the scenario's paths a refining sweep's first picture uses; null when it goes straight to the full count. */
export function firstPicturePaths(req: SweepRequest): number | null {
  const { inputs, spec } = req;
  if (!MONTE_CARLO_METRICS.has(spec.metric) || !(inputs.btcVolatilityPctPerYear > 0)) return null;
  const n = inputs.monteCarloPaths;
  return n >= FIRST_PICTURE_MIN_PATHS ? Math.min(Math.ceil(n / FIRST_PICTURE_SHARE), FIRST_PICTURE_MAX_PATHS) : null;
}

export class HeatmapRun {
  state: RunState = $state('running');
  error = $state('');
  /** The spec the grid belongs to. */
  spec: SweepSpec | null = $state.raw(null);
  /** The metric's grid, filled in place as rows arrive (watch `version`). */
  values: Float64Array | null = $state.raw(null);
  /** Rows of `values` computed for the current spec or an earlier one on the same grid. */
  filled: Uint8Array = $state.raw(new Uint8Array(0));
  /** Δ over the grid, for the breakeven line; null until known. */
  delta: Float64Array | null = $state.raw(null);
  color: MetricColor | null = $state.raw(null);
  /** Rows done of the running sweep. */
  rowsDone = $state(0);
  /** Bumped whenever `values` changes in place. */
  version = $state(0);
  /** Counts the sweeps started (tests wait for a newer one to finish). */
  runs = $state(0);
  /**
   * For a metric over the price paths: the paths of the pass running or last done (`paths`) of the
   * scenario's (`of`); `first` while the first picture is computed or shown.
   */
  paths: { paths: number; of: number; first: boolean } | null = $state.raw(null);

  readonly #pool: SweepPool;
  readonly #frames = new OncePerFrame<SweepRequest>((next) => {
    measure('frame-wait', this.#asked);
    this.#asked = 0;
    void this.#run(next);
  });
  #token = 0;
  /** When the first request waiting for the next frame came. */
  #asked = 0;

  constructor(pool: SweepPool = sweepPool) {
    this.#pool = pool;
  }

  /** Asks for a sweep; requests within one animation frame collapse into the last. */
  request(req: SweepRequest | null): void {
    if (req && !this.#asked) this.#asked = performance.now();
    this.#frames.request(req);
  }

  /** As request(), but a request when none ran since the last frame starts at once (OncePerFrame.requestNow). */
  requestNow(req: SweepRequest | null): void {
    if (req && !this.#asked) this.#asked = performance.now();
    this.#frames.requestNow(req);
  }

  dispose(): void {
    this.#frames.cancel();
    this.#token++;
  }

  async #run(req: SweepRequest): Promise<void> {
    const token = ++this.#token;
    const started = performance.now();
    this.runs++;
    const { spec } = req;
    const nx = spec.x.n;
    const ny = spec.y.n;
    const keep = sameGrid(this.spec, spec) && this.values !== null;
    // On the same grid the old picture stays until new rows paint over it: no flashing while a
    // slider moves. On a new grid it starts empty.
    const values = keep ? this.values! : new Float64Array(nx * ny).fill(NaN);
    const filled = keep ? this.filled : new Uint8Array(ny);
    if (!keep) this.delta = null;
    if (!keep || this.spec?.metric !== spec.metric || this.spec?.month !== spec.month) this.color = null;
    this.spec = spec;
    this.values = values;
    this.filled = filled;
    this.state = 'running';
    this.error = '';
    this.rowsDone = 0;
    const onRows = (block: { rowStart: number; rowEnd: number; values: Float64Array }) => {
      if (token !== this.#token) return;
      values.set(block.values, block.rowStart * nx);
      filled.fill(1, block.rowStart, block.rowEnd);
      this.rowsDone += block.rowEnd - block.rowStart;
      if (!this.color) this.color = timed('color', () => metricColor(spec.metric, block.values));
      this.version++;
    };
    const first = firstPicturePaths(req);
    const of = req.inputs.monteCarloPaths;
    this.paths =
      MONTE_CARLO_METRICS.has(spec.metric) && req.inputs.btcVolatilityPctPerYear > 0 ? { paths: first ?? of, of, first: !!first } : null;
    try {
      if (first) {
        const picture = await this.#pool.sweep({ inputs: { ...req.inputs, monteCarloPaths: first }, spec }, onRows);
        if (token !== this.#token) return;
        values.set(picture);
        this.color = metricColor(spec.metric, picture);
        this.version++;
        this.rowsDone = 0;
        this.paths = { paths: of, of, first: false };
      }
      const grid = await this.#pool.sweep(req, onRows);
      if (token !== this.#token) return;
      values.set(grid);
      measure('sweep', started);
      this.color = timed('color', () => metricColor(spec.metric, grid));
      this.version++;
      const delta = spec.metric === 'delta' ? grid : await this.#pool.sweep({ inputs: req.inputs, spec: { ...spec, metric: 'delta' } });
      if (token !== this.#token) return;
      this.delta = delta;
      this.state = 'done';
    } catch (error) {
      if (error instanceof SupersededError || token !== this.#token) return;
      this.state = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
