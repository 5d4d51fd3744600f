/**
 * Printing results: compact JSON, and CSV with a header row. Numbers print as JavaScript prints
 * them (shortest round trip); "none" is null in JSON and an empty field in CSV.
 */

/** JSON text of a result, one line. NaN and ±Infinity (which the model never returns) become null. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text: a header of `columns`, then one line per row. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/** CSV of objects, one column per name in `columns`. */
export function objectsToCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return toCsv(
    columns,
    rows.map((r) => columns.map((c) => r[c])),
  );
}
