/**
 * SVG markup as strings. The charts are pure functions from data to markup, so the same code draws
 * the page, renders in Node for the snapshot tests, and will feed the SVG export; no DOM needed.
 */

export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A coordinate as markup: two decimals at most, no trailing zeros, no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** ` a="1" b="x"`; false, null and undefined are left out, true is written as the bare name's value "true". */
export function attrs(a: Attrs): string {
  let out = '';
  for (const [name, value] of Object.entries(a)) {
    if (value === undefined || value === null || value === false) continue;
    const text = typeof value === 'number' ? num(value) : String(value);
    out += ` ${name}="${escapeXml(text)}"`;
  }
  return out;
}

/** One element; children are markup already (use `text()` for text). */
export function el(tag: string, a: Attrs = {}, ...children: string[]): string {
  return children.length === 0 ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${children.join('')}</${tag}>`;
}

export function text(content: string): string {
  return escapeXml(content);
}

/** A polyline as path data. */
export function linePath(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)},${num(y)}`).join('');
}

/** Rough width of a label in the charts' 11 px sans-serif, for layout without a DOM. */
export function textWidth(label: string, fontSize = 11): number {
  let w = 0;
  for (const c of label) {
    if (c === ' ' || c === '.' || c === ',' || c === '/' || c === '-' || c === 'l' || c === 'i') w += 0.33;
    else if (c === 'M' || c === 'W' || c === 'm' || c === 'w' || c === '%' || c === '−') w += 0.85;
    else if (c >= 'A' && c <= 'Z') w += 0.68;
    else w += 0.58;
  }
  return w * fontSize;
}

/** A chart's root: an SVG image of `width` × `height` with its class, test hook and accessible name (also as its <title>). */
export function chartRoot(
  root: { class: string; testid?: string; width: number; height: number; label?: string },
  ...parts: string[]
): string {
  const { width, height, label } = root;
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: root.class,
      'data-testid': root.testid,
      width,
      height,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      'font-family': 'system-ui, sans-serif',
      role: 'img',
      'aria-label': label,
    },
    ...(label ? [el('title', {}, text(label))] : []),
    ...parts,
  );
}
