/**
 * A cache of results that recur across the documents of a process (a form's labels, a city's record item names),
 * bounded: it forgets everything when it is full, so a long run's memory stays bounded whatever its input.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** The value kept for the key, or `compute(key)`, then kept (undefined is kept too). */
  get(key: K, compute: (key: K) => V): V {
    const known = this.map.get(key);
    if (known !== undefined || this.map.has(key)) return known as V;
    if (this.map.size >= this.limit) this.map.clear();
    const value = compute(key);
    this.map.set(key, value);
    return value;
  }
}
