/**
 * `sweep`: a metric over a grid of two keys. This file parses and checks the axes and prints the
 * grid; the computation is the kernel's sweep (issue "Sweeps"), reached through `loadSweep`.
 */
import type { ModelInputs, ModelKey } from '../model/keys.ts';
import { PARAMS_BY_KEY, isModelKey } from '../model/registry.ts';
import { checkNumber, resolveInputs, suggestKey, type Scenario } from '../model/scenario.ts';
import { CliError, FORMAT_OPTION, SCENARIO_HELP, SCENARIO_OPTIONS, formatOf, stringOption, type Command } from './args.ts';
import { loadScenario } from './input.ts';
import { toCsv, toJson } from './output.ts';

export const SWEEP_METRICS = [
  'delta',
  'npvMine',
  'npvPivot',
  'irr',
  'paybackMonth',
  'breakevenLeaseRate',
  'breakevenBtcPrice',
  'hashprice',
  'securityBudget',
] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];

export interface SweepAxis {
  key: ModelKey;
  values: number[];
}

/** What the CLI hands the sweep. */
export interface SweepRequest {
  /** The scenario's inputs; each cell overrides the two axis keys. */
  base: ModelInputs;
  /** The cell's inputs, derived keys recomputed (e.g. hashrateEhs when startDifficulty varies). */
  cellInputs(x: number, y: number): ModelInputs;
  x: SweepAxis;
  y: SweepAxis;
  metric: SweepMetric;
  /** For hashprice and securityBudget: the month (1-based). */
  month: number;
}

/** The grid, x varying fastest: `values[j * x.length + i]` is the cell (x[i], y[j]); null = none. */
export type SweepRunner = (request: SweepRequest) => ArrayLike<number | null> | Promise<ArrayLike<number | null>>;

/** Most cells per axis. */
export const MAX_AXIS_CELLS = 2048;

/**
 * The sweep implementation, or null while it does not exist yet. Wiring a synchronous or async
 * `(request: SweepRequest) => values` is one line here.
 */
async function loadSweep(): Promise<SweepRunner | null> {
  return null;
}

/** Parses `KEY:MIN:MAX:N[:log]` into an axis; problems name the option. */
export function parseAxis(option: '--x' | '--y', text: string | undefined): SweepAxis | string[] {
  const form = `${option}: expected KEY:MIN:MAX:N or KEY:MIN:MAX:N:log`;
  if (text === undefined) return [`${option}: missing; ${form.slice(option.length + 2)}`];
  const parts = text.split(':');
  if (parts.length < 4 || parts.length > 5 || (parts.length === 5 && parts[4] !== 'log')) {
    return [`${form}, got ${JSON.stringify(text)}`];
  }
  const [key, minText, maxText, nText] = parts;
  const log = parts.length === 5;
  if (!isModelKey(key)) {
    const hint = suggestKey(key);
    return [`${option}: unknown key ${JSON.stringify(key)}${hint ? ` (did you mean ${hint}?)` : ''}; see \`hashpivot params\``];
  }
  const problems: string[] = [];
  const num = (label: string, t: string): number => {
    const v = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
    if (!Number.isFinite(v)) problems.push(`${option}: ${label} must be a finite number, got ${JSON.stringify(t)}`);
    return v;
  };
  const min = num('MIN', minText);
  const max = num('MAX', maxText);
  const n = /^\d+$/.test(nText) ? Number(nText) : NaN;
  if (!(n >= 1 && n <= MAX_AXIS_CELLS)) problems.push(`${option}: N must be a whole number from 1 to ${MAX_AXIS_CELLS}, got ${JSON.stringify(nText)}`);
  if (problems.length > 0) return problems;
  for (const [label, v] of [['MIN', min], ['MAX', max]] as const) {
    const p = checkNumber(key, v);
    if (p) problems.push(`${option}: ${label} ${p.message}`);
  }
  if (min > max) problems.push(`${option}: MIN (${min}) must not exceed MAX (${max})`);
  if (n > 1 && min === max) problems.push(`${option}: MIN equals MAX; use N = 1 for a single value`);
  if (log && !(min > 0)) problems.push(`${option}: a log axis needs MIN > 0, got ${min}`);
  if (problems.length > 0) return problems;
  const values = Array.from({ length: n }, (_, i) => {
    if (n === 1) return min;
    if (i === n - 1) return max;
    const t = i / (n - 1);
    return log ? min * (max / min) ** t : min + (max - min) * t;
  });
  if (PARAMS_BY_KEY[key].integer && values.some((v) => !Number.isInteger(v))) {
    return [`${option}: ${key} takes whole numbers; choose MIN, MAX and N so that every step is whole (e.g. ${key}:${min}:${max}:${max - min + 1})`];
  }
  return { key, values };
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'a metric over a grid of two keys',
  help: `Usage: hashpivot sweep <scenario> --x KEY:MIN:MAX:N[:log] --y KEY:MIN:MAX:N[:log]
                      --metric NAME [--month M] [--format csv|json]

Evaluates the scenario on an N×N grid: the x key takes N values from MIN to MAX (evenly spaced,
or geometrically with :log), likewise y; every other key comes from the scenario.
Metrics: ${SWEEP_METRICS.join(', ')}.
hashprice and securityBudget are those of month M (default 1).
CSV (the default): a header "<x key>,<y key>,<metric>", then one row per cell, x varying fastest;
an empty field where the value is none. JSON: {"x": {key, values}, "y": {key, values}, "metric",
"values": [...]} in the same order, null where none.

${SCENARIO_HELP}`,
  options: {
    ...SCENARIO_OPTIONS,
    ...FORMAT_OPTION,
    x: { type: 'string' },
    y: { type: 'string' },
    metric: { type: 'string' },
    month: { type: 'string' },
  },
  maxPositionals: 1,
  async run(ctx) {
    const { values } = ctx;
    const format = formatOf(values, 'csv');
    const problems: string[] = [];
    const x = parseAxis('--x', stringOption(values, 'x'));
    const y = parseAxis('--y', stringOption(values, 'y'));
    if (Array.isArray(x)) problems.push(...x);
    if (Array.isArray(y)) problems.push(...y);
    if (!Array.isArray(x) && !Array.isArray(y) && x.key === y.key) problems.push(`--y: must be another key than --x (${x.key})`);
    const metric = stringOption(values, 'metric');
    if (metric === undefined) problems.push(`--metric: missing; one of ${SWEEP_METRICS.join(', ')}`);
    else if (!(SWEEP_METRICS as readonly string[]).includes(metric)) {
      problems.push(`--metric: expected one of ${SWEEP_METRICS.join(', ')}, got ${JSON.stringify(metric)}`);
    }
    const monthText = stringOption(values, 'month');
    const month = monthText === undefined ? 1 : /^\d+$/.test(monthText) ? Number(monthText) : NaN;
    if (!Number.isSafeInteger(month) || month < 1) problems.push(`--month: expected a whole number of months from 1, got ${JSON.stringify(monthText)}`);

    let scenario: Scenario | undefined;
    let base: ModelInputs | undefined;
    try {
      ({ scenario, inputs: base } = loadScenario(ctx));
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      problems.push(...e.lines);
    }
    if (scenario && base && Number.isSafeInteger(month) && month > base.horizonYears * 12) {
      problems.push(`--month: expected a month from 1 to ${base.horizonYears * 12} (the horizon), got ${month}`);
    }
    if (problems.length > 0) throw new CliError(problems);
    const xa = x as SweepAxis;
    const ya = y as SweepAxis;

    // Every cell must be a valid scenario too. Each axis lies within its key's range (checked
    // above); the one rule across keys is the epoch rule.
    const s = scenario as Scenario;
    const along = (key: ModelKey, fallback: number | undefined): (number | undefined)[] =>
      xa.key === key ? xa.values : ya.key === key ? ya.values : [fallback];
    const heights = along('startHeight', (base as ModelInputs).startHeight);
    const elapsed = along('epochElapsedSeconds', s.epochElapsedSeconds);
    const bad = heights.find((h) => h !== undefined && h % 2016 === 0 && elapsed.some((e) => e !== undefined && e !== 0));
    if (bad !== undefined) {
      throw new CliError(
        `sweep: epochElapsedSeconds must be 0 when startHeight mod 2016 = 0, but the grid pairs startHeight ${bad} with a nonzero epochElapsedSeconds`,
      );
    }

    const runner = await loadSweep();
    if (!runner) throw new CliError('sweep: not yet available in this build (the sweep kernel is still being written); use evaluate for single scenarios');
    const grid = await runner({
      base: base as ModelInputs,
      cellInputs: (xv, yv) => resolveInputs({ ...s, [xa.key]: xv, [ya.key]: yv }),
      x: xa,
      y: ya,
      metric: metric as SweepMetric,
      month,
    });
    const cells = Array.from(grid, (v) => (v === null || Number.isNaN(v) ? null : v));
    if (format === 'json') {
      ctx.io.stdout(toJson({ x: xa, y: ya, metric, values: cells }));
      return;
    }
    const rows: unknown[][] = [];
    ya.values.forEach((yv, j) => xa.values.forEach((xv, i) => rows.push([xv, yv, cells[j * xa.values.length + i]])));
    ctx.io.stdout(toCsv([xa.key, ya.key, metric as string], rows));
  },
};
