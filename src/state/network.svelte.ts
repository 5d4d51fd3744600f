/**
 * The network panel's projections, from the worker pool: the scenario shown in detail and, when it
 * has an exit wave, the same scenario with exitSharePct 0, so the panel can show what the exit does.
 * At most one request an animation frame; a reply for an outdated request is dropped.
 */
import { exitWave, type ExitWave } from '../model/exit-wave.ts';
import type { ModelInputs } from '../model/keys.ts';
import type { Projection } from '../model/results.ts';
import { PoolRun } from './pool-run.svelte.ts';

/** Whether the scenario has an exit wave within its horizon (the exit happens at the end of month exitMonth). */
export function hasExitWave(inputs: ModelInputs): boolean {
  return inputs.exitSharePct > 0 && inputs.exitMonth < inputs.horizonYears * 12;
}

export class NetworkRun extends PoolRun<ModelInputs> {
  /** The inputs the projections below belong to. */
  inputs: ModelInputs | null = $state.raw(null);
  projection: Projection | null = $state.raw(null);
  /** The same scenario without the exit; null when it has no exit wave. */
  withoutExit: Projection | null = $state.raw(null);
  /** The exit wave's figures, read off the two projections; null without an exit wave. */
  readonly wave: ExitWave | null = $derived(
    this.inputs && this.projection && this.withoutExit ? exitWave(this.inputs, this.projection, this.withoutExit) : null,
  );

  protected async compute(inputs: ModelInputs): Promise<() => void> {
    const [projection, withoutExit] = await Promise.all([
      this.pool.project(inputs),
      hasExitWave(inputs) ? this.pool.project({ ...inputs, exitSharePct: 0 }) : Promise.resolve(null),
    ]);
    return () => {
      this.inputs = inputs;
      this.projection = projection;
      this.withoutExit = withoutExit;
    };
  }
}
