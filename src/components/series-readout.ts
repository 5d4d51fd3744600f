/**
 * A month's readout on a time-series chart (src/charts/series.ts): which month a pointer's x falls
 * in, where that month's guide goes, each line's value in that month as the chart draws it, and the
 * words of the readout. Month m spans [(m − 1)·M, m·M] seconds after the start (M = MONTH_SECONDS).
 */
import { utcFormat } from 'd3';
import { formatValue } from '../charts/format.ts';
import type { SeriesLine, SeriesPlot } from '../charts/series.ts';
import { MONTH_SECONDS } from '../model/keys.ts';

/** Slack for times that land on a month's boundary up to rounding. */
const EPS = 1e-9;

/** How many months the plot spans (a part month counts). */
export function plotMonths(plot: SeriesPlot): number {
  return Math.max(1, Math.ceil(plot.endSeconds / MONTH_SECONDS - EPS));
}

/** The month whose span holds x (SVG units), the earlier one on a boundary; x left or right of the plot gives the first or last month. */
export function monthAtX(x: number, plot: SeriesPlot): number {
  const months = ((x - plot.left) / plot.width) * (plot.endSeconds / MONTH_SECONDS);
  return Math.min(plotMonths(plot), Math.max(1, Math.ceil(months - EPS)));
}

/** The x (SVG units) of the middle of month `month`, where its guide goes. */
export function monthX(month: number, plot: SeriesPlot): number {
  return plot.left + (((month - 0.5) * MONTH_SECONDS) / plot.endSeconds) * plot.width;
}

/**
 * A line's value in month `month`, as the chart draws it: the line's point inside the month (a
 * monthly mean at mid-month, or a value at the month's start); for a step line, the value it holds
 * at the month's end. null where it has none, or a value that is not finite.
 */
export function lineValue(line: SeriesLine, month: number): number | null {
  let value: number | null = null;
  if (line.step) {
    for (const [s, v] of line.points) if (s / MONTH_SECONDS <= month + EPS) value = v;
  } else {
    const point = line.points.find(([s]) => Math.floor(s / MONTH_SECONDS + EPS) === month - 1);
    value = point ? point[1] : null;
  }
  return value !== null && Number.isFinite(value) ? value : null;
}

const CALENDAR = utcFormat('%b %Y');

export interface MonthReadout {
  /** "Month 18 · Jun 2028": the month's number and the calendar month of its middle. */
  heading: string;
  /** "hashprice: $45.2/PH/day", one per line, in the chart's unit; "none" where a line has no value. */
  lines: string[];
  /** The same words on one line, to be announced. */
  text: string;
}

/** The readout of month `month` for a chart's lines drawn in `unit` from `startMs` (ms since 1970, UTC). */
export function monthReadout(spec: { lines: readonly SeriesLine[]; unit: string; startMs: number }, month: number): MonthReadout {
  const heading = `Month ${month} · ${CALENDAR(new Date(spec.startMs + (month - 0.5) * MONTH_SECONDS * 1000))}`;
  const lines = spec.lines.map((line) => `${line.name}: ${formatValue(spec.unit, lineValue(line, month))}`);
  return { heading, lines, text: [heading, ...lines].join('; ') };
}

/**
 * The month a key moves to from `month` (null: none chosen yet) on a chart of `months` months:
 * ArrowRight/ArrowLeft one month (from none, the first or the last), Home the first, End the last,
 * Escape none. undefined for any other key (the key is not the chart's).
 */
export function monthAfterKey(key: string, month: number | null, months: number): number | null | undefined {
  switch (key) {
    case 'ArrowRight':
      return month === null ? 1 : Math.min(months, month + 1);
    case 'ArrowLeft':
      return month === null ? months : Math.max(1, month - 1);
    case 'Home':
      return 1;
    case 'End':
      return months;
    case 'Escape':
      return null;
    default:
      return undefined;
  }
}

/** The y (SVG units) at which the chart draws `value`: linear over the plot's height, held on its edges. */
export function valueY(value: number, plot: SeriesPlot): number {
  const [lo, hi] = plot.yDomain;
  const v = Math.min(hi, Math.max(lo, value));
  return plot.top + (hi > lo ? ((hi - v) / (hi - lo)) * plot.height : plot.height / 2);
}

type Size = { width: number; height: number };

/**
 * Where a readout `box` goes (its top left) in a `frame`, all in the frame's pixels, beside a guide at
 * `guide.x` whose points are at heights `guide.ys`: right of the guide with a gap, else left of it,
 * with its top at `guide.top`. Where it fits on neither side (a phone), centred on the guide at the
 * frame's top or its bottom, whichever covers fewer of the points (the top on a tie). Always inside
 * the frame, at its left and top edges when it is larger.
 */
export function placeReadout(guide: { x: number; ys: readonly number[]; top: number }, box: Size, frame: Size, gap = 10) {
  const inside = (v: number, room: number) => Math.max(0, Math.min(v, room));
  const [right, left] = [guide.x + gap, guide.x - gap - box.width];
  if (right + box.width <= frame.width || left >= 0) {
    return { left: right + box.width <= frame.width ? right : left, top: inside(guide.top, frame.height - box.height) };
  }
  // The points a box from `top` would cover, a dot's radius (4 px) around each.
  const covered = (top: number) => guide.ys.filter((y) => y >= top - 4 && y <= top + box.height + 4).length;
  const bottom = inside(frame.height - box.height, frame.height);
  return {
    left: inside(guide.x - box.width / 2, frame.width - box.width),
    top: covered(bottom) < covered(0) ? bottom : 0,
  };
}
