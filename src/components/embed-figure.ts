/**
 * The Embed dialog's chart as a figure for its PNG (title, subtitle, assumptions and source, as the
 * downloads): the map from the explorer's heatmap run, or a network chart from its spec.
 */
import { heatmapFigure, rasterDataUrl, seriesFigure, type Figure } from '../charts/export.ts';
import { startTimeMs } from '../model/scenario/dates.ts';
import type { Scenario } from '../model/scenario/types.ts';
import type { HeatmapRun } from '../state/heatmap.svelte.ts';
import type { NetworkChart } from './network-series.ts';

export interface EmbedFigureSpec {
  scenario: Scenario;
  title: string;
  subtitle?: string;
  /** The network chart the embed shows; null: the map. */
  network: NetworkChart | null;
  heat: HeatmapRun;
}

/** The figure and the PNG's file name. */
export function embedFigure({ scenario, title, subtitle, network, heat }: EmbedFigureSpec): { figure: Figure; name: string } {
  if (network) {
    const figure = seriesFigure({ scenario, title, spec: network.spec, startMs: startTimeMs(scenario), subtitle });
    return { figure, name: `hashpivot-embed-${network.id}@2x.png` };
  }
  const spec = heat.spec!;
  const values = heat.values!;
  const figure = heatmapFigure({
    scenario,
    view: spec,
    values,
    delta: heat.delta,
    color: heat.color,
    raster: heat.color ? rasterDataUrl(values, heat.color, spec.x.n, spec.y.n) : undefined,
    title,
    subtitle,
  });
  return { figure, name: `hashpivot-embed-${spec.metric}@2x.png` };
}
