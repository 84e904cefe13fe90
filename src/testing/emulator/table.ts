/**
 * One collection of objects in creation order. The sequence number breaks ties between objects
 * created in the same millisecond (a fixed test clock makes every `createdAt` equal), so lists
 * are stable and pages never skip or repeat.
 */

export interface Row<T> {
  seq: number;
  value: T;
}

let nextSeq = 0;

export class Table<T extends { id: string }> {
  private readonly rows = new Map<string, Row<T>>();

  insert(value: T): T {
    this.rows.set(value.id, { seq: nextSeq++, value });
    return value;
  }

  get(id: string): T | undefined {
    return this.rows.get(id)?.value;
  }

  /** Replaces an existing object, keeping its place in the order. */
  replace(value: T): T {
    const row = this.rows.get(value.id);
    if (!row) throw new Error(`emulator: replace of unknown id ${value.id}`);
    row.value = value;
    return value;
  }

  delete(id: string): boolean {
    return this.rows.delete(id);
  }

  values(): T[] {
    return [...this.rows.values()].map((row) => row.value);
  }

  /** Rows (with their sequence numbers) whose value passes `keep`. */
  select(keep: (value: T) => boolean = () => true): Row<T>[] {
    return [...this.rows.values()].filter((row) => keep(row.value));
  }

  get size(): number {
    return this.rows.size;
  }
}
