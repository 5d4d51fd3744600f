/**
 * CSV of results: the sweep grid and the monthly series. Numbers as JavaScript prints them
 * (shortest round trip); none (null, NaN, ±Infinity) is an empty field; text fields are quoted
 * when they hold a comma, a quote or a line break. Lines end with \n, and the file with one.
 *
 * A text field never starts a spreadsheet formula: text starting with `=`, `+`, `-`, `@`, a tab
 * or a carriage return (the characters OWASP's CSV-injection guidance lists) gets a leading `'`,
 * which spreadsheets show as text. Numbers are numbers, never text: `-123` stays `-123`.
 *
 * Two headers: the CLI's (`<x key>,<y key>,<metric>` for a sweep, the month field
 * names for a projection, `month,mine,pivot,delta` for cash flows), which is a public format and
 * stays exactly as it is, and with `{units: true}` the download's, where each column that has a
 * unit names it: `leaseUsdPerKwMonth (USD/kW-month),btcPriceUsd (USD),delta (USD)`.
 */
import { MONTH_FIELDS, type Evaluation, type MonthRow, type Projection } from './results.ts';
import { PARAMS_BY_KEY } from './registry/index.ts';
import { METRIC_UNITS, axisValues, type SweepSpec } from './sweep.ts';

export interface CsvOptions {
  /** Units in the header, `name (unit)`: the download's header rather than the CLI's. */
  units?: boolean;
}

/** The first characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: empty for none, a formula-looking text defused with a leading `'`, quoted when needed. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const raw = String(value);
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text: a header of `columns`, then one line per row. */
export function toCsv(columns: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/** `name (unit)`, or `name` when there is no unit or units are off. */
export function withUnit(name: string, unit: string, units: boolean | undefined): string {
  return units && unit !== '' ? `${name} (${unit})` : name;
}

/**
 * The sweep grid, one row per cell, x varying fastest; `values` in that order (the kernel's
 * Float64Array with NaN for none, or numbers and nulls).
 */
export function sweepCsv(spec: SweepSpec, values: ArrayLike<number | null>, options: CsvOptions = {}): string {
  const xs = axisValues(spec.x);
  const ys = axisValues(spec.y);
  if (values.length !== xs.length * ys.length) {
    throw new Error(`sweepCsv: expected ${xs.length} × ${ys.length} = ${xs.length * ys.length} values, got ${values.length}`);
  }
  const header = [
    withUnit(spec.x.key, PARAMS_BY_KEY[spec.x.key].unit, options.units),
    withUnit(spec.y.key, PARAMS_BY_KEY[spec.y.key].unit, options.units),
    withUnit(spec.metric, METRIC_UNITS[spec.metric], options.units),
  ];
  function* rows(): Generator<unknown[]> {
    for (let j = 0; j < ys.length; j++) for (let i = 0; i < xs.length; i++) yield [xs[i], ys[j], values[j * xs.length + i]];
  }
  return toCsv(header, rows());
}

/** Each month field's unit ('' for none). */
const MONTH_UNITS: Record<(typeof MONTH_FIELDS)[number], string> = {
  month: '',
  endHeight: 'block',
  difficulty: '',
  hashrateEhs: 'EH/s',
  blocks: 'blocks',
  btcIssued: 'BTC',
  feesBtc: 'BTC',
  btcPriceUsd: 'USD',
  hashpriceUsdPerPhDay: 'USD/PH/day',
  securityBudgetUsdPerDay: 'USD/day',
  attackHardwareUsd: 'USD',
  attackPowerUsdPerHour: 'USD/hour',
  attackRewardUsdPerHour: 'USD/hour',
  targetHashrateEhs: 'EH/s',
  marginalHashcostUsdPerPhDay: 'USD/PH/day',
};

/** The month fields in the order of the public CLI contract (README), with their units. */
export const MONTH_COLUMNS: readonly { key: keyof MonthRow; unit: string }[] = MONTH_FIELDS.map((key) => ({ key, unit: MONTH_UNITS[key] }));

/** The projection's months (the CLI's `project --format csv` with units off). */
export function projectionCsv(projection: Projection, options: CsvOptions = {}): string {
  return toCsv(
    MONTH_COLUMNS.map((c) => withUnit(c.key, c.unit, options.units)),
    projection.months.map((m) => MONTH_COLUMNS.map((c) => m[c.key])),
  );
}

/** The monthly cash flows (the CLI's `evaluate --format csv` with units off): month,mine,pivot,delta. */
export function cashFlowsCsv(evaluation: Evaluation, options: CsvOptions = {}): string {
  const { mine, pivot } = evaluation.cashFlows;
  const n = Math.max(mine.length, pivot.length);
  const rows = Array.from({ length: n }, (_, i) => [i + 1, mine[i], pivot[i], delta(mine[i], pivot[i])]);
  return toCsv(['month', ...['mine', 'pivot', 'delta'].map((c) => withUnit(c, 'USD', options.units))], rows);
}

function delta(mine: number | undefined, pivot: number | undefined): number | null {
  return mine === undefined || pivot === undefined ? null : pivot - mine;
}

/**
 * The download of the monthly series: every month field and the month's cash flows of both
 * paths and their difference (`cashFlowMine`, `cashFlowPivot`, `cashFlowDelta`, pivot − mine),
 * units in the header by default. A month without a cash flow (or past the projection) is empty.
 */
export function monthlyCsv(projection: Projection, evaluation?: Evaluation, options: CsvOptions = { units: true }): string {
  const mine = evaluation?.cashFlows.mine ?? [];
  const pivot = evaluation?.cashFlows.pivot ?? [];
  const n = Math.max(projection.months.length, evaluation ? mine.length : 0, evaluation ? pivot.length : 0);
  const header = MONTH_COLUMNS.map((c) => withUnit(c.key, c.unit, options.units));
  if (evaluation) header.push(...['cashFlowMine', 'cashFlowPivot', 'cashFlowDelta'].map((c) => withUnit(c, 'USD', options.units)));
  const rows = Array.from({ length: n }, (_, i) => {
    const m = projection.months[i];
    const row: unknown[] = MONTH_COLUMNS.map((c) => (c.key === 'month' ? i + 1 : m?.[c.key]));
    if (evaluation) row.push(mine[i], pivot[i], delta(mine[i], pivot[i]));
    return row;
  });
  return toCsv(header, rows);
}
