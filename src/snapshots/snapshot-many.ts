/**
 * `snapshotMany(volumeIds, options)`: a snapshot of every volume, each waited for until ready (or completed, or
 * not at all), through the batch runner (batch.ts: `concurrency` items at once, every call under
 * `ratePerSecond`, throttling absorbed, cancellation). One result per input volume, in input order:
 * `{ volumeId, status: "fulfilled", snapshot }` or `{ volumeId, status: "rejected", error, snapshot? }`, where
 * `snapshot` is the one created when only its wait failed (timed out, failed, aborted): it exists, and the
 * caller must know it does. Nothing is created twice: a call is sent again only when the provider refused it
 * for throttling, and Alibaba's create carries its client token (`x-client-token`) through the client's own retries.
 */
import { InvalidParameterError } from "../core/common/errors.ts";
import type { Rule } from "../core/common/option-rules.ts";
import { WAIT_OPTION_RULES } from "../waiters/engine.ts";
import type { BatchOptions, BatchProgress } from "./batch.ts";
import { batchLane, checkBatchOptions, laneClient, runBatch } from "./batch.ts";
import type { Snapshot } from "./model.ts";

export type SnapshotManyResult<Record = unknown> =
  | { volumeId: string; status: "fulfilled"; snapshot: Snapshot<Record> }
  | { volumeId: string; status: "rejected"; error: unknown; snapshot?: Snapshot<Record> };

export interface SnapshotManyOptions<Raw = unknown, CreateExtra = object> extends BatchOptions {
  /** What each item waits for once created: `"ready"` (default; Alibaba: usable), `"completed"`, or `"none"`. */
  waitFor?: "ready" | "completed" | "none";
  /** How long each snapshot's wait may take, from its creation. Default 3,600,000 (an hour). */
  maxWaitMs?: number;
  /** The shortest and longest delay between two polls of one snapshot (default: the spec waiter's). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Each snapshot's name: one text, or one per volume (UCloudStack, which requires one, gets a dated default). */
  name?: string | ((volumeId: string, index: number) => string);
  description?: string;
  /** Huawei: metadata; Alibaba: tags; UCloudStack: refused (its CreateSnapshot takes none). */
  tags?: Readonly<Record<string, string>>;
  /** The provider create call's own parameters, for every snapshot. */
  provider?: CreateExtra;
  onProgress?: (event: BatchProgress<SnapshotManyResult<Raw>>) => void;
  /** For tests: the waits' delay and clock (as `waitUntil` takes them). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const DEFAULT_BATCH_MAX_WAIT_MS = 3_600_000;

/** What snapshotMany needs of the manager: its create and waits, over the client it is given. */
export interface SnapshotSteps {
  create(
    input: { volumeId: string; name?: string; description?: string; tags?: Readonly<Record<string, string>> },
    options: object,
  ): Promise<Snapshot>;
  waitUntilReady(id: string, options: object): Promise<Snapshot>;
  waitUntilCompleted(id: string, options: object): Promise<Snapshot>;
}

const MANY_RULES: Record<string, Rule> = {
  waitFor: (value) =>
    value === "ready" || value === "completed" || value === "none" ? undefined : 'must be "ready", "completed" or "none"',
  name: (value) => (typeof value === "string" || typeof value === "function" ? undefined : "must be a string or a function"),
  description: (value) => (typeof value === "string" ? undefined : "must be a string"),
  tags: () => undefined,
  provider: (value) => (value !== null && typeof value === "object" ? undefined : "must be an object of the create call's parameters"),
  maxWaitMs: WAIT_OPTION_RULES.maxWaitMs,
  minDelayMs: WAIT_OPTION_RULES.minDelayMs,
  maxDelayMs: WAIT_OPTION_RULES.maxDelayMs,
  sleep: WAIT_OPTION_RULES.sleep,
  now: WAIT_OPTION_RULES.now,
};

export async function snapshotMany<Client extends object>(
  client: Client,
  stepsOver: (client: Client) => SnapshotSteps,
  volumeIds: readonly string[],
  options: SnapshotManyOptions = {},
): Promise<SnapshotManyResult[]> {
  if (!Array.isArray(volumeIds)) throw new InvalidParameterError("volumeIds", "must be an array of volume IDs");
  volumeIds.forEach((id, index) => {
    if (typeof id !== "string" || !id) throw new InvalidParameterError(`volumeIds[${index}]`, "must be a non-empty string");
  });
  checkBatchOptions(options, MANY_RULES);
  const {
    waitFor = "ready",
    maxWaitMs = DEFAULT_BATCH_MAX_WAIT_MS,
    minDelayMs,
    maxDelayMs,
    name,
    description,
    tags,
    provider,
    sleep,
    now,
    signal,
  } = options;
  const lane = batchLane(options);
  const steps = stepsOver(laneClient(client, lane));
  const waitOptions = {
    maxWaitMs,
    ...(minDelayMs === undefined ? {} : { minDelayMs }),
    ...(maxDelayMs === undefined ? {} : { maxDelayMs }),
    ...(signal ? { signal } : {}),
    ...(sleep ? { sleep } : {}),
    ...(now ? { now } : {}),
  };
  const callOptions = { ...(signal ? { signal } : {}), ...(provider ? { provider } : {}) };

  type Outcome = { snapshot: Snapshot; waitError?: unknown };
  const work = async (volumeId: string, index: number): Promise<Outcome> => {
    const label = typeof name === "function" ? name(volumeId, index) : name;
    const snapshot = await steps.create(
      {
        volumeId,
        ...(label === undefined ? {} : { name: label }),
        ...(description === undefined ? {} : { description }),
        ...(tags ? { tags } : {}),
      },
      callOptions,
    );
    if (waitFor === "none") return { snapshot };
    // The create's answer (Alibaba and UCloudStack read the snapshot back) may already say so: no poll needed.
    if (waitFor === "ready" ? snapshot.readyToUse : snapshot.status === "available") return { snapshot };
    try {
      const waited =
        waitFor === "ready" ? steps.waitUntilReady(snapshot.id, waitOptions) : steps.waitUntilCompleted(snapshot.id, waitOptions);
      return { snapshot: await waited };
    } catch (waitError) {
      return { snapshot, waitError };
    }
  };
  return runBatch(
    volumeIds,
    work,
    (volumeId, outcome): SnapshotManyResult => {
      if (outcome.status === "rejected") return { volumeId, status: "rejected", error: outcome.error };
      const { snapshot, waitError } = outcome.value;
      return waitError === undefined
        ? { volumeId, status: "fulfilled", snapshot }
        : { volumeId, status: "rejected", error: waitError, snapshot };
    },
    options,
    lane,
  );
}
