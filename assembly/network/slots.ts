// Slots for shared prefixes: one block of linear memory per group of columns of a sweep, holding
// a projection's state just before the exit shock so that later rows resume from it. Both kinds of
// lockstep projection (prefix.ts, response-lanes.ts) keep theirs here, each its own store.

/** Groups of columns a sweep can have: 2048 points / 16 lanes. */
export const MAX_SLOTS: i32 = 128;

export class SlotStore {
  private readonly kept: StaticArray<bool> = new StaticArray<bool>(MAX_SLOTS);
  private base: usize = 0;
  private capacity: usize = 0;
  private stride: usize = 0;

  /** Forgets every slot and sizes them to `stride` bytes each (a new sweep). */
  reset(stride: usize): void {
    for (let i = 0; i < MAX_SLOTS; i++) unchecked((this.kept[i] = false));
    this.stride = stride;
    const bytes = <usize>MAX_SLOTS * stride;
    if (bytes > this.capacity) {
      this.base = heap.alloc(bytes); // the stub runtime never frees: grow only
      this.capacity = bytes;
    }
  }

  /** The first byte of `slot`. */
  @inline at(slot: i32): usize {
    return this.base + <usize>slot * this.stride;
  }

  ready(slot: i32): bool {
    return unchecked(this.kept[slot]);
  }

  markReady(slot: i32): void {
    unchecked((this.kept[slot] = true));
  }
}
