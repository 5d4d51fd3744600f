/**
 * Printing results: compact JSON, and CSV with a header row. Numbers print as JavaScript prints
 * them (shortest round trip); "none" is null in JSON and an empty field in CSV (src/model/csv.ts).
 */
import { toCsv } from '../model/csv.ts';

/** JSON text of a result, one line. NaN and ±Infinity (which the model never returns) become null. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** CSV of objects, one column per name in `columns`. */
export function objectsToCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return toCsv(
    columns,
    rows.map((r) => columns.map((c) => r[c])),
  );
}

/** `text` broken at spaces into lines of at most `width` characters (a longer word stays whole). */
export function wrap(text: string, width = 96): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
