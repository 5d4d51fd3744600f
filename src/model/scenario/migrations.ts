/**
 * Scenario migrations: an older version's scenario brought up to CURRENT_VERSION, one small
 * dated step per version bump, so old files and links keep computing what they computed.
 */
import { CURRENT_VERSION } from '../registry/index.ts';

/** Maps a scenario of version `from` to version `from + 1`. */
export interface Migration {
  from: number;
  /** When the migration was written (YYYY-MM-DD). */
  date: string;
  description: string;
  up(raw: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Ordered by `from`; one per version bump. Empty while version 1 is the only version. A
 * migration pins the older version's defaults by writing them into the scenario when absent, so
 * an old file or link keeps computing what it computed.
 */
export const MIGRATIONS: readonly Migration[] = [];

/** Brings a scenario object of a supported older version up to CURRENT_VERSION. */
export function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  let out = raw;
  let version = typeof raw.version === 'number' ? raw.version : CURRENT_VERSION;
  for (const m of MIGRATIONS) {
    if (m.from !== version) continue;
    out = { ...m.up(out), version: m.from + 1 };
    version = m.from + 1;
  }
  return out;
}

/** The oldest version a migration chain reaches CURRENT_VERSION from. */
export function oldestVersion(): number {
  let v = CURRENT_VERSION;
  while (MIGRATIONS.some((m) => m.from === v - 1)) v--;
  return v;
}

/** The versions this build reads, as messages name them: `1`, or `1 to 3`. */
export function versionRangeText(): string {
  return oldestVersion() === CURRENT_VERSION ? `${CURRENT_VERSION}` : `${oldestVersion()} to ${CURRENT_VERSION}`;
}
