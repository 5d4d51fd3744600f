/**
 * How values, keys and ranges are described in a problem's message: short, quoted where they are
 * text, and never longer than a line.
 */
import { PARAMS_BY_KEY, TEXT_PARAMS_BY_KEY, isModelKey, isTextKey, rangeText, type ParamSpec } from '../registry/index.ts';

const MAX_SHOWN = 40;

export function quote(text: string): string {
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  return JSON.stringify(shown);
}

/** How a key is shown in a message: plain when it is a plain identifier. */
export function showKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]{0,59}$/.test(key) ? key : quote(key);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string (${quote(value)})`;
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      // JSON.parse turns a number out of a double's range (1e400) into ±Infinity; no output shows that word.
      if (!Number.isFinite(value)) return value > 0 ? 'a number too large for a double' : 'a negative number too large for a double';
      return String(value);
    case 'boolean':
      return `a boolean (${value})`;
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a numeric key expects, e.g. `a number from 0.1 to 10000 MW`. */
export function expected(p: ParamSpec): string {
  return p.integer ? rangeText(p) : `a number ${rangeText(p)}`;
}

/** Names in camelCase, as every key but `name` and `notes` is (those two read as words anyway). */
const KEY_NAME = /\b[a-z]+[A-Z][A-Za-z0-9]{0,58}\b/g;

/**
 * A problem's message as the page shows it: every scenario key it names (`pivotSharePct`) written
 * as its label (`Pivot share`), so nobody reading the page meets the file format's names. The CLI
 * and files keep the keys, which is what they are written in.
 */
export function withLabels(message: string): string {
  return message.replace(KEY_NAME, (word) =>
    isModelKey(word) ? PARAMS_BY_KEY[word].label : isTextKey(word) ? TEXT_PARAMS_BY_KEY[word].label : word,
  );
}
