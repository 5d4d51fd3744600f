// Sorting f64 blocks in linear memory in place, and the percentile rule of docs/model.md §7.5.

@inline function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline function put(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

function insertion(p: usize, lo: i32, hi: i32): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = at(p, i);
    let j = i - 1;
    while (j >= lo && at(p, j) > v) {
      put(p, j + 1, at(p, j));
      j--;
    }
    put(p, j + 1, v);
  }
}

/** Sorts the n f64 at p ascending (quicksort, median of three, insertion sort below 16). No NaN. */
export function sortF64(p: usize, n: i32): void {
  quick(p, 0, n - 1);
}

function quick(p: usize, lo0: i32, hi0: i32): void {
  let lo = lo0;
  let hi = hi0;
  while (hi - lo > 16) {
    const mid = lo + ((hi - lo) >> 1);
    // Median of three as the pivot.
    if (at(p, mid) < at(p, lo)) swap(p, mid, lo);
    if (at(p, hi) < at(p, lo)) swap(p, hi, lo);
    if (at(p, hi) < at(p, mid)) swap(p, hi, mid);
    const pivot = at(p, mid);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (at(p, i) < pivot) i++;
      while (at(p, j) > pivot) j--;
      if (i <= j) {
        swap(p, i, j);
        i++;
        j--;
      }
    }
    // Recurse into the smaller part, loop on the larger: the stack stays O(log n).
    if (j - lo < hi - i) {
      quick(p, lo, j);
      lo = i;
    } else {
      quick(p, i, hi);
      hi = j;
    }
  }
  insertion(p, lo, hi);
}

@inline function swap(p: usize, i: i32, j: i32): void {
  const v = at(p, i);
  put(p, i, at(p, j));
  put(p, j, v);
}

/** The order statistic at ⌈pct/100 · n⌉ (1-based, at least 1) of the n sorted f64 at p. */
export function percentileOf(p: usize, n: i32, pct: i32): f64 {
  const rank = max(1, <i32>Math.ceil((<f64>pct * <f64>n) / 100));
  return at(p, rank - 1);
}
