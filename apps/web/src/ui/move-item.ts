// Reordering in lists people arrange by hand (a thread's parts, a post's images).

/** The item at `index` moved `by` places (−1 up, +1 down); unchanged when that would leave the list. */
export function moveItem<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}
