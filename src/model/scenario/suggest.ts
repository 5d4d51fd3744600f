/** "Did you mean": the known key closest to an unknown one, by edit distance. */
import { SCENARIO_KEYS } from '../registry/index.ts';
import { showKey } from './messages.ts';
import type { Problem } from './types.ts';

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

/** The known key an unknown one most likely meant, if any is close. */
export function suggestKey(key: string): string | undefined {
  if (key.length > 60) return undefined;
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of SCENARIO_KEYS) {
    const d = k.toLowerCase() === lower ? 0 : editDistance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

/** The problem of a key no scenario has, with the closest known key as a hint. */
export function unknownKey(key: string): Problem {
  const hint = suggestKey(key);
  return { key, message: `${showKey(key)}: unknown key${hint ? ` (did you mean ${hint}?)` : ''}` };
}
