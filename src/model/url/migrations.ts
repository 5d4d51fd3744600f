/**
 * Link migrations: old links keep working through an ordered list of small, dated steps, each
 * taking a link of one version to the next.
 */
import { CURRENT_VERSION } from '../registry/index.ts';
import { reduceRepeats } from '../sweep.ts';
import type { Ignored, LinkParams } from './format.ts';

/**
 * Maps the parameters of a link of version `from` to version `from + 1`: the link's own syntax and
 * the view's defaults (a changed view default is pinned by writing the old one when absent). The
 * scenario's keys and defaults are migrated afterwards by scenario/migrations.ts MIGRATIONS,
 * exactly as a scenario file of that version would be.
 */
export interface LinkMigration {
  from: number;
  /** When it was written (YYYY-MM-DD). */
  date: string;
  description: string;
  /** The link of version `from + 1`; what it changed beyond the syntax is pushed to `notices`. */
  up(params: LinkParams, notices?: Ignored[]): LinkParams;
}

/**
 * Version 1 → 2: the link's syntax and the view's defaults are unchanged; its scenario keys are
 * migrated as a version-1 file's are (the version-1 values of what version 2 adds or changes are
 * written, so the link computes what it computed, and a re-written link spells them out). An axis
 * of a whole-number key whose points repeat a value (version 1 drew the repeated rows; version 2
 * refuses them) is reduced to its distinct values, with a notice.
 */
export const LINK_V1_TO_V2: LinkMigration = {
  from: 1,
  date: '2026-11-30',
  description:
    "The scenario (see the scenario migration from version 1); an axis's repeated whole-number values reduced to the distinct ones",
  up(params, notices) {
    const out = new Map(params);
    for (const name of ['x', 'y'] as const) {
      const raw = params.get(name);
      const reduced = raw === undefined ? null : reduceRepeats(name, raw);
      if (raw === undefined || !reduced) continue;
      out.set(name, reduced.text);
      notices?.push({
        param: name,
        raw,
        reason: `its ${reduced.n} points repeat whole-number values, which version 2 does not accept; reduced to its ${reduced.fit} distinct values (${reduced.text})`,
      });
    }
    return out;
  },
};

/** Ordered by `from`; one per version bump (an identity one when only the scenario changed). */
export const LINK_MIGRATIONS: readonly LinkMigration[] = [LINK_V1_TO_V2];

/** The oldest link version `migrations` reach CURRENT_VERSION from. */
export function oldestVersion(migrations: readonly LinkMigration[]): number {
  let v = CURRENT_VERSION;
  while (migrations.some((m) => m.from === v - 1)) v--;
  return v;
}

/** The link versions this build reads, as messages name them. */
export function versionRange(migrations: readonly LinkMigration[]): string {
  const oldest = oldestVersion(migrations);
  return oldest === CURRENT_VERSION ? `version ${CURRENT_VERSION}` : `versions ${oldest} to ${CURRENT_VERSION}`;
}

/**
 * Brings a link's parameters from `version` up to CURRENT_VERSION (the input is not changed); the
 * migrations' notices are pushed to `notices`.
 */
export function migrateLink(
  params: LinkParams,
  version: number,
  migrations: readonly LinkMigration[],
  notices: Ignored[] = [],
): LinkParams {
  let at = version;
  for (const m of migrations) {
    if (m.from !== at || at >= CURRENT_VERSION) continue;
    params = m.up(new Map(params), notices);
    at = m.from + 1;
  }
  return params;
}
