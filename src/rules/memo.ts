// Memoizing pure functions of one key: a roster's evaluation asks for the same few hundred dates
// and points millions of times. A cache only ever holds correct, immutable results, so the
// functions stay pure; it is emptied when it grows past a bound.
export function memoized<K, V>(compute: (key: K) => V, limit = 100_000): (key: K) => V {
  const cache = new Map<K, V>();
  return (key: K) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
