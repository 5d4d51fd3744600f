/** The scenario's start date: reading ISO 8601 UTC text, and times after it. */
import { TEXT_PARAMS_BY_KEY } from '../registry/index.ts';
import type { Scenario } from './types.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]00:00))?$/;
/** The earliest and latest start dates a scenario may name (the registry's range of startDate). */
export const EARLIEST_DATE = TEXT_PARAMS_BY_KEY.startDate.min!;
export const LATEST_DATE = TEXT_PARAMS_BY_KEY.startDate.max!;

/** Milliseconds since 1970 of a valid start date; NaN when it is not ISO 8601 UTC. */
export function parseStartDate(text: string): number {
  const m = DATE_RE.exec(text);
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const frac = m[7] ? Number(m[7]) : 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(frac * 1000);
  // Rejects 2026-02-30 and the like, which Date.UTC would roll over.
  if (new Date(ms).getUTCDate() !== day) return NaN;
  return ms;
}

/** The start instant t0 of a validated scenario, in milliseconds since 1970. */
export function startTimeMs(s: Scenario): number {
  return parseStartDate(s.startDate ?? TEXT_PARAMS_BY_KEY.startDate.default);
}

/** The ISO 8601 time of `seconds` after t0, as Date.prototype.toISOString prints it. */
export function isoAt(startMs: number, seconds: number): string {
  return new Date(startMs + Math.round(seconds * 1000)).toISOString();
}
