/** A heatmap's cell under the pointer, and what its readout says about a cell. */
import { formatValue } from '../charts/format.ts';
import type { HeatmapLayout } from '../charts/heatmap.ts';
import { metricTitle, metricUnit } from '../charts/labels.ts';
import { PARAMS_BY_KEY } from '../model/registry/index.ts';
import type { View } from '../model/view.ts';

/** Where a pointer event on a heatmap's SVG falls: its position in the SVG, px, and the cell under it (null off the plot). */
export function pointerCell(event: MouseEvent, layout: HeatmapLayout): { cell: { i: number; j: number } | null; x: number; y: number } {
  const box = (event.currentTarget as SVGSVGElement).getBoundingClientRect();
  const [x, y] = [event.clientX - box.left, event.clientY - box.top];
  return { cell: layout.cellAt(x, y), x, y };
}

/** The readout of the cell at (x, y): each axis's value, then the metric's (`value` null: its row is not computed yet, '…'). */
export function cellLines(view: View, x: number, y: number, value: number | null): string[] {
  const px = PARAMS_BY_KEY[view.x.key];
  const py = PARAMS_BY_KEY[view.y.key];
  return [
    `${px.label}: ${formatValue(px.unit, x, { sig: 4 })}`,
    `${py.label}: ${formatValue(py.unit, y, { sig: 4 })}`,
    `${metricTitle(view.metric, view.month)}: ${value === null ? '…' : formatValue(metricUnit(view.metric), value)}`,
  ];
}
