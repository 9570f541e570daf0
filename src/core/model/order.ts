/**
 * Sorts a short list, greatest key first, in place; equal keys keep their order. What the stable
 * `sort((a, b) => key(b) - key(a))` gives, by insertion: the lists ranked per question are a few
 * dozen long, where insertion beats the engine's sort and its comparator calls.
 */
export function rankInPlace<T>(items: T[], key: (item: T) => number): void {
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    const k = key(item);
    let j = i - 1;
    while (j >= 0 && key(items[j] as T) < k) {
      items[j + 1] = items[j] as T;
      j--;
    }
    items[j + 1] = item;
  }
}
