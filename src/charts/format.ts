/**
 * Numbers as people read them, by unit: "$120/kW-mo", "$80k", "2.5 %/mo", "−$14M". The registry's
 * and the sweep's units are the vocabulary; an unknown unit is an error here, not an odd label on
 * the page.
 */

const MINUS = '\u2212';

interface UnitStyle {
  prefix?: string;
  suffix?: string;
  /** Multiply before formatting (a fraction shown as percent). */
  scale?: number;
  /** Whole numbers with thousands separators instead of k/M/B. */
  grouped?: boolean;
  /** A short name for axis titles. */
  title: string;
}

const UNITS: Record<string, UnitStyle> = {
  USD: { prefix: '$', title: 'USD' },
  'USD/kW-month': { prefix: '$', suffix: '/kW-mo', title: '$/kW-month' },
  'USD/MW-month': { prefix: '$', suffix: '/MW-mo', title: '$/MW-month' },
  'USD/kWh': { prefix: '$', suffix: '/kWh', title: '$/kWh' },
  'USD/MWh': { prefix: '$', suffix: '/MWh', title: '$/MWh' },
  'USD/TH': { prefix: '$', suffix: '/TH', title: '$/TH' },
  'USD M/MW-IT': { prefix: '$', suffix: 'M/MW-IT', title: '$M per MW of IT' },
  'USD/PH/day': { prefix: '$', suffix: '/PH/day', title: '$/PH/day' },
  'USD/day': { prefix: '$', suffix: '/day', title: '$/day' },
  'USD/hour': { prefix: '$', suffix: '/h', title: '$/hour' },
  '%': { suffix: ' %', title: '%' },
  '%/month': { suffix: ' %/mo', title: '% per month' },
  '%/yr': { suffix: ' %/yr', title: '% per year' },
  'fraction per year': { scale: 100, suffix: ' %/yr', title: '% per year' },
  fraction: { scale: 100, suffix: ' %', title: '%' },
  month: { suffix: ' mo', title: 'months' },
  yr: { suffix: ' yr', title: 'years' },
  MW: { suffix: ' MW', title: 'MW' },
  'MW/MW-IT': { title: 'MW per MW of IT' },
  'EH/s': { suffix: ' EH/s', title: 'EH/s' },
  'J/TH': { suffix: ' J/TH', title: 'J/TH' },
  'BTC/block': { suffix: ' BTC', title: 'BTC per block' },
  '× EBITDA': { suffix: '×', title: '× EBITDA' },
  s: { suffix: ' s', title: 'seconds' },
  block: { grouped: true, title: 'block height' },
  paths: { grouped: true, suffix: ' paths', title: 'paths' },
  '': { title: '' },
};

export function maybeUnit(unit: string): UnitStyle {
  const style = UNITS[unit];
  if (!style) throw new Error(`invalid unit: ${unit}`);
  return style;
}

/** `x` with `sig` significant digits, trailing zeros dropped, never in exponent form. */
function trimmed(x: number, sig: number): string {
  if (x === 0) return '0';
  const digits = Math.max(0, sig - 1 - Math.floor(Math.log10(Math.abs(x))));
  return String(Number(x.toFixed(Math.min(digits, 12))));
}

/** 80000 → "80k", 1.4e7 → "14M", 2.5e9 → "2.5B", 1.2e13 → "12T"; below 1000 as it is. */
export function short(v: number, sig = 3): string {
  const a = Math.abs(v);
  const [div, suffix] = a >= 1e12 ? [1e12, 'T'] : a >= 1e9 ? [1e9, 'B'] : a >= 1e6 ? [1e6, 'M'] : a >= 1e3 ? [1e3, 'k'] : [1, ''];
  return trimmed(a / div, sig) + suffix;
}

export interface FormatOptions {
  /** Significant digits (3 by default). */
  sig?: number;
}

/** A value in its unit, short: "$120/kW-mo", "−$14M", "2.5 %/mo", "100 MW". NaN → "none". */
export function formatValue(unit: string, v: number | null, options: FormatOptions = {}): string {
  const style = maybeUnit(unit);
  if (v === null || !Number.isFinite(v)) return 'none';
  const x = v * (style.scale ?? 1);
  const body = style.grouped ? Math.round(Math.abs(x)).toLocaleString('en-US') : short(x, options.sig ?? 3);
  const sign = x < 0 && body !== '0' ? MINUS : '';
  return `${sign}${style.prefix ?? ''}${body}${style.suffix ?? ''}`;
}

/** A tick formatter: as many significant digits as the ticks need to print exactly, and no more. */
export function tickFormat(unit: string, ticks: readonly number[]): (v: number) => string {
  const style = maybeUnit(unit);
  let sig = 1;
  for (const t of ticks) {
    const x = Math.abs(t * (style.scale ?? 1));
    if (x === 0 || !Number.isFinite(x)) continue;
    let s = 1;
    while (s < 6 && Math.abs(Number(x.toPrecision(s)) - x) > 1e-9 * x) s++;
    sig = Math.max(sig, s);
  }
  return (v) => formatValue(unit, v, { sig });
}

/** "Lease rate ($/kW-month)" */
export function axisTitle(label: string, unit: string): string {
  const title = maybeUnit(unit).title;
  return title ? `${label} (${title})` : label;
}

/** Money in words for sentences: "$14M", "$1.2B", "$950k". */
export function money(v: number): string {
  return formatValue('USD', v, { sig: 3 });
}
