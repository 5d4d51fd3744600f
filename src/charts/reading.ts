/**
 * How to read the map, in one sentence that follows its metric: what the colour shows, what the
 * line is, and on which side of it the pivot wins (found from Δ over the grid, so it holds for any
 * pair of axes).
 */
import { PARAMS_BY_KEY } from '../model/registry/index.ts';
import type { View } from '../model/view.ts';
import { lowerFirst } from './describe.ts';
import { metricTitle } from './labels.ts';

/**
 * Where the cells with Δ > 0 lie: "higher lease rate and lower BTC price" when the share of winning
 * cells differs by a tenth or more between an axis's upper and lower half; "" when it differs along
 * neither; "everywhere" when every finite cell wins; null when none does (or no Δ is finite).
 */
export function winningSide(view: View, delta: ArrayLike<number>): string | null {
  const [nx, ny] = [view.x.n, view.y.n];
  // [cells, winning cells] in the lower and upper half of each axis.
  const x = [
    [0, 0],
    [0, 0],
  ];
  const y = [
    [0, 0],
    [0, 0],
  ];
  let [cells, wins] = [0, 0];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const d = delta[j * nx + i]!;
      if (!Number.isFinite(d)) continue;
      const win = d > 0 ? 1 : 0;
      cells++;
      wins += win;
      for (const [half, k, n] of [
        [x, i, nx],
        [y, j, ny],
      ] as const) {
        if (2 * k + 1 === n) continue;
        const h = half[2 * k + 1 > n ? 1 : 0]!;
        h[0]!++;
        h[1]! += win;
      }
    }
  }
  const share = (h: number[]) => (h[0]! > 0 ? h[1]! / h[0]! : 0);
  if (cells === 0 || wins === 0) return null;
  if (wins === cells) return 'everywhere';
  const words: string[] = [];
  for (const [half, key] of [
    [x, view.x.key],
    [y, view.y.key],
  ] as const) {
    const d = share(half[1]!) - share(half[0]!);
    if (Math.abs(d) >= 0.1) words.push(`${d > 0 ? 'higher' : 'lower'} ${lowerFirst(PARAMS_BY_KEY[key].label)}`);
  }
  return words.join(' and ');
}

/** The "how to read it" sentence; `delta` (Δ over the view's grid) names the side where the pivot wins once it is known. */
export function readingLine(view: View, delta: ArrayLike<number> | null): string {
  const x = lowerFirst(PARAMS_BY_KEY[view.x.key].label);
  const y = lowerFirst(PARAMS_BY_KEY[view.y.key].label);
  const colour =
    view.metric === 'delta'
      ? 'the colour is Δ, what pivoting gains over mining: purple where the pivot wins, orange where mining wins'
      : `the colour is ${lowerFirst(metricTitle(view.metric, view.month))}, dark purple low to yellow high`;
  let line = 'the line is the breakeven, where both paths are worth the same';
  if (delta) {
    const side = winningSide(view, delta);
    if (side === null) line = 'the pivot wins nowhere on this map, so it has no breakeven line';
    else if (side === 'everywhere') line = 'the pivot wins everywhere on this map, so it has no breakeven line';
    else if (side === '') line += '; the pivot wins on part of the map';
    else line += `; the pivot wins on its side toward ${side}`;
  }
  return `How to read it: each point is a scenario at a ${x} (across) and ${y} (up); ${colour}; ${line}; the ring marks your scenario.`;
}
