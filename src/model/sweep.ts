/**
 * A sweep's specification: two axes over registry keys, a metric, a month. Parsed and checked
 * here, at the door, so the kernel only ever sees valid grids.
 */
import { PARAMS_BY_KEY, isModelKey } from './registry/index.ts';
import type { ModelInputs, ModelKey } from './keys.ts';
import type { Problem } from './scenario/types.ts';

/** The sweep's metrics, in the kernel's numbering (assembly/sweep.ts METRIC_*). */
export const METRICS = [
  'delta',
  'npvMine',
  'npvPivot',
  'irr',
  'paybackMonth',
  'breakevenLeaseRate',
  'breakevenBtcPrice',
  'hashprice',
  'securityBudget',
  'attackHardware',
  'attackPowerPerHour',
  'attackRewardPerHour',
  'probPivotWins',
  'deltaMean',
  'deltaP5',
  'deltaP50',
  'deltaP95',
] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_UNITS: Record<Metric, string> = {
  delta: 'USD',
  npvMine: 'USD',
  npvPivot: 'USD',
  irr: 'fraction per year',
  paybackMonth: 'month',
  breakevenLeaseRate: 'USD/kW-month',
  breakevenBtcPrice: 'USD',
  hashprice: 'USD/PH/day',
  securityBudget: 'USD/day',
  attackHardware: 'USD',
  attackPowerPerHour: 'USD/hour',
  attackRewardPerHour: 'USD/hour',
  probPivotWins: 'fraction',
  deltaMean: 'USD',
  deltaP5: 'USD',
  deltaP50: 'USD',
  deltaP95: 'USD',
};

/** The metrics of one month of the network (`--month`). */
export const MONTH_METRICS: ReadonlySet<Metric> = new Set<Metric>([
  'hashprice',
  'securityBudget',
  'attackHardware',
  'attackPowerPerHour',
  'attackRewardPerHour',
]);

/** The metrics over the scenario's price paths (the deterministic value when the volatility is 0). */
export const MONTE_CARLO_METRICS: ReadonlySet<Metric> = new Set<Metric>(['probPivotWins', 'deltaMean', 'deltaP5', 'deltaP50', 'deltaP95']);

export const MIN_POINTS = 2;
export const MAX_POINTS = 2048;

export interface Axis {
  key: ModelKey;
  min: number;
  max: number;
  n: number;
  log: boolean;
}

export interface SweepSpec {
  x: Axis;
  y: Axis;
  metric: Metric;
  /** 1-based month for the month metrics (MONTH_METRICS). */
  month: number;
}

/** The values of an axis: evenly spaced (or evenly in log), whole numbers rounded for whole-number keys. */
export function axisValues(axis: Axis): Float64Array {
  const out = new Float64Array(axis.n);
  const integer = PARAMS_BY_KEY[axis.key].integer;
  for (let i = 0; i < axis.n; i++) {
    const f = i / (axis.n - 1);
    let v = axis.log ? Math.exp(Math.log(axis.min) + f * (Math.log(axis.max) - Math.log(axis.min))) : axis.min + f * (axis.max - axis.min);
    if (i === 0) v = axis.min;
    if (i === axis.n - 1) v = axis.max;
    out[i] = integer ? Math.round(v) : v;
  }
  return out;
}

/** Whether an axis's values (whole numbers rounded) repeat one. */
function repeats(axis: Axis): boolean {
  const values = axisValues(axis);
  for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]) return true;
  return false;
}

/**
 * The most points an axis from its min to its max can have without repeating a value: n for a
 * key that takes any number or when none repeats; fewer for a whole-number key whose points round
 * onto the same number (horizonYears 1 to 2 in 5 points: 1, 1, 2, 2, 2 — 2 fit).
 */
export function distinctPoints(axis: Axis): number {
  if (!PARAMS_BY_KEY[axis.key].integer || !repeats(axis)) return axis.n;
  let n = Math.min(axis.n - 1, Math.round(axis.max) - Math.round(axis.min) + 1);
  while (n >= MIN_POINTS && repeats({ ...axis, n })) n--;
  return n;
}

/** The problem of a valid axis of a whole-number key whose points would repeat a value, or null. */
function repeatProblem(name: 'x' | 'y', axis: Axis): Problem | null {
  const fit = distinctPoints(axis);
  if (fit >= axis.n) return null;
  const values = [...axisValues(axis)];
  const shown = values.length > 6 ? `${values.slice(0, 6).join(', ')}, …` : values.join(', ');
  const what = `${name}: ${axis.key} takes whole numbers, so ${axis.n} points from ${axis.min} to ${axis.max} would repeat values (${shown})`;
  const text = `${axis.key}:${axis.min}:${axis.max}:${fit}${axis.log ? ':log' : ''}`;
  return {
    key: name,
    message:
      fit >= MIN_POINTS ? `${what}; at most ${fit} distinct values fit (${text})` : `${what}; the range holds one whole number, widen it`,
  };
}

/**
 * Checks an axis against the registry: key, range inside the key's own, 2–2048 points, log > 0,
 * and no value repeated on a whole-number key (see distinctPoints). `texts`, the parts as
 * written, are quoted for a part that is not a number (never "got NaN").
 */
export function checkAxis(
  name: 'x' | 'y',
  axis: { key: string; min: number; max: number; n: number; log?: boolean },
  texts?: { min: string; max: string; n: string },
): Problem[] {
  const problems: Problem[] = [];
  const got = (part: 'min' | 'max' | 'n', v: number) => (Number.isNaN(v) && texts ? JSON.stringify(texts[part]) : String(v));
  if (!isModelKey(axis.key)) {
    return [{ key: name, message: `${name}: unknown key "${axis.key}"; an axis is one of the numeric scenario keys (see \`params\`)` }];
  }
  const p = PARAMS_BY_KEY[axis.key];
  for (const [label, v] of [
    ['min', axis.min],
    ['max', axis.max],
  ] as const) {
    if (!Number.isFinite(v) || v < p.min || v > p.max) {
      problems.push({
        key: name,
        message: `${name}: ${label} of ${axis.key} must be a number in [${p.min}, ${p.max}] ${p.unit}, got ${got(label, v)}`,
      });
    }
  }
  if (problems.length === 0 && !(axis.min < axis.max)) {
    problems.push({ key: name, message: `${name}: min must be below max, got ${axis.min}..${axis.max}` });
  }
  if (!Number.isInteger(axis.n) || axis.n < MIN_POINTS || axis.n > MAX_POINTS) {
    problems.push({
      key: name,
      message: `${name}: the number of points must be a whole number in [${MIN_POINTS}, ${MAX_POINTS}], got ${got('n', axis.n)}`,
    });
  }
  if (axis.log && !(axis.min > 0)) {
    problems.push({ key: name, message: `${name}: a logarithmic axis needs min > 0, got ${axis.min}` });
  }
  if (problems.length === 0) {
    const repeated = repeatProblem(name, { ...axis, log: axis.log ?? false } as Axis);
    if (repeated) problems.push(repeated);
  }
  return problems;
}

/** The parts of `KEY:MIN:MAX:N[:log]` as numbers (NaN where one is not), or null when it is not of that form. */
function readAxis(text: string): { axis: { key: string; min: number; max: number; n: number; log: boolean }; texts: string[] } | null {
  const parts = text.split(':');
  if (parts.length < 4 || parts.length > 5 || (parts.length === 5 && parts[4] !== 'log')) return null;
  const [key, min, max, n] = parts;
  const num = (s: string) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s.trim()) ? Number(s) : NaN);
  return { axis: { key, min: num(min), max: num(max), n: num(n), log: parts.length === 5 }, texts: parts };
}

/** Parses `KEY:MIN:MAX:N[:log]` (the CLI's and the URL's axis form). */
export function parseAxis(name: 'x' | 'y', text: string): { ok: true; axis: Axis } | { ok: false; problems: Problem[] } {
  const read = readAxis(text);
  if (!read) return { ok: false, problems: [{ key: name, message: `--${name}: expected KEY:MIN:MAX:N[:log], got "${text}"` }] };
  const [, min, max, n] = read.texts;
  const problems = checkAxis(name, read.axis, { min, max, n });
  return problems.length ? { ok: false, problems } : { ok: true, axis: read.axis as Axis };
}

/**
 * An axis text whose only fault is a whole-number key's repeated values, with N reduced to the
 * distinct values that fit (`horizonYears:1:2:5` → `horizonYears:1:2:2`); null for any other
 * text. What a version-1 link's axis becomes (src/model/url/migrations.ts).
 */
export function reduceRepeats(name: 'x' | 'y', text: string): { text: string; n: number; fit: number } | null {
  const read = readAxis(text);
  if (!read) return null;
  const [key, min, max, n] = read.texts;
  const problems = checkAxis(name, read.axis, { min, max, n });
  if (problems.length !== 1 || !isModelKey(key)) return null;
  const repeated = repeatProblem(name, read.axis as Axis);
  if (repeated?.message !== problems[0].message) return null;
  const fit = distinctPoints(read.axis as Axis);
  if (fit < MIN_POINTS) return null;
  return { text: [key, min, max, String(fit), ...read.texts.slice(4)].join(':'), n: read.axis.n, fit };
}

export function checkSweep(spec: { x: Axis; y: Axis; metric: string; month: number }, horizonYears: number): Problem[] {
  const problems = [...checkAxis('x', spec.x), ...checkAxis('y', spec.y)];
  if (problems.length === 0 && spec.x.key === spec.y.key) {
    problems.push({ key: 'y', message: `y: the two axes must be different keys, both are ${spec.x.key}` });
  }
  if (!(METRICS as readonly string[]).includes(spec.metric)) {
    problems.push({ key: 'metric', message: `metric: must be one of ${METRICS.join(', ')}; got "${spec.metric}"` });
  }
  // The month must exist in every cell: a horizon axis shortens some.
  const horizonAxis = [spec.x, spec.y].find((a) => a.key === 'horizonYears');
  const months = 12 * (horizonAxis ? Math.round(horizonAxis.min) : horizonYears);
  if (!Number.isInteger(spec.month) || spec.month < 1 || spec.month > months) {
    problems.push({ key: 'month', message: `month: must be a whole number in [1, ${months}] (the horizon's months), got ${spec.month}` });
  }
  return problems;
}

/**
 * Inputs for a sweep: as resolveInputs gives them, but a derived default the scenario did not set
 * becomes −1 so the kernel derives it per cell (sweeping startDifficulty moves the hashrate too).
 */
export function sweepInputs(inputs: ModelInputs, explicit: { hashrateEhs: boolean; epochElapsedSeconds: boolean }): ModelInputs {
  return {
    ...inputs,
    hashrateEhs: explicit.hashrateEhs ? inputs.hashrateEhs : -1,
    epochElapsedSeconds: explicit.epochElapsedSeconds ? inputs.epochElapsedSeconds : -1,
  };
}
