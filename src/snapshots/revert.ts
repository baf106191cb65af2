/**
 * Safe rollback: `inspectRevert` reads a snapshot, its volume and the volume's instance (nothing is judged, nothing
 * sent); `revertOnInstance` judges each target against its provider's preconditions (a refused one is a
 * `PreconditionError`, nothing sent for it), then, for the targets of one instance: stops the instance once (when
 * asked to and it runs), detaches (Huawei), rolls every target back (Alibaba: one `ResetDisks` for several disks),
 * waits for each volume, re-attaches at the same device and starts the instance again. A step that fails fails
 * its targets (`RevertFailedError`) and what was done for them is undone in reverse (re-attach, start); the other
 * targets go on. One settled outcome per target, in input order. `revert` = `inspectRevert` + one target.
 *
 * Waits are the specs' waiters, each within `maxWaitMs` (default 15 minutes per wait). The caller's signal ends the
 * forward steps (stop, detach, rollback, the volume's wait); the restoring steps (re-attach, start), whether part of
 * the plan or undoing it, run without it, so that an abort never leaves a machine stopped.
 */
import { AbortedError, InvalidParameterError, type Provider } from "../core/common/errors.ts";
import { optionsProblem, type Rule } from "../core/common/option-rules.ts";
import type { CallOptions } from "../core/operations/operation-types.ts";
import { WAIT_OPTION_RULES, WAITER_TABLES, type WaitableClient, type WaitOptions, waitWith } from "../waiters/engine.ts";
import type { Adapter } from "./adapter.ts";
import { PreconditionError, RevertFailedError, type RevertStepName, type RevertUndo } from "./errors.ts";
import type { Snapshot, Volume } from "./model.ts";
import { huaweiRevert } from "./revert-huawei.ts";
import { alibabaRevert } from "./revert-alibaba.ts";
import { ucloudstackRevert } from "./revert-ucloudstack.ts";

/** How long each wait of a revert may take unless `maxWaitMs` says otherwise: 15 minutes. */
export const DEFAULT_REVERT_WAIT_MS = 15 * 60_000;

export interface RevertInput {
  snapshotId: string;
  /** The volume to roll back; only the snapshot's own volume can be (every provider's rule): default that one. */
  volumeId?: string | undefined;
  /** Stop the instance (Huawei: and detach the volume) when the provider needs it, and restore it afterwards. */
  stopInstance?: boolean | undefined;
}

export interface RevertProgress {
  step: RevertStepName;
  status: "started" | "done" | "failed";
  snapshotId?: string;
  volumeId?: string;
  instanceId?: string;
}

export interface RevertOptions extends Omit<WaitOptions, "onProgress" | "maxWaitMs"> {
  /** Per wait (stopped, detached, rolled back, attached, running); default `DEFAULT_REVERT_WAIT_MS`, 15 minutes. */
  maxWaitMs?: number;
  onProgress?: (event: RevertProgress) => void;
}

/** One step done: which, and on what. */
export interface RevertStep {
  step: RevertStepName;
  volumeId?: string;
  instanceId?: string;
  /** Huawei detach and re-attach: the device the volume had (and has again). */
  device?: string;
}

export interface RevertResult<Record = unknown, VolumeRecord = unknown> {
  /** The snapshot as read before the rollback. */
  snapshot: Snapshot<Record>;
  /** The volume after the rollback (and the re-attach); `raw`: the provider's volume / disk record. */
  volume: Volume<VolumeRecord>;
  /** What was done, in order. */
  steps: RevertStep[];
}

export interface RevertInstance {
  id: string;
  /** Running (Huawei `ACTIVE`, Alibaba and UCloudStack `Running`): the orchestration stops and restarts it. */
  running: boolean;
  /** As the provider spells it; `undefined` when it was not read (Huawei without a `compute` client). */
  status: string | undefined;
}

/** What `inspectRevert` read. */
export interface Inspected {
  snapshot: Snapshot;
  volume: Volume;
  instance?: RevertInstance | undefined;
}

export interface RevertContext {
  provider: Provider;
  client: unknown;
  /** Huawei: the ECS client (stop, start, detach, attach). */
  compute?: unknown;
  adapter: Adapter;
}

export type RevertOutcome<Record = unknown> = { status: "fulfilled"; value: RevertResult<Record> } | { status: "rejected"; error: unknown };

/** What the engine needs of a provider. */
export interface RevertDriver {
  volume(ctx: RevertContext, id: string, call: CallOptions): Promise<Volume | undefined>;
  instance(ctx: RevertContext, volume: Volume, call: CallOptions): Promise<RevertInstance | undefined>;
  /** The plan for a target, or what blocks it (the message of the `PreconditionError`). */
  judge(target: Inspected, stopInstance: boolean): Plan | string;
  /** The snapshot's and the volume's status as the provider spells them. */
  spell(target: Inspected): { snapshot: string | undefined; volume: string | undefined };
  /** The instance now: running (and not changing), stopped (and not changing), or neither. */
  state(ctx: RevertContext, instanceId: string, call: CallOptions): Promise<RevertInstance & { stopped: boolean }>;
  stop(ctx: RevertContext, instanceId: string, w: Waits): Promise<void>;
  /** Waits until a stop under way is over. */
  untilStopped(ctx: RevertContext, instanceId: string, w: Waits): Promise<void>;
  start(ctx: RevertContext, instanceId: string, w: Waits): Promise<void>;
  /** Huawei: the device the volume is attached at. */
  device?(target: Inspected): string;
  detach?(ctx: RevertContext, target: Inspected, w: Waits): Promise<void>;
  /** Re-attaches at `device` (Huawei). */
  attach?(ctx: RevertContext, target: Inspected, device: string, w: Waits): Promise<Volume>;
  /** Sends the rollbacks: one entry per target, `undefined` or the error of that target. */
  rollback(ctx: RevertContext, targets: Inspected[], call: CallOptions): Promise<unknown[]>;
  /** Waits until the volume is back (as it was before, or available when it was detached). */
  settle(ctx: RevertContext, target: Inspected, w: Waits, detached: boolean): Promise<Volume>;
}

export interface Plan {
  stop: boolean;
  detach: boolean;
}

export interface Waits {
  call: CallOptions;
  wait(client: unknown, waiter: string, params: object): Promise<unknown>;
}

const DRIVERS: Record<Provider, RevertDriver> = { huawei: huaweiRevert, alibaba: alibabaRevert, ucloudstack: ucloudstackRevert };

const OPTION_RULES: Record<keyof RevertOptions, Rule> = WAIT_OPTION_RULES;
const INPUT_KEYS = ["snapshotId", "volumeId", "stopInstance"];

/** Bad input: an `InvalidParameterError` naming the field, before anything is sent. */
export function checkRevert(ctx: RevertContext, input: unknown, options: unknown): asserts input is RevertInput {
  if (input === null || typeof input !== "object" || Array.isArray(input))
    throw new InvalidParameterError("input", "must be an object ({ snapshotId, volumeId?, stopInstance? })");
  for (const key of Object.keys(input))
    if (!INPUT_KEYS.includes(key)) throw new InvalidParameterError(key, `is not a revert input (${INPUT_KEYS.join(", ")})`);
  const { snapshotId, volumeId, stopInstance } = input as RevertInput;
  if (typeof snapshotId !== "string" || !snapshotId) throw new InvalidParameterError("snapshotId", "must be a non-empty string");
  if (volumeId !== undefined && (typeof volumeId !== "string" || !volumeId))
    throw new InvalidParameterError("volumeId", "must be a non-empty string");
  if (stopInstance !== undefined && typeof stopInstance !== "boolean") throw new InvalidParameterError("stopInstance", "must be a boolean");
  if (stopInstance && ctx.provider === "huawei" && ctx.compute === undefined)
    throw new InvalidParameterError(
      "compute",
      "is required for stopInstance: true on Huawei: createSnapshotManager({ provider: 'huawei', client: evs, compute: ecs }) with an ECS client from createEcsClient",
    );
  const problem = optionsProblem(options, OPTION_RULES);
  if (problem)
    throw typeof problem === "string"
      ? new InvalidParameterError("options", problem)
      : new InvalidParameterError(`options.${problem[0]}`, problem[1]);
}

/** Reads the snapshot, its volume and the volume's instance (a volume gone is a `PreconditionError`). */
export async function inspectRevert(
  ctx: RevertContext,
  snapshotId: string,
  options: { volumeId?: string | undefined; signal?: AbortSignal | undefined } = {},
): Promise<Inspected> {
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  const driver = DRIVERS[ctx.provider];
  const snapshot = ctx.adapter.normalise(await ctx.adapter.get(ctx.client, snapshotId, call));
  const refuse = (volumeId: string, message: string) =>
    new PreconditionError(message, { provider: ctx.provider, snapshotId, volumeId, observed: { snapshot: snapshot.status } });
  const volumeId = options.volumeId ?? snapshot.volumeId;
  if (volumeId !== snapshot.volumeId)
    throw refuse(
      volumeId,
      `snapshot ${snapshotId} was taken from volume ${snapshot.volumeId}, not ${volumeId}: a snapshot rolls back only to its own volume`,
    );
  const volume = await driver.volume(ctx, volumeId, call);
  if (!volume)
    throw refuse(volumeId, `volume ${volumeId} of snapshot ${snapshotId} no longer exists: create a volume from the snapshot instead`);
  const instance = await driver.instance(ctx, volume, call);
  return instance ? { snapshot, volume, instance } : { snapshot, volume };
}

interface Track {
  target: Inspected;
  plan: Plan;
  steps: RevertStep[];
  undo: RevertUndo[];
  failure?: { step: RevertStepName; cause: unknown };
  device?: string;
  volume: Volume;
}

/**
 * Rolls every target back; the targets that share an instance are expected together (one stop, one start).
 * Never rejects: one outcome per target, in input order.
 */
export async function revertOnInstance(
  ctx: RevertContext,
  targets: readonly Inspected[],
  options: RevertOptions & { stopInstance?: boolean | undefined },
): Promise<RevertOutcome[]> {
  const { stopInstance = false, onProgress, signal, maxWaitMs = DEFAULT_REVERT_WAIT_MS, minDelayMs, maxDelayMs, sleep, now } = options;
  const driver = DRIVERS[ctx.provider];
  const waits = (withSignal: boolean): Waits => {
    const engine: WaitOptions = { maxWaitMs };
    if (minDelayMs !== undefined) engine.minDelayMs = minDelayMs;
    if (maxDelayMs !== undefined) engine.maxDelayMs = maxDelayMs;
    if (sleep) engine.sleep = sleep;
    if (now) engine.now = now;
    if (withSignal && signal) engine.signal = signal;
    return {
      call: withSignal && signal ? { signal } : {},
      wait: (client, waiter, params) => waitWith(WAITER_TABLES, client as WaitableClient, waiter, params, engine),
    };
  };
  const forward = waits(true);
  const back = waits(false);

  const outcomes: RevertOutcome[] = [];
  const tracks: Track[] = [];
  for (const target of targets) {
    const plan = driver.judge(target, stopInstance);
    if (typeof plan === "string") {
      outcomes.push({
        status: "rejected",
        error: new PreconditionError(plan, {
          provider: ctx.provider,
          snapshotId: target.snapshot.id,
          volumeId: target.volume.id,
          instanceId: target.instance?.id,
          observed: { ...driver.spell(target), instance: target.instance?.status },
        }),
      });
      continue;
    }
    const track: Track = { target, plan, steps: [], undo: [], volume: target.volume };
    tracks.push(track);
    outcomes.push({ status: "fulfilled", value: undefined as never }); // filled in at the end
  }

  const live = () => tracks.filter((track) => !track.failure);
  const emit = (step: RevertStepName, status: RevertProgress["status"], where: Omit<RevertProgress, "step" | "status">) => {
    try {
      onProgress?.({ step, status, ...where });
    } catch {
      // A progress callback that throws does not stop a half-done rollback.
    }
  };
  const where = (track: Track | undefined, instanceId?: string) => ({
    ...(track ? { snapshotId: track.target.snapshot.id, volumeId: track.target.volume.id } : {}),
    ...(instanceId ? { instanceId } : {}),
  });
  const aborted = () => new AbortedError("the revert was aborted", { provider: ctx.provider, cause: signal?.reason });
  /** A forward step for these tracks: recorded on success, their failure otherwise. */
  const run = async (
    step: RevertStepName,
    who: Track[],
    shared: string | undefined,
    action: () => Promise<void>,
    device?: () => string,
  ) => {
    if (!who.length) return false;
    const one = shared === undefined ? who[0] : undefined;
    emit(step, "started", where(one, shared));
    try {
      if (signal?.aborted) throw aborted();
      await action();
    } catch (cause) {
      for (const track of who) track.failure = { step, cause };
      emit(step, "failed", where(one, shared));
      return false;
    }
    for (const track of who)
      track.steps.push({
        step,
        ...(shared ? { instanceId: shared } : { volumeId: track.target.volume.id }),
        ...(device ? { device: device() } : {}),
      });
    emit(step, "done", where(one, shared));
    return true;
  };
  /**
   * A restoring step: a forward step for the tracks still going, an undo for the failed ones. When only failed
   * tracks are left (`settle`), the action first reads where things are (a step that failed may have been done
   * or not, or be under way) and answers `false` when there is nothing to undo.
   */
  const restore = async (
    undoes: RevertStepName,
    step: RevertStepName,
    who: Track[],
    shared: string | undefined,
    action: (settle: boolean) => Promise<boolean>,
    device?: string,
  ) => {
    const going = who.filter((track) => !track.failure);
    const failed = who.filter((track) => track.failure);
    let error: unknown;
    let ok = true;
    let acted = true;
    emit(step, "started", where(shared === undefined ? who[0] : undefined, shared));
    try {
      acted = await action(going.length === 0);
    } catch (caught) {
      ok = false;
      error = caught;
    }
    if (acted)
      for (const track of failed) track.undo.push(ok ? { step: undoes, status: "undone" } : { step: undoes, status: "failed", error });
    for (const track of going)
      if (ok)
        track.steps.push({
          step,
          ...(shared ? { instanceId: shared } : { volumeId: track.target.volume.id }),
          ...(device ? { device } : {}),
        });
      else track.failure = { step, cause: error };
    const one = shared === undefined ? who[0] : undefined;
    emit(step, ok ? "done" : "failed", where(one, shared));
  };

  const instanceId = tracks.find((track) => track.plan.stop)?.target.instance?.id;
  if (instanceId) await run("stop-instance", live(), instanceId, () => driver.stop(ctx, instanceId, forward));
  // Every detach tried is restored: one that failed may have happened all the same (an abort mid-wait).
  const detached: Track[] = [];
  for (const track of live().filter((t) => t.plan.detach)) {
    track.device = driver.device!(track.target);
    detached.push(track);
    await run(
      "detach-volume",
      [track],
      undefined,
      () => driver.detach!(ctx, track.target, forward),
      () => track.device!,
    );
  }
  const rolling = live();
  if (rolling.length) {
    for (const track of rolling) emit("rollback", "started", where(track));
    let errors: unknown[];
    try {
      if (signal?.aborted) throw aborted();
      errors = await driver.rollback(
        ctx,
        rolling.map((track) => track.target),
        forward.call,
      );
    } catch (cause) {
      errors = rolling.map(() => cause);
    }
    rolling.forEach((track, index) => {
      const cause = errors[index];
      if (cause === undefined) {
        track.steps.push({ step: "rollback", volumeId: track.target.volume.id });
        emit("rollback", "done", where(track));
      } else {
        track.failure = { step: "rollback", cause };
        emit("rollback", "failed", where(track));
      }
    });
    for (const track of live())
      await run("wait-volume", [track], undefined, async () => {
        track.volume = await driver.settle(ctx, track.target, forward, detached.includes(track));
      });
  }
  // Restore, in reverse: re-attach each detached volume, then start the instance.
  for (const track of detached.reverse())
    await restore(
      "detach-volume",
      "attach-volume",
      [track],
      undefined,
      async (settle) => {
        if (settle) {
          const now = await driver.volume(ctx, track.target.volume.id, back.call);
          if (now?.status === "attached") return false;
          await driver.settle(ctx, track.target, back, true);
        }
        track.volume = await driver.attach!(ctx, track.target, track.device!, back);
        return true;
      },
      track.device,
    );
  if (instanceId)
    await restore("stop-instance", "start-instance", tracks, instanceId, async (settle) => {
      // A rollback sent but not waited for (an abort mid-wait) ends before the instance starts again.
      for (const track of tracks)
        if (
          !detached.includes(track) &&
          track.steps.some((s) => s.step === "rollback") &&
          !track.steps.some((s) => s.step === "wait-volume")
        )
          await driver.settle(ctx, track.target, back, false).catch(() => undefined);
      if (settle) {
        const now = await driver.state(ctx, instanceId, back.call);
        if (now.running) return false;
        if (!now.stopped) await driver.untilStopped(ctx, instanceId, back);
      }
      await driver.start(ctx, instanceId, back);
      return true;
    });

  let index = 0;
  return outcomes.map((outcome) => {
    if (outcome.status === "rejected") return outcome;
    const track = tracks[index++]!;
    const { target, failure, steps, undo, volume } = track;
    if (!failure) return { status: "fulfilled", value: { snapshot: target.snapshot, volume, steps } };
    return {
      status: "rejected",
      error: new RevertFailedError({
        provider: ctx.provider,
        snapshotId: target.snapshot.id,
        volumeId: target.volume.id,
        instanceId: target.instance?.id,
        step: failure.step,
        cause: failure.cause,
        undo,
      }),
    };
  });
}

/** `inspectRevert` + `revertOnInstance` for one target: the result, or its error. */
export async function revert(ctx: RevertContext, input: RevertInput, options: RevertOptions = {}): Promise<RevertResult> {
  checkRevert(ctx, input, options);
  const inspected = await inspectRevert(ctx, input.snapshotId, { volumeId: input.volumeId, signal: options.signal });
  const [outcome] = await revertOnInstance(ctx, [inspected], { ...options, stopInstance: input.stopInstance });
  if (outcome!.status === "rejected") throw outcome!.error;
  return outcome!.value;
}
