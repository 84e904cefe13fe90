/**
 * The request log (`emulator.requests`): a ring of the most recent entries, so a long-running
 * emulator (the `plugipay-emulator` command, a benchmark) holds a bounded amount of history.
 */
export class RequestRing<T> {
  private readonly entries: (T | undefined)[];
  private start = 0;
  private count = 0;

  /** `capacity` 0 keeps nothing. */
  constructor(readonly capacity: number) {
    this.entries = new Array<T | undefined>(capacity);
  }

  push(entry: T): void {
    if (this.capacity === 0) return;
    if (this.count < this.capacity) {
      this.entries[(this.start + this.count) % this.capacity] = entry;
      this.count++;
    } else {
      this.entries[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Oldest first, as a fresh array. */
  toArray(): T[] {
    const out: T[] = new Array<T>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.entries[(this.start + i) % this.capacity]!;
    return out;
  }

  clear(): void {
    this.entries.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
