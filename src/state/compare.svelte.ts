/**
 * Two saved scenarios side by side: the keys where they differ, and what each comes to (NPVs, Δ,
 * breakevens; IRR and paybacks), evaluated on the worker pool, with the difference B − A, and both
 * evaluations for a chart of their cumulative Δ.
 */
import { formatValue, money } from '../charts/format.ts';
import type { Evaluation } from '../model/results.ts';
import { PARAMS_BY_KEY, SCENARIO_KEYS, TEXT_PARAMS_BY_KEY, isModelKey, isTextKey } from '../model/registry/index.ts';
import { resolveInputs } from '../model/scenario/resolve.ts';
import type { Scenario } from '../model/scenario/types.ts';
import { sweepPool, type SweepPool } from '../worker/pool.ts';
import { getScenario } from './store.ts';

export interface DiffRow {
  key: string;
  label: string;
  a: string;
  b: string;
}

/** Not compared: the name heads its column, the notes are prose. */
const SKIPPED = new Set(['version', 'name', 'notes']);

/** Both values in the key's unit; in full where the short forms would print alike. */
function shownPair(key: string, a: number | string, b: number | string): [string, string] {
  if (typeof a === 'string' || typeof b === 'string' || !isModelKey(key)) return [String(a), String(b)];
  const unit = PARAMS_BY_KEY[key].unit;
  const [fa, fb] = [formatValue(unit, a, { sig: 6 }), formatValue(unit, b, { sig: 6 })];
  return fa !== fb ? [fa, fb] : [String(a), String(b)];
}

/** The keys whose resolved values differ (derived keys as the model sees them). */
export function diffScenarios(a: Scenario, b: Scenario): DiffRow[] {
  const ra = resolveInputs(a);
  const rb = resolveInputs(b);
  const rows: DiffRow[] = [];
  for (const key of SCENARIO_KEYS) {
    if (SKIPPED.has(key)) continue;
    let va: number | string;
    let vb: number | string;
    let label: string;
    if (isModelKey(key)) {
      [va, vb, label] = [ra[key], rb[key], PARAMS_BY_KEY[key].label];
    } else if (isTextKey(key)) {
      const d = TEXT_PARAMS_BY_KEY[key].default;
      [va, vb, label] = [a[key] ?? d, b[key] ?? d, TEXT_PARAMS_BY_KEY[key].label];
    } else continue;
    if (Object.is(va, vb)) continue;
    const [sa, sb] = shownPair(key, va, vb);
    rows.push({ key, label, a: sa, b: sb });
  }
  return rows;
}

export interface ResultRow {
  key: string;
  label: string;
  a: string;
  b: string;
  diff: string;
}

const lease = (v: number) => formatValue('USD/kW-month', v, { sig: 4 });
const usd = (v: number) => formatValue('USD', v, { sig: 4 });
const RESULTS: { key: string; label: string; get: (e: Evaluation) => number | null; fmt: (v: number) => string }[] = [
  { key: 'npvMine', label: 'NPV, keep mining', get: (e) => e.npv.mine, fmt: money },
  { key: 'npvPivot', label: 'NPV, pivot', get: (e) => e.npv.pivot, fmt: money },
  { key: 'delta', label: 'Δ (pivot − mining)', get: (e) => e.delta, fmt: money },
  { key: 'breakevenLeaseRate', label: 'Breakeven lease rate', get: (e) => e.breakeven.leaseRate, fmt: lease },
  { key: 'breakevenBtcPrice', label: 'Breakeven BTC price', get: (e) => e.breakeven.btcPrice, fmt: usd },
];

const months = (v: number) => `month ${Math.round(v)}`;
/** A difference in months, with the page's minus sign. */
const monthsDiff = (d: number) => `${Math.round(d) < 0 ? '\u2212' : ''}${Math.abs(Math.round(d))} months`;
const TIMING: typeof RESULTS = [
  { key: 'irr', label: "IRR of the pivot's extra cash flows", get: (e) => e.irr, fmt: (v) => formatValue('fraction per year', v) },
  { key: 'paybackMonth', label: 'Payback', get: (e) => e.paybackMonth, fmt: months },
  { key: 'discountedPaybackMonth', label: 'Payback, discounted', get: (e) => e.discountedPaybackMonth, fmt: months },
];
const timingDiff: Record<string, (d: number) => string> = {
  irr: (d) => formatValue('fraction per year', d),
  paybackMonth: (d) => monthsDiff(d),
  discountedPaybackMonth: (d) => monthsDiff(d),
};

/** IRR and the paybacks of both, and B − A where both exist (a payback B reaches 3 months later: +3 months). */
export function timingRows(a: Evaluation, b: Evaluation): ResultRow[] {
  return TIMING.map(({ key, label, get, fmt }) => {
    const [va, vb] = [get(a), get(b)];
    const d = va === null || vb === null ? null : vb - va;
    const shown = d === null ? '—' : timingDiff[key]!(d);
    const diff = d !== null && d > 0 && shown !== timingDiff[key]!(0) ? `+${shown}` : shown;
    return { key, label, a: va === null ? 'none' : fmt(va), b: vb === null ? 'none' : fmt(vb), diff };
  });
}

/** The two sides' names as columns and keys show them: "Untitled" for none, "(A)"/"(B)" added only when they are the same. */
export function columnNames(names: readonly [string, string]): [string, string] {
  const [a, b] = [names[0] || 'Untitled', names[1] || 'Untitled'];
  return a === b ? [`${a} (A)`, `${b} (B)`] : [a, b];
}

/** The results of both, and B − A where both exist. */
export function resultRows(a: Evaluation, b: Evaluation): ResultRow[] {
  return RESULTS.map(({ key, label, get, fmt }) => {
    const [va, vb] = [get(a), get(b)];
    const d = va === null || vb === null ? null : vb - va;
    // A sign only where the difference shows: a breakeven solved twice may differ by 1e-9.
    const diff = d === null ? '—' : `${d > 0 && fmt(d) !== fmt(0) ? '+' : ''}${fmt(d)}`;
    return { key, label, a: va === null ? 'none' : fmt(va), b: vb === null ? 'none' : fmt(vb), diff };
  });
}

export class Comparison {
  a = $state('');
  b = $state('');
  state: 'idle' | 'running' | 'done' | 'error' = $state('idle');
  error = $state('');
  names: [string, string] = $state.raw(['', '']);
  diff: DiffRow[] = $state.raw([]);
  results: ResultRow[] = $state.raw([]);
  /** IRR and paybacks (timingRows). */
  timing: ResultRow[] = $state.raw([]);
  /** Both evaluations and scenarios, for the chart. */
  evaluations: [Evaluation, Evaluation] | null = $state.raw(null);
  scenarios: [Scenario, Scenario] | null = $state.raw(null);

  readonly #pool: SweepPool;
  #token = 0;

  constructor(pool: SweepPool = sweepPool) {
    this.#pool = pool;
  }

  /** Chooses a side; once both are chosen, loads and evaluates them. */
  async choose(side: 'a' | 'b', id: string): Promise<void> {
    this[side] = id;
    const token = ++this.#token;
    if (!this.a || !this.b) {
      this.state = 'idle';
      return;
    }
    this.state = 'running';
    try {
      const [ra, rb] = await Promise.all([getScenario(this.a), getScenario(this.b)]);
      if (ra.status !== 'found' || rb.status !== 'found')
        throw new Error('one of the two scenarios cannot be read (deleted, or saved by a newer hashpivot)');
      const [ea, eb] = await Promise.all([
        this.#pool.evaluate(resolveInputs(ra.record.scenario)),
        this.#pool.evaluate(resolveInputs(rb.record.scenario)),
      ]);
      if (token !== this.#token) return;
      this.names = [ra.record.name, rb.record.name];
      this.diff = diffScenarios(ra.record.scenario, rb.record.scenario);
      this.results = resultRows(ea, eb);
      this.timing = timingRows(ea, eb);
      this.evaluations = [ea, eb];
      this.scenarios = [ra.record.scenario, rb.record.scenario];
      this.state = 'done';
      this.error = '';
    } catch (error) {
      if (token !== this.#token) return;
      this.state = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
