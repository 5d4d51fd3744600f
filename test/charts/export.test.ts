/**
 * The downloads' static render (src/charts/export.ts): the figure is one well-formed, standalone
 * SVG document carrying its title, legend, assumptions and source line; the texts are the ones the
 * embed shows.
 */
import { describe, expect, it } from 'vitest';
import { metricColor } from '../../src/charts/color.ts';
import {
  APP_VERSION,
  assumptionsText,
  defaultTitle,
  figureSvg,
  heatmapFigure,
  seriesFigure,
  sourceLine,
  standalone,
  wrapText,
} from '../../src/charts/export.ts';
import { textWidth } from '../../src/charts/svg.ts';
import { defaultView } from '../../src/model/view.ts';
import pkg from '../../package.json' with { type: 'json' };

/**
 * Well-formedness as far as these documents need it: every tag closes in order, attributes are
 * quoted, no bare `&` or `<` in text. Returns the element names in document order.
 */
function xmlElements(xml: string): string[] {
  const names: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textPart = xml.slice(i, lt < 0 ? xml.length : lt);
    expect(textPart, 'text holds only escaped entities').not.toMatch(/&(?!(amp|lt|gt|quot|#39|#\d+);)/);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    expect(m, `a well-formed tag at ${lt}: ${xml.slice(lt, lt + 80)}`).not.toBeNull();
    const [, close, name, , selfClose] = m!;
    if (close) expect(stack.pop(), `</${name}> closes what is open`).toBe(name);
    else {
      names.push(name!);
      if (!selfClose) stack.push(name!);
    }
    i = tag.lastIndex;
  }
  expect(stack).toEqual([]);
  return names;
}

const scenario = { version: 1, siteMw: 150, startDate: '2026-03-01T00:00:00.000Z' };
const view = defaultView();
const nx = view.x.n;
const ny = view.y.n;
const values = Float64Array.from({ length: nx * ny }, (_, k) => (k % nx) * 1e6 - 40e6);
values[5] = NaN;

describe('texts', () => {
  it('the source line names the app, its version and the as-of date of the network state', () => {
    expect(APP_VERSION).toBe(pkg.version);
    expect(sourceLine(scenario)).toBe(`Source: hashpivot ${pkg.version}, network state as of 2026-03-01`);
    expect(sourceLine({ version: 1 })).toMatch(/as of 2026-01-08$/);
  });

  it('the assumptions leave out the axes and add what the scenario sets', () => {
    const text = assumptionsText({ version: 1, siteMw: 150, uptimePct: 93 }, view);
    expect(text).toMatch(/^Assumptions: /);
    expect(text).toContain('Site power 150 MW');
    expect(text).toContain('Uptime 93 %');
    expect(text).not.toContain('Lease rate');
    expect(text).not.toMatch(/BTC price \$/);
    expect(assumptionsText({ version: 1 })).toContain('Lease rate');
  });

  it('a default title names the metric and both axes', () => {
    expect(defaultTitle(view)).toBe('Δ NPV, pivot − keep mining, by lease rate and BTC price');
  });

  it('wraps text within the width it is given', () => {
    const lines = wrapText('one two three four five six seven eight nine ten eleven twelve', 80, 11);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidth(line, 11)).toBeLessThanOrEqual(80);
    expect(lines.join(' ')).toBe('one two three four five six seven eight nine ten eleven twelve');
  });

  it('resolves CSS variables to their fallbacks', () => {
    expect(standalone('<path stroke="var(--series-mine, #c75000)" fill="var(--bg, rgb(1, 2, 3))"/>')).toBe(
      '<path stroke="#c75000" fill="rgb(1, 2, 3)"/>',
    );
  });
});

describe('figures', () => {
  it('the heatmap figure: one standalone SVG with title, legend, assumptions, source and the raster', () => {
    const figure = heatmapFigure({
      scenario,
      view,
      values,
      delta: values,
      color: metricColor('delta', values),
      raster: 'data:image/png;base64,iVBORw0KGgo=',
      title: 'Pivot or <mine> & why',
    });
    const names = xmlElements(figure.svg);
    expect(names[0]).toBe('svg');
    expect(figure.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="892" height="\d+"/);
    expect(figure.svg).toContain(`height="${figure.height}"`);
    expect(figure.svg).toContain('Pivot or &lt;mine&gt; &amp; why');
    expect(figure.svg).toContain('data-testid="legend"');
    expect(figure.svg).toContain('mining wins');
    expect(figure.svg).toContain('<image href="data:image/png;base64,');
    expect(figure.svg).toContain('Assumptions: ');
    expect(figure.svg).toContain(`hashpivot ${pkg.version}, network state as of 2026-03-01`);
    expect(figure.svg).not.toContain('var(');
    expect(figure.height).toBeGreaterThan(540 + 60);
  });

  it('hostile title and subtitle stay text: no element or attribute comes out of them', () => {
    const title = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const subtitle = "</text><foreignObject onload='alert(3)'>&amp;";
    const clean = heatmapFigure({ scenario, view, values, delta: values, color: metricColor('delta', values), title: 'T', subtitle: 'S' });
    const figure = heatmapFigure({ scenario, view, values, delta: values, color: metricColor('delta', values), title, subtitle });
    // The same elements as with harmless texts, in the same order.
    expect(xmlElements(figure.svg)).toEqual(xmlElements(clean.svg));
    // No tag (text holds no bare `<`, so every `<…>` is one) carries an event handler.
    const tags = figure.svg.match(/<[^>]*>/g) ?? [];
    expect(tags.filter((t) => /\son\w+=/i.test(t))).toEqual([]);
    expect(figure.svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img');
    expect(figure.svg).toContain('&lt;/text&gt;&lt;foreignObject');
    expect(figure.svg).toContain('&amp;amp;');
  });

  it('a series figure carries its key (the legend) and no page variables', () => {
    const figure = seriesFigure({
      scenario,
      title: 'Monthly cash flow of each path',
      startMs: Date.parse(scenario.startDate),
      spec: {
        endSeconds: 3 * 365.25 * 86400,
        unit: 'USD',
        lines: [
          {
            name: 'keep mining',
            points: [
              [0, 1e6],
              [1e7, 2e6],
            ],
            color: 'var(--series-mine, #c75000)',
          },
          {
            name: 'pivot',
            points: [
              [0, -3e6],
              [1e7, 4e6],
            ],
            color: 'var(--series-pivot, #6a3d9a)',
          },
        ],
        zero: true,
      },
    });
    xmlElements(figure.svg);
    expect(figure.svg).toContain('class="key"');
    expect(figure.svg).toContain('keep mining');
    expect(figure.svg).toContain('stroke="#c75000"');
    expect(figure.svg).not.toContain('var(');
  });

  it('grows with a long title and subtitle', () => {
    const chart = { svg: '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"/>', width: 300, height: 200 };
    const short = figureSvg(chart, { title: 'A', source: 'S' });
    const long = figureSvg(chart, {
      title: 'A much longer title that has to wrap onto a second line',
      subtitle: 'and a subtitle, also long enough to wrap',
      source: 'S',
    });
    expect(long.height).toBeGreaterThan(short.height);
    expect(long.width).toBe(short.width);
  });
});
