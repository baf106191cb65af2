/**
 * What every provider emulator does with time: before each request (and `state()`) it runs
 * the transitions the clock has reached; a handler schedules what happens when a transition
 * of a realistic duration is over (scaled by the timing profile); `reset()` drops what is
 * pending. One place, so the three emulators cannot drift apart on it.
 */
import type { Timeline } from "./clock.ts";
import { createSchedule } from "./schedule.ts";

export interface Timekeeper {
  /** Runs every transition due by the clock; returns the clock's time. */
  settle(): number;
  /** Runs `apply(at)` once a transition that realistically takes `realisticMs`, starting now, is over. */
  later(realisticMs: number, apply: (at: number) => void): void;
  /** Drops the pending transitions. */
  clear(): void;
  /** The clock's time, without settling. */
  now(): number;
}

export function createTimekeeper(timeline: Timeline): Timekeeper {
  const schedule = createSchedule();
  return {
    settle() {
      const now = timeline.clock.now();
      schedule.run(now);
      return now;
    },
    later(realisticMs, apply) {
      const at = timeline.dueAt(realisticMs);
      schedule.at(at, () => apply(at));
    },
    clear: () => schedule.clear(),
    now: () => timeline.clock.now(),
  };
}
