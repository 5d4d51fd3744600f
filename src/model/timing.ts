/**
 * Where the time goes between a change and the redrawn page: named User Timing measures
 * (`hp:kernel`, `hp:message`, `hp:contour`, `hp:canvas` …), recorded only when the page asked
 * for them by setting `globalThis.hashpivotTiming = true` before the app loads (a test, a person
 * with a profiler), so a normal session fills no timeline buffer.
 */
// The model compiles without the DOM's types; every place it runs (page, worker, Node) has User Timing.
interface UserTiming {
  now(): number;
  measure(name: string, options: { start: number; end: number }): unknown;
}
const clock = (globalThis as unknown as { performance: UserTiming }).performance;

const enabled = (): boolean => (globalThis as { hashpivotTiming?: unknown }).hashpivotTiming === true;

/** Records `hp:<name>` from `start` to `end` (performance.now() times). */
export function measure(name: string, start: number, end: number = clock.now()): void {
  if (enabled() && end >= start) clock.measure(`hp:${name}`, { start, end });
}

/** Runs `fn`, recording its time as `hp:<name>`. */
export function timed<T>(name: string, fn: () => T): T {
  if (!enabled()) return fn();
  const start = clock.now();
  try {
    return fn();
  } finally {
    measure(name, start);
  }
}
