/**
 * Transitions waiting for their time: "this snapshot becomes available at t". One schedule
 * per emulator, run before every request and every `state()`, so what a client sees only
 * depends on the clock, never on timers firing (a test with a manual clock is deterministic,
 * and a stopped emulator leaves nothing running). Transitions due at the same moment run in
 * the order they were scheduled. A transition that has run is dropped: memory stays flat
 * however many resources come and go.
 */
export interface Schedule {
  /** Runs `apply` once the clock reaches `dueAt` (at the next `run`). Returns a handle for `cancel`. */
  at(dueAt: number, apply: () => void): object;
  /** Drops a transition that has not run (a resource deleted before it settled). */
  cancel(handle: object): void;
  /** Runs every transition due by `now`, earliest first; one that schedules another due by `now` runs it too. */
  run(now: number): void;
  clear(): void;
  /** Transitions waiting (for tests and `state()`). */
  readonly size: number;
}

interface Entry {
  dueAt: number;
  order: number;
  apply: () => void;
}

export function createSchedule(): Schedule {
  // Kept sorted by (dueAt, order); emulators hold a few pending transitions at a time, so
  // an insertion into a sorted array beats a heap in code and in practice.
  let entries: Entry[] = [];
  let order = 0;
  return {
    at(dueAt, apply) {
      const entry: Entry = { dueAt, order: order++, apply };
      let index = entries.length;
      while (index > 0 && entries[index - 1]!.dueAt > dueAt) index--;
      entries.splice(index, 0, entry);
      return entry;
    },
    cancel(handle) {
      const index = entries.indexOf(handle as Entry);
      if (index >= 0) entries.splice(index, 1);
    },
    run(now) {
      while (entries.length > 0 && entries[0]!.dueAt <= now) entries.shift()!.apply();
    },
    clear() {
      entries = [];
    },
    get size() {
      return entries.length;
    },
  };
}
