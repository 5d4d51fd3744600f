/**
 * `best`: the plan (pivot share × start month) with the highest NPV of the pivot path. The grid is
 * computed by the WASM kernel's sweep with the volatility taken as 0; src/model/best.ts chooses
 * the cell.
 */
import { loadKernelSync } from '../kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../kernel/sweep.ts';
import {
  DEFAULT_SHARE_RANGE,
  bestPlan,
  checkShareRange,
  checkStartRange,
  defaultStartRange,
  type BestPlan,
  type PlanRange,
} from '../model/best.ts';
import { axisValues, type Axis, type Metric, type SweepSpec } from '../model/sweep.ts';
import { CliError, FORMAT_OPTION, SCENARIO_HELP, SCENARIO_OPTIONS, formatOf, stringOption, type Command } from './args.ts';
import { loadScenarioInto, type LoadedScenario } from './input.ts';
import { objectsToCsv, toJson } from './output.ts';

const PLAN_FIELDS = [
  'pivotSharePct',
  'pivotStartMonth',
  'npvPivot',
  'delta',
  'deltaNow',
  'valueOfWaiting',
] as const satisfies readonly (keyof BestPlan)[];

/** `MIN:MAX:N` as numbers, or a problem naming the option. */
function parseRange(option: string, text: string): PlanRange | string {
  const parts = text.split(':');
  const num = (s: string) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s.trim()) ? Number(s) : NaN);
  const [min, max, n] = parts.map(num);
  if (parts.length !== 3 || [min, max, n].some(Number.isNaN)) return `${option}: expected MIN:MAX:N, got ${JSON.stringify(text)}`;
  return { min, max, n };
}

export const bestCommand: Command = {
  name: 'best',
  summary: 'the pivot share and start month with the highest NPV of the pivot path',
  help: `Usage: hashpivot best <scenario> [--share MIN:MAX:N] [--start MIN:MAX:N] [--format json|csv]

Searches pivot share (pivotSharePct, %) × pivot start month (pivotStartMonth) for the plan with
the highest NPV of the pivot path, and prints, in US dollars:
  {"pivotSharePct", "pivotStartMonth", "npvPivot", "delta", "deltaNow", "valueOfWaiting"}
delta is NPV(pivot) - NPV(keep mining) at the best plan; deltaNow the largest delta over the
shares with the conversion starting at month 0; valueOfWaiting = delta - deltaNow. Ties go to the
smaller share, then the earlier start. The search is deterministic: the volatility is taken as 0
(btcVolatilityPctPerYear plays no part), as in evaluate's npv and delta.
  --share MIN:MAX:N   N shares evenly spaced from MIN to MAX, within 0-100 %
                      (default 0:100:21: every 5 %); N = 1 with MIN = MAX searches one share
  --start MIN:MAX:N   N start months from MIN to MAX (whole months, rounded between them),
                      within 0 to the horizon's months - 1, at most one a month
                      (default 0:min(60, horizon months - 1): every month)
--format csv prints those names as the header and the plan as one row.

${SCENARIO_HELP}`,
  options: { ...SCENARIO_OPTIONS, ...FORMAT_OPTION, share: { type: 'string' }, start: { type: 'string' } },
  maxPositionals: 1,
  async run(ctx) {
    const { values } = ctx;
    const lines: string[] = [];
    let format: ReturnType<typeof formatOf> = 'json';
    try {
      format = formatOf(values);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      lines.push(...e.lines);
    }
    const ranges: Partial<Record<'share' | 'start', PlanRange>> = {};
    for (const name of ['share', 'start'] as const) {
      const text = stringOption(values, name);
      if (text === undefined) continue;
      const parsed = parseRange(`--${name}`, text);
      if (typeof parsed === 'string') lines.push(parsed);
      else ranges[name] = parsed;
    }
    const loaded = await loadScenarioInto(ctx, lines);
    const share = ranges.share ?? DEFAULT_SHARE_RANGE;
    lines.push(...checkShareRange('--share', share));
    const horizonYears = loaded?.inputs.horizonYears;
    const start = ranges.start ?? (horizonYears !== undefined ? defaultStartRange(horizonYears) : undefined);
    if (start && horizonYears !== undefined) lines.push(...checkStartRange('--start', start, horizonYears));
    if (lines.length > 0 || !loaded || !start) throw new CliError(lines);

    const plan = searchPlans(loaded, share, start);
    ctx.io.stdout(format === 'csv' ? objectsToCsv(PLAN_FIELDS, [plan]) : toJson(Object.fromEntries(PLAN_FIELDS.map((f) => [f, plan[f]]))));
  },
};

/** The kernel's sweeps over the plans, then the choice. */
function searchPlans({ inputs }: LoadedScenario, share: PlanRange, start: PlanRange): BestPlan {
  const deterministic = { ...inputs, btcVolatilityPctPerYear: 0 };
  const x: Axis = { key: 'pivotSharePct', ...share, log: false };
  const y: Axis = { key: 'pivotStartMonth', ...start, log: false };
  const sweeper = createSweeper(loadKernelSync());
  const grid = (metric: Metric, yAxis: Axis) => {
    const spec: SweepSpec = { x, y: yAxis, metric, month: 1 };
    return sweepGrid(sweeper, deterministic, spec);
  };
  const npvPivot = grid('npvPivot', y);
  const delta = grid('delta', y);
  const starts = axisValues(y);
  // Pivoting now is the start-0 row: swept on its own when the searched starts leave it out.
  const now = starts.includes(0) ? undefined : grid('delta', { ...y, min: 0, max: 0, n: 1 });
  return bestPlan({ shares: axisValues(x), starts, npvPivot, delta }, now);
}
