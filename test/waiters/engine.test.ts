/**
 * The waiter engine (src/waiters/engine.ts) against a fake client and a fake clock (the `sleep`/`now`
 * seam): backoff bounds and jitter, the deadline, abort mid-sleep and mid-poll, failure at once with the
 * last body, errors rethrown or followed by an acceptor, progress events and option errors.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { AbortedError, createApiError, DeadlineExceededError, InvalidParameterError } from "../../src/core/common/errors.ts";
import { backoff, select, WAITER_TABLES, waitUntil, waitWith, type WaitOptions } from "../../src/waiters/engine.ts";
import { WaitFailedError, WaitTimeoutError } from "../../src/waiters/errors.ts";
import type { WaiterTable } from "../../src/waiters/waiter-spec.ts";
import { listSpecs } from "../../scripts/lib/spec-reader.ts";

const table = {
  provider: "huawei",
  service: "things",
  operations: ["ShowThing"],
  waiters: {
    ThingReady: {
      operation: "ShowThing",
      minDelayMs: 1000,
      maxDelayMs: 8000,
      progress: "thing.progress",
      acceptors: [
        { state: "success", matcher: { path: "thing.status", comparator: "stringEquals", expected: "ready" } },
        { state: "failure", matcher: { path: "thing.status", comparator: "stringEquals", expected: ["error", "error_making"] } },
      ],
    },
    ThingGone: {
      operation: "ShowThing",
      minDelayMs: 1000,
      maxDelayMs: 8000,
      acceptors: [
        { state: "success", matcher: { errorCategory: "not-found" } },
        { state: "retry", matcher: { errorCategory: "throttled" } },
        { state: "failure", matcher: { path: "thing.status", comparator: "stringEquals", expected: "error_deleting" } },
      ],
    },
    AllReady: {
      operation: "ShowThing",
      minDelayMs: 1000,
      maxDelayMs: 1000,
      acceptors: [
        { state: "failure", matcher: { path: "things[].status", comparator: "anyStringEquals", expected: "failed" } },
        { state: "success", matcher: { path: "things[].usable", comparator: "booleanEquals", expected: true } },
      ],
    },
    AllDone: {
      operation: "ShowThing",
      minDelayMs: 1000,
      maxDelayMs: 1000,
      acceptors: [{ state: "success", matcher: { path: "things[].status", comparator: "allStringEquals", expected: "done" } }],
    },
    NoneLeft: {
      operation: "ShowThing",
      minDelayMs: 1000,
      maxDelayMs: 1000,
      acceptors: [{ state: "success", matcher: { path: "things[]", comparator: "countEquals", expected: 0 } }],
    },
  },
} as const satisfies WaiterTable;

type Answer = Record<string, unknown> | Error;
const thing = (status: string, progress?: string) => ({ thing: { status, ...(progress ? { progress } : {}) } });
const notFound = () =>
  createApiError({
    provider: "huawei",
    operation: "ShowThing",
    status: 404,
    code: "EVS.9999",
    message: "gone",
    requestId: undefined,
    category: "not-found",
    body: {},
  });

/** A client whose `showThing` answers the given bodies (or throws the given errors) in turn, the last one forever. */
function fakeClient(answers: Answer[]) {
  const calls: Array<{ params: unknown; options: Record<string, unknown> }> = [];
  return {
    calls,
    operations: { ShowThing: {} },
    showThing: async (params: unknown, options: Record<string, unknown>) => {
      calls.push({ params, options });
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

/** A clock that moves only when the engine sleeps. */
function fakeTime() {
  const time = { now: 0, sleeps: [] as number[] };
  return {
    time,
    seam: {
      now: () => time.now,
      sleep: async (ms: number) => {
        time.sleeps.push(ms);
        time.now += ms;
      },
    },
  };
}

const wait = (client: ReturnType<typeof fakeClient>, name: keyof typeof table.waiters, options: Partial<WaitOptions>) =>
  waitWith([table], client, name, { id: "t-1" }, { maxWaitMs: 60_000, ...options } as WaitOptions);

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the wait to fail");
    },
    (error: unknown) => error,
  );

afterEach(() => vi.restoreAllMocks());

describe("backoff and jitter", () => {
  it("is uniform between minDelay and min(maxDelay, minDelay × 2^(attempt-1))", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect([1, 2, 3, 4, 10].map((attempt) => backoff(attempt, 1000, 8000))).toEqual([1000, 1000, 1000, 1000, 1000]);
    vi.spyOn(Math, "random").mockReturnValue(1);
    expect([1, 2, 3, 4, 10, 2000].map((attempt) => backoff(attempt, 1000, 8000))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it("draws jittered delays over the whole range, never outside it", () => {
    const draws = Array.from({ length: 2000 }, () => backoff(4, 1000, 30_000));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...draws)).toBeLessThanOrEqual(8000);
    // Jitter: not one fixed value; both halves of the range are used.
    expect(draws.some((d) => d < 4500)).toBe(true);
    expect(draws.some((d) => d > 4500)).toBe(true);
  });

  it("the engine's sleeps follow the backoff, attempt after attempt", async () => {
    const { time, seam } = fakeTime();
    vi.spyOn(Math, "random").mockReturnValue(1);
    const client = fakeClient([thing("making"), thing("making"), thing("making"), thing("making"), thing("making"), thing("ready")]);
    await expect(wait(client, "ThingReady", seam)).resolves.toEqual(thing("ready"));
    expect(time.sleeps).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(client.calls).toHaveLength(6);
  });
});

describe("outcomes", () => {
  it("success resolves with the last body; the params go to every poll with the time left as the call's deadline", async () => {
    const { seam } = fakeTime();
    const client = fakeClient([thing("making"), thing("ready")]);
    await expect(wait(client, "ThingReady", seam)).resolves.toEqual(thing("ready"));
    expect(client.calls.map((call) => call.params)).toEqual([{ id: "t-1" }, { id: "t-1" }]);
    expect(client.calls[0]!.options.deadlineMs).toBe(60_000);
    expect(client.calls[1]!.options.deadlineMs).toBeLessThan(60_000);
  });

  it("a failure state rejects at once with WaitFailedError carrying the last body", async () => {
    const { time, seam } = fakeTime();
    const client = fakeClient([thing("making"), thing("error_making")]);
    const error = (await rejection(wait(client, "ThingReady", seam))) as WaitFailedError;
    expect(error).toBeInstanceOf(WaitFailedError);
    expect(error).toMatchObject({
      name: "WaitFailedError",
      waiter: "ThingReady",
      attempts: 2,
      lastObserved: thing("error_making"),
      provider: "huawei",
      operation: "ShowThing",
    });
    expect(error.elapsedMs).toBe(time.sleeps[0]);
    expect(time.sleeps).toHaveLength(1);
  });

  it("an error no acceptor matches is rethrown as it is", async () => {
    const { seam } = fakeTime();
    const gone = notFound();
    const client = fakeClient([thing("making"), gone]);
    expect(await rejection(wait(client, "ThingReady", seam))).toBe(gone);
  });

  it("an error an acceptor matches follows it: not-found ends a delete well, throttled retries", async () => {
    const { seam } = fakeTime();
    const throttled = createApiError({
      provider: "huawei",
      operation: "ShowThing",
      status: 429,
      code: undefined,
      message: "slow down",
      requestId: undefined,
      category: "throttled",
      body: {},
    });
    const client = fakeClient([thing("deleting"), throttled, notFound()]);
    await expect(wait(client, "ThingGone", seam)).resolves.toEqual(thing("deleting"));
    expect(client.calls).toHaveLength(3);
    // Gone before the first poll: nothing was seen.
    await expect(wait(fakeClient([notFound()]), "ThingGone", seam)).resolves.toBeUndefined();
  });

  it("a failure acceptor on a matched error carries the error as its cause", async () => {
    const { seam } = fakeTime();
    const client = fakeClient([thing("error_deleting")]);
    const error = (await rejection(wait(client, "ThingGone", seam))) as WaitFailedError;
    expect(error).toBeInstanceOf(WaitFailedError);
    expect(error.lastObserved).toEqual(thing("error_deleting"));
  });

  it("list paths: any failed fails, every usable succeeds, an empty list is not 'every'", async () => {
    const { seam } = fakeTime();
    const ok = {
      things: [
        { status: "making", usable: true },
        { status: "done", usable: true },
      ],
    };
    const some = {
      things: [
        { status: "making", usable: false },
        { status: "done", usable: true },
      ],
    };
    await expect(wait(fakeClient([{ things: [] }, some, ok]), "AllReady", seam)).resolves.toEqual(ok);
    const failed = { things: [{ status: "failed", usable: true }] };
    await expect(rejection(wait(fakeClient([some, failed]), "AllReady", seam))).resolves.toBeInstanceOf(WaitFailedError);
    const done = { things: [{ status: "done" }] };
    const allDone = fakeClient([{ things: [] }, { things: [{ status: "done" }, { status: "making" }] }, done]);
    await expect(wait(allDone, "AllDone", seam)).resolves.toEqual(done);
    expect(allDone.calls).toHaveLength(3);
    await expect(wait(fakeClient([ok, { things: [] }]), "NoneLeft", seam)).resolves.toEqual({ things: [] });
    await expect(wait(fakeClient([ok, {}]), "NoneLeft", seam)).resolves.toEqual({});
  });

  it("select: dot paths, [] projections, keys with colons", () => {
    const body = { a: { "x:y": "1" }, l: { m: [{ s: "p" }, { s: "q" }, {}] } };
    expect(select(body, "a.x:y")).toBe("1");
    expect(select(body, "l.m[].s")).toEqual(["p", "q"]);
    expect(select(body, "l.m[]")).toHaveLength(3);
    expect(select(body, "a.missing")).toBeUndefined();
    expect(select(body, "nothing[].s")).toEqual([]);
  });
});

describe("the deadline", () => {
  it("times out with WaitTimeoutError, never sleeping past maxWaitMs, the last poll at least minDelay before it", async () => {
    for (let run = 0; run < 50; run++) {
      const { time, seam } = fakeTime();
      const client = fakeClient([thing("making", "10%")]);
      const error = (await rejection(wait(client, "ThingReady", { ...seam, maxWaitMs: 20_000 }))) as WaitTimeoutError;
      expect(error).toBeInstanceOf(WaitTimeoutError);
      expect(error).toMatchObject({ maxWaitMs: 20_000, attempts: client.calls.length, lastObserved: thing("making", "10%") });
      expect(time.now).toBeLessThanOrEqual(20_000);
      // The last poll went out with minDelayMs (1000) left, and the wait ended there.
      expect(time.now).toBeGreaterThanOrEqual(20_000 - 1000);
      expect(error.elapsedMs).toBe(time.now);
      for (const ms of time.sleeps) expect(ms).toBeGreaterThanOrEqual(0);
    }
  });

  it("a poll cut short by the wait's deadline is a timeout, not the call's DeadlineExceededError", async () => {
    const time = { now: 0 };
    const client = {
      operations: { ShowThing: {} },
      showThing: async () => {
        time.now = 5000;
        throw new DeadlineExceededError(5000, 1);
      },
    };
    const error = await rejection(
      waitWith([table], client, "ThingReady", {}, { maxWaitMs: 5000, now: () => time.now, sleep: async () => {} }),
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).cause).toBeInstanceOf(DeadlineExceededError);
  });
});

describe("abort", () => {
  it("mid-sleep: rejects with AbortedError at once, though the sleep never ends", async () => {
    const controller = new AbortController();
    const client = fakeClient([thing("making")]);
    const sleeping = vi.fn(() => new Promise<void>(() => {}));
    const waiting = wait(client, "ThingReady", { signal: controller.signal, sleep: sleeping });
    await vi.waitFor(() => expect(sleeping).toHaveBeenCalled());
    controller.abort(new Error("user cancelled"));
    const error = await rejection(waiting);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toEqual(new Error("user cancelled"));
    expect(client.calls).toHaveLength(1);
    expect(client.calls[0]!.options.signal).toBe(controller.signal);
  });

  it("mid-poll, and before the first poll", async () => {
    const controller = new AbortController();
    const client = { operations: { ShowThing: {} }, showThing: () => new Promise(() => {}) };
    const waiting = waitWith([table], client, "ThingReady", {}, { maxWaitMs: 60_000, signal: controller.signal });
    controller.abort();
    await expect(rejection(waiting)).resolves.toBeInstanceOf(AbortedError);
    const never = fakeClient([thing("ready")]);
    await expect(rejection(wait(never, "ThingReady", { signal: AbortSignal.abort() }))).resolves.toBeInstanceOf(AbortedError);
    expect(never.calls).toHaveLength(0);
  });
});

describe("onProgress", () => {
  it("reports each poll that leaves the wait going, with the progress as a number", async () => {
    const { seam } = fakeTime();
    const events: unknown[] = [];
    const client = fakeClient([thing("making", "0%"), thing("making", "40%"), thing("making"), thing("ready", "100%")]);
    await wait(client, "ThingReady", { ...seam, onProgress: (event) => events.push(event) });
    expect(events).toEqual([
      { attempt: 1, elapsedMs: 0, state: "retry", observed: thing("making", "0%"), progress: 0 },
      { attempt: 2, elapsedMs: expect.any(Number), state: "retry", observed: thing("making", "40%"), progress: 40 },
      { attempt: 3, elapsedMs: expect.any(Number), state: "retry", observed: thing("making") },
    ]);
  });
});

describe("bad input", () => {
  const client = fakeClient([thing("ready")]);
  const refused = async (run: () => Promise<unknown>, field: string, message: RegExp) => {
    const error = (await rejection(run())) as InvalidParameterError;
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  };
  it.each([
    ["no maxWaitMs", {}, "options.maxWaitMs", /is required/],
    ["a negative maxWaitMs", { maxWaitMs: -1 }, "options.maxWaitMs", /milliseconds/],
    [
      "minDelayMs above maxDelayMs",
      { maxWaitMs: 1000, minDelayMs: 5000, maxDelayMs: 2000 },
      "options.minDelayMs",
      /must not exceed maxDelayMs/,
    ],
    ["a zero minDelayMs", { maxWaitMs: 1000, minDelayMs: 0 }, "options.minDelayMs", /milliseconds/],
    ["a signal that is not one", { maxWaitMs: 1000, signal: "stop" }, "options.signal", /AbortSignal/],
    ["onProgress that is not a function", { maxWaitMs: 1000, onProgress: 1 }, "options.onProgress", /function/],
    ["an unknown option", { maxWaitMs: 1000, maxwaitms: 5 }, "options.maxwaitms", /did you mean 'maxWaitMs'/],
  ])("%s", async (_, options, field, message) => {
    await refused(() => waitWith([table], client, "ThingReady", {}, options as WaitOptions), field, message);
    expect(client.calls).toHaveLength(0);
  });
  it("no options, an unknown waiter, a client of no service with waiters", async () => {
    await refused(() => waitWith([table], client, "ThingReady", {}, undefined as unknown as WaitOptions), "options", /must be an object/);
    await refused(
      () => waitWith([table], client, "ThingDone", {}, { maxWaitMs: 1 }),
      "waiterName",
      /must be one of ThingReady, ThingGone, AllReady, AllDone, NoneLeft/,
    );
    await refused(() => waitWith([table], { operations: { Other: {} } }, "ThingReady", {}, { maxWaitMs: 1 }), "client", /waiters/);
  });
});

describe("the generated tables", () => {
  it("each service's client matches exactly its own table (by the operations its waiters poll)", async () => {
    const matched: Record<string, string[]> = {};
    for (const entry of await listSpecs()) {
      const { operationTable } = (await import(entry.output!.replace(/\.ts$/, ".operations.ts"))) as { operationTable: object };
      matched[entry.name] = WAITER_TABLES.filter((t) => t.operations.every((op) => Object.hasOwn(operationTable, op))).map(
        (t) => `${t.provider}-${t.service}`,
      );
    }
    expect(matched).toEqual({
      "huawei-evs": ["huawei-evs"],
      "huawei-ims": [],
      "huawei-vbs": [],
      "alibaba-ecs": ["alibaba-ecs"],
      ucloudstack: ["ucloudstack-ucloudstack"],
      "huawei-ecs": ["huawei-ecs"],
    });
  });

  it("waitUntil finds the table from the client: Huawei ECS's JobFinished polls ECS's ShowJob, not EVS's", async () => {
    const polled: string[] = [];
    const ecsLike = {
      operations: { ShowServer: {}, ShowJob: {} },
      showServer: async () => ({}),
      showJob: async () => {
        polled.push("ecs ShowJob");
        return { status: "SUCCESS" };
      },
    };
    await expect(waitUntil(ecsLike, "JobFinished", undefined, { maxWaitMs: 1000 })).resolves.toEqual({ status: "SUCCESS" });
    expect(polled).toEqual(["ecs ShowJob"]);
  });
});
