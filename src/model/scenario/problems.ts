/**
 * Problems as they are found: the first MAX_LISTED_PROBLEMS are listed, the rest only counted and
 * told in one last line, so a huge input (a file of millions of unknown keys, thousands of --set
 * arguments) costs no message, nor a "did you mean" search, for a problem that is not shown.
 */
import type { Problem } from './types.ts';

/** The most problems listed one by one; the rest are counted in one line. */
export const MAX_LISTED_PROBLEMS = 20;

/** The last line of a list that left `count` problems out. */
export function moreProblems(count: number): Problem {
  return { key: 'scenario', message: `scenario: … and ${count} more problem${count === 1 ? '' : 's'} not listed` };
}

export class ProblemList {
  private readonly listed: Problem[] = [];
  private unlisted = 0;

  /**
   * Adds a problem (none when null). A function is called only while the list has room, so
   * what a problem costs to write is not paid for one that is only counted.
   */
  add(problem: Problem | null | (() => Problem)): void {
    if (problem === null) return;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(typeof problem === 'function' ? problem() : problem);
    else this.unlisted++;
  }

  /** Adds each of `problems`. */
  addAll(problems: readonly Problem[]): void {
    for (const p of problems) this.add(p);
  }

  get size(): number {
    return this.listed.length + this.unlisted;
  }

  /** The listed problems, then one line telling how many more there are, if any. */
  problems(): Problem[] {
    return this.unlisted > 0 ? [...this.listed, moreProblems(this.unlisted)] : [...this.listed];
  }
}
