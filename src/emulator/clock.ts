/**
 * The emulator's clock: what moves resources through their status machines. A transition
 * has a realistic duration (the provider rules give it, in milliseconds); the timing
 * profile scales it: `instant` (every transition is over by the next request), `fast`
 * (a hundredth, so a waiter sees the intermediate states for a few milliseconds), or
 * `realistic`. A `ManualClock` moves only when the test says so (`advance`), so a test
 * can look at every intermediate state deterministically.
 *
 * Request signatures are checked against the wall clock, never this one: a client signs
 * with the real time, and a test that advances the emulator by an hour must not make its
 * requests look stale.
 */
import { InvalidParameterError } from "../core/common/errors.ts";

export type Timing = "instant" | "fast" | "realistic";

/** A source of time in epoch milliseconds. */
export interface EmulatorClock {
  now(): number;
}

/** The clock a test moves by hand. Starts at the wall-clock time it is made, unless told otherwise. */
export class ManualClock implements EmulatorClock {
  #now: number;
  constructor(start: number = Date.now()) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  /** Moves the clock forward; resources whose transitions are due settle on the next request or `state()`. */
  advance(ms: number): void {
    if (!(typeof ms === "number" && Number.isFinite(ms) && ms >= 0))
      throw new InvalidParameterError("ms", "must be a finite number of milliseconds ≥ 0");
    this.#now += ms;
  }
}

const SCALE: Record<Timing, number> = { instant: 0, fast: 0.01, realistic: 1 };

/** How the emulator reads time: a clock, and the factor a transition's realistic duration is scaled by. */
export interface Timeline {
  clock: EmulatorClock;
  /** When a transition that realistically takes `realisticMs` and starts now is over. */
  dueAt(realisticMs: number): number;
}

export function timeline(timing: Timing | EmulatorClock): Timeline {
  if (typeof timing === "string") {
    const scale = SCALE[timing];
    const clock: EmulatorClock = { now: () => Date.now() };
    return { clock, dueAt: (ms) => clock.now() + Math.round(ms * scale) };
  }
  // A caller's clock moves as the caller says: durations are realistic, the caller decides how fast time passes.
  return { clock: timing, dueAt: (ms) => timing.now() + ms };
}
