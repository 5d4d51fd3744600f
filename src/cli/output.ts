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
