/**
 * A per-client cap on attempts in flight (`maxConcurrency`): calls beyond it wait in
 * line, first come first served, instead of each opening its own socket to the same
 * host. A slot is held for one attempt (request and whole body) and given back during
 * retry waits, so a call backing off does not keep others out.
 *
 * The common case costs nothing extra: below the cap, `tryAcquire` takes a slot
 * synchronously (no promise). Only a call that must wait gets a promise, which settles
 * when a slot is handed to it, or rejects with the reason its caller gives up (signal
 * aborted, deadline passed).
 */

export interface Limiter {
  /** Takes a slot if one is free (the common case: no promise, no allocation). */
  tryAcquire(): boolean;
  /** Waits in line for a slot; rejects with what `giveUp` makes of an abort or a passed deadline. */
  waitForSlot(giveUp: WaitAbandonment): Promise<void>;
  /** Gives a slot back (to the next caller in line, if any). */
  release(): void;
}

/** How a waiting call stops waiting: a signal, a deadline, and the error each turns into. */
export interface WaitAbandonment {
  signal?: AbortSignal | undefined;
  onAbort: (reason: unknown) => unknown;
  /** Epoch milliseconds. */
  deadlineAt?: number | undefined;
  onDeadline: () => unknown;
}

interface Waiter {
  grant(): void;
  /** Set once the waiter gave up: a released slot skips it. */
  abandoned: boolean;
}

/** `max` may be `Infinity`: no cap, every call goes straight on. */
export function createLimiter(max: number): Limiter {
  let active = 0;
  // A queue as an array and a head index: `shift()` on a long line would copy it each time.
  let queue: Waiter[] = [];
  let head = 0;

  function release(): void {
    while (head < queue.length) {
      const next = queue[head++]!;
      if (next.abandoned) continue;
      compact();
      next.grant(); // the slot passes straight to the next caller: `active` is unchanged
      return;
    }
    compact();
    active--;
  }

  function compact(): void {
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  }

  function tryAcquire(): boolean {
    if (active >= max) return false;
    active++;
    return true;
  }

  function waitForSlot(giveUp: WaitAbandonment): Promise<void> {
    if (tryAcquire()) return Promise.resolve();
    const { signal, deadlineAt } = giveUp;
    if (signal?.aborted) return Promise.reject(giveUp.onAbort(signal.reason));
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cleanup = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const waiter: Waiter = {
        abandoned: false,
        grant: () => {
          cleanup();
          resolve();
        },
      };
      const abandon = (error: unknown) => {
        waiter.abandoned = true;
        cleanup();
        reject(error);
      };
      const onAbort = () => abandon(giveUp.onAbort(signal?.reason));
      signal?.addEventListener("abort", onAbort, { once: true });
      if (deadlineAt !== undefined) timer = setTimeout(() => abandon(giveUp.onDeadline()), Math.max(0, deadlineAt - Date.now()));
      queue.push(waiter);
    });
  }

  return { tryAcquire, waitForSlot, release };
}
