/**
 * `sweep`: a metric over a grid of two keys. The axes are parsed and checked by src/model/sweep.ts
 * (shared with the URL codec), the grid is computed by the WASM kernel's sweep; this file reads
 * the arguments and prints the grid.
 */
import { loadKernelSync } from '../kernel/load-node.ts';
import { createSweeper } from '../kernel/sweep.ts';
import type { ModelKey } from '../model/keys.ts';
import type { Problem } from '../model/scenario/types.ts';
import {
  METRICS,
  MONTE_CARLO_METRICS,
  MONTH_METRICS,
  axisValues,
  checkSweep,
  parseAxis,
  sweepInputs,
  type Axis,
  type Metric,
} from '../model/sweep.ts';
import { CliError, FORMAT_OPTION, SCENARIO_HELP, SCENARIO_OPTIONS, formatOf, stringOption, type Command, type Io } from './args.ts';
import { loadScenarioInto } from './input.ts';
import { wrap } from './output.ts';
import { streamSweep, type GridSink } from './stream.ts';

/** Most often progress is redrawn, in milliseconds. */
const PROGRESS_MS = 250;

/**
 * Where the grid goes: stdout, each block awaited until drained, and on a terminal's stderr a
 * progress line redrawn in place and cleared at the end.
 */
function gridSink(io: Io): GridSink {
  const write = io.stdoutDrained ?? ((text: string) => io.stdout(text));
  if (!io.stderrIsTTY) return { write };
  let shown = 0;
  return {
    write,
    progress(done, rows) {
      const now = Date.now();
      if (done === rows) {
        if (shown > 0) io.stderr('\r\x1b[2K');
      } else if (now - shown >= PROGRESS_MS) {
        shown = now;
        io.stderr(`\rsweep: ${done} of ${rows} rows (${Math.floor((100 * done) / rows)} %)`);
      }
    },
  };
}

/** A sweep problem as a CLI line, naming the option (`--x: …`). */
function optionLine(p: Problem): string {
  const option = `--${p.key}`;
  if (p.message.startsWith(`${option}:`)) return p.message;
  return p.message.startsWith(`${p.key}:`) ? `${option}:${p.message.slice(p.key.length + 1)}` : `${option}: ${p.message}`;
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'a metric over a grid of two keys',
  help: `Usage: hashpivot sweep <scenario> --x KEY:MIN:MAX:N[:log] --y KEY:MIN:MAX:N[:log]
                      --metric NAME [--month M] [--format csv|json]

Evaluates the scenario on a grid: the x key takes N values from MIN to MAX (evenly spaced, or
geometrically with :log; whole-number keys rounded, never onto a repeated value), likewise y; every other key comes from the
scenario, and keys derived by default (hashrateEhs, epochElapsedSeconds) are derived per cell.
${wrap(`Metrics: ${METRICS.join(', ')}.`)}
${wrap(`${[...MONTH_METRICS].join(', ')} are those of month M (default 1).`)}
${wrap(
  `${[...MONTE_CARLO_METRICS].join(', ')} are over the scenario's BTC price paths (monteCarloPaths ` +
    'paths from monteCarloSeed, the same paths in every cell); with btcVolatilityPctPerYear 0 they take ' +
    'the deterministic values (probPivotWins is 1 where delta > 0, else 0; the others equal delta). ' +
    "The other metrics are the deterministic model's.",
)}
CSV (the default): a header "<x key>,<y key>,<metric>", then one row per cell, x varying fastest;
an empty field where the value is none. JSON: {"x": {key, values}, "y": {key, values}, "metric",
"values": [...]} in the same order, null where none. The grid is written as it is computed, a
block of rows at a time; on a terminal, stderr shows the progress.

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
    const lines: string[] = [];
    const axes: Partial<Record<'x' | 'y', Axis>> = {};
    for (const name of ['x', 'y'] as const) {
      const text = stringOption(values, name);
      if (text === undefined) {
        lines.push(`--${name}: missing; expected KEY:MIN:MAX:N or KEY:MIN:MAX:N:log`);
        continue;
      }
      const parsed = parseAxis(name, text);
      if (parsed.ok) axes[name] = parsed.axis;
      else lines.push(...parsed.problems.map(optionLine));
    }
    const metric = stringOption(values, 'metric');
    if (metric === undefined) lines.push(`--metric: missing; one of ${METRICS.join(', ')}`);
    const monthText = stringOption(values, 'month') ?? '1';
    const month = /^\d+$/.test(monthText) ? Number(monthText) : NaN;

    const loaded = await loadScenarioInto(ctx, lines);
    const { x, y } = axes;
    if (x && y && metric !== undefined && loaded) {
      const spec = { x, y, metric, month };
      // A month that is not a whole number is checked as NaN and shown as it was typed.
      const shown = (p: Problem): Problem =>
        p.key === 'month' && Number.isNaN(month) ? { ...p, message: p.message.replace(/got NaN$/, `got ${JSON.stringify(monthText)}`) } : p;
      lines.push(...checkSweep(spec, loaded.inputs.horizonYears).map((p) => optionLine(shown(p))));
    }
    if (lines.length > 0 || !x || !y || !loaded) throw new CliError(lines);

    // Every cell must be a valid scenario. Each axis lies within its key's range (checked above);
    // the one rule across keys is the epoch rule.
    const { scenario, inputs } = loaded;
    const along = (key: ModelKey, fallback: number | undefined): (number | undefined)[] =>
      x.key === key ? [...axisValues(x)] : y.key === key ? [...axisValues(y)] : [fallback];
    const heights = along('startHeight', inputs.startHeight);
    const elapsed = along('epochElapsedSeconds', scenario.epochElapsedSeconds);
    const bad = heights.find((h) => h !== undefined && h % 2016 === 0 && elapsed.some((e) => e !== undefined && e !== 0));
    if (bad !== undefined) {
      throw new CliError(
        `--x/--y: epochElapsedSeconds must be 0 when startHeight mod 2016 = 0, but the grid pairs startHeight ${bad} with a nonzero epochElapsedSeconds`,
      );
    }

    const spec = { x, y, metric: metric as Metric, month };
    const explicit = (key: 'hashrateEhs' | 'epochElapsedSeconds') => scenario[key] !== undefined || x.key === key || y.key === key;
    const base = sweepInputs(inputs, { hashrateEhs: explicit('hashrateEhs'), epochElapsedSeconds: explicit('epochElapsedSeconds') });
    const sweeper = createSweeper(loadKernelSync());
    sweeper.begin(base, spec);
    await streamSweep(spec, format, (start, end) => sweeper.rows(start, end), gridSink(ctx.io));
  },
};
