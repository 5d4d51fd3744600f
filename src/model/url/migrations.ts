/**
 * Link migrations: old links keep working through an ordered list of small, dated steps, each
 * taking a link of one version to the next.
 */
import { CURRENT_VERSION } from '../registry/index.ts';
import type { LinkParams } from './format.ts';

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
  up(params: LinkParams): LinkParams;
}

/**
 * Version 1 → 2: the link's syntax and the view's defaults are unchanged; its scenario keys are
 * migrated as a version-1 file's are (the version-1 values of what version 2 adds or changes are
 * written, so the link computes what it computed, and a re-written link spells them out).
 */
export const LINK_V1_TO_V2: LinkMigration = {
  from: 1,
  date: '2026-11-30',
  description: 'Only the scenario changed (see the scenario migration from version 1)',
  up: (params) => params,
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

/** Brings a link's parameters from `version` up to CURRENT_VERSION (the input is not changed). */
export function migrateLink(params: LinkParams, version: number, migrations: readonly LinkMigration[]): LinkParams {
  let at = version;
  for (const m of migrations) {
    if (m.from !== at || at >= CURRENT_VERSION) continue;
    params = m.up(new Map(params));
    at = m.from + 1;
  }
  return params;
}
