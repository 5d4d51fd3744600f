/**
 * The breakeven line: where a grid crosses a threshold (Δ = 0), from d3-contour. d3-contour draws
 * closed regions, padded so they close along the grid's edge; the line people want is only the
 * crossing, so the ring is cut wherever it runs along the edge.
 */
import { contours } from 'd3';
import { el, linePath, num, text, textWidth } from './svg.ts';

export type Point = [number, number];

/**
 * Polylines where `values` (nx by ny, x fastest) crosses `threshold`, in grid coordinates: value
 * (i, j) sits at (i + 0.5, j + 0.5), the grid spans [0, nx] × [0, ny]. NaN counts as below.
 */
export function isolines(values: ArrayLike<number>, nx: number, ny: number, threshold = 0): Point[][] {
  if (!(nx >= 2 && ny >= 2 && values.length === nx * ny)) throw new Error(`invalid grid: ${nx}×${ny} for ${values.length} values`);
  const clean = Float64Array.from(values, (v) => (Number.isNaN(v) ? threshold - 1 : v));
  const [field] = contours().size([nx, ny]).thresholds([threshold])(Array.from(clean));
  const onEdge = ([x, y]: number[]) => x! <= 0 || y! <= 0 || x! >= nx || y! >= ny;
  const lines: Point[][] = [];
  for (const polygon of field!.coordinates) {
    for (const ring of polygon) {
      const pts = ring.slice(0, -1) as Point[];
      const start = pts.findIndex(onEdge);
      if (start < 0) {
        lines.push([...pts, pts[0]!]);
        continue;
      }
      // Walk the ring from an edge point; every run of inner points is one crossing.
      let run: Point[] = [];
      for (let k = 1; k <= pts.length; k++) {
        const p = pts[(start + k) % pts.length]!;
        if (onEdge(p)) {
          if (run.length >= 2) lines.push(run);
          run = [];
        } else run.push(p);
      }
    }
  }
  return lines;
}

export interface BreakevenSpec {
  lines: Point[][];
  /** Grid coordinates to pixels. */
  toPx(p: Point): Point;
  label: string;
  /** The plot's box in pixels, to keep the label inside. */
  box: { x: number; y: number; width: number; height: number };
  /** Points the label must not cover (markers), px. */
  avoid?: Point[];
}

const LABEL_H = 14;

/** The breakeven path (data-testid="breakeven") and its label, on the longest crossing's middle. */
export function breakevenSvg(spec: BreakevenSpec): string {
  const px = spec.lines.map((line) => line.map(spec.toPx));
  const d = px.map((line) => linePath(line)).join('');
  const parts = [
    el('path', {
      class: 'breakeven-halo',
      d,
      fill: 'none',
      stroke: '#fff',
      'stroke-opacity': 0.85,
      'stroke-width': 5,
      'stroke-linejoin': 'round',
    }),
    el('path', {
      class: 'breakeven',
      'data-testid': 'breakeven',
      d,
      fill: 'none',
      stroke: '#111',
      'stroke-width': 2,
      'stroke-linejoin': 'round',
      'data-lines': px.length,
    }),
  ];
  const longest = px.reduce<Point[] | null>((best, line) => (!best || line.length > best.length ? line : best), null);
  if (longest && longest.length >= 2) {
    const w = textWidth(spec.label, 11);
    const { box } = spec;
    const place = (f: number): Point => {
      const [mx, my] = longest[Math.min(longest.length - 1, Math.floor(longest.length * f))]!;
      return [
        Math.min(Math.max(mx + 6, box.x + 2), box.x + box.width - w - 2),
        Math.min(Math.max(my - 6, box.y + 12), box.y + box.height - 4),
      ];
    };
    // Along the line from its middle outwards, the first spot that leaves the markers visible.
    const covers = ([x, y]: Point) =>
      (spec.avoid ?? []).some(([ax, ay]) => ax > x - 10 && ax < x + w + 10 && ay > y - LABEL_H - 8 && ay < y + 10);
    const spots = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9].map(place);
    const [x, y] = spots.find((p) => !covers(p)) ?? spots[0]!;
    parts.push(
      el(
        'text',
        {
          class: 'breakeven-label',
          x: num(x),
          y: num(y),
          'font-size': 11,
          'font-weight': 600,
          fill: '#111',
          stroke: '#fff',
          'paint-order': 'stroke',
          'stroke-width': 3,
          'stroke-linejoin': 'round',
        },
        text(spec.label),
      ),
    );
  }
  return el('g', { class: 'breakeven-layer' }, ...parts);
}
