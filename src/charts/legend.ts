/**
 * The colour legend: a ramp with ticks in the metric's unit, the "none" swatch when some cells
 * have no value, and for Δ which side wins.
 */
import { scaleLinear } from 'd3';
import { chooseTicks } from './axis.ts';
import { NONE_COLOR, type MetricColor } from './color.ts';
import { tickFormat } from './format.ts';
import { el, num, text, textWidth } from './svg.ts';

export interface LegendSpec {
  color: MetricColor;
  unit: string;
  title: string;
  /** Width of the ramp, px. */
  width: number;
  /** Draw the "none" swatch. */
  hasNone: boolean;
  /** Captions under the two ends (Δ: which path wins). */
  ends?: [string, string];
  /** Unique per page: the gradient's id. */
  id: string;
}

const BAR_Y = 16;
const BAR_H = 10;

/** Height the legend takes. */
export function legendHeight(spec: Pick<LegendSpec, 'ends'>): number {
  return spec.ends ? 62 : 46;
}

export function legendSvg(spec: LegendSpec, at: { x: number; y: number }): string {
  if (!(spec.width > 0)) throw new Error(`invalid width: ${spec.width}`);
  const { color, width } = spec;
  const stops: string[] = [];
  for (let i = 0; i <= 16; i++) {
    const s = i / 16;
    stops.push(el('stop', { offset: `${num(s * 100)}%`, 'stop-color': color.color(color.lo + s * (color.hi - color.lo)) }));
  }
  const scale = scaleLinear().domain([color.lo, color.hi]).range([0, width]);
  const ticks = chooseTicks({
    orient: 'bottom',
    scale,
    format: (t) => tickFormat(spec.unit, t),
    title: '',
    bounds: [-24, width + (spec.hasNone ? 6 : 24)],
    titleOffset: 0,
  });
  const format = tickFormat(spec.unit, ticks);
  const parts = [
    el('defs', {}, el('linearGradient', { id: spec.id, x1: 0, x2: 1, y1: 0, y2: 0 }, ...stops)),
    el('text', { class: 'legend-title', y: 11, fill: 'currentColor', 'font-weight': 600 }, text(spec.title)),
    el('rect', { x: 0, y: BAR_Y, width, height: BAR_H, fill: `url(#${spec.id})` }),
    ...ticks.map((t) =>
      el(
        'g',
        { class: 'tick', transform: `translate(${num(scale(t))},${BAR_Y})` },
        el('line', { y2: BAR_H + 4, stroke: 'currentColor' }),
        el('text', { y: BAR_H + 7, dy: '0.71em', 'text-anchor': 'middle', fill: 'currentColor' }, text(format(t))),
      ),
    ),
  ];
  if (spec.hasNone) {
    const x = width + 14;
    parts.push(
      el(
        'g',
        { class: 'legend-none', transform: `translate(${num(x)},${BAR_Y})` },
        el('rect', { width: BAR_H, height: BAR_H, fill: NONE_COLOR, 'fill-opacity': 0.55 }),
        el('text', { x: BAR_H + 4, y: BAR_H / 2, dy: '0.32em', fill: 'currentColor' }, 'none'),
      ),
    );
  }
  if (spec.ends) {
    // Under a narrow ramp (a phone's embed) the captions keep their first words ("← mining", "pivot →") rather than collide.
    const fits = ([l, r]: readonly string[]) => textWidth(`← ${l}`) + textWidth(`${r} →`) + 12 <= width;
    const short = spec.ends.map((e) => e.split(' ')[0]!);
    const [left, right] = fits(spec.ends) ? spec.ends : short;
    parts.push(el('text', { class: 'legend-end', y: BAR_H + BAR_Y + 32, fill: 'currentColor' }, text(`← ${left}`)));
    parts.push(
      el('text', { class: 'legend-end', x: width, y: BAR_H + BAR_Y + 32, 'text-anchor': 'end', fill: 'currentColor' }, text(`${right} →`)),
    );
  }
  return el(
    'g',
    { class: 'legend', 'data-testid': 'legend', transform: `translate(${num(at.x)},${num(at.y)})`, 'font-size': 11 },
    ...parts,
  );
}

/** Width the legend takes beyond its ramp (the "none" swatch). */
export function legendExtra(hasNone: boolean): number {
  return hasNone ? 14 + BAR_H + 4 + textWidth('none') : 0;
}
