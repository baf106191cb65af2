/** The ways a `revert` is refused or fails (besides `InvalidParameterError` for bad input and a read's own `ApiError`). */
import { CloudDiskError, type Provider } from "../core/common/errors.ts";

/** A step of a rollback, in the order they run: stop, detach (Huawei), roll back, wait, re-attach (Huawei), start. */
export type RevertStepName = "stop-instance" | "detach-volume" | "rollback" | "wait-volume" | "attach-volume" | "start-instance";

export interface PreconditionDetails {
  provider: Provider;
  snapshotId: string;
  volumeId: string;
  instanceId?: string | undefined;
  /** The statuses read before deciding, as the provider spells them (`snapshot`, `volume`, `instance`). */
  observed: { snapshot?: string | undefined; volume?: string | undefined; instance?: string | undefined };
}

/**
 * The provider would refuse the rollback now (the snapshot not ready, the volume attached to a running machine,
 * the volume gone...): nothing was sent. The message says what to do.
 */
export class PreconditionError extends CloudDiskError {
  override name = "PreconditionError";
  readonly snapshotId: string;
  readonly volumeId: string;
  readonly instanceId: string | undefined;
  readonly observed: PreconditionDetails["observed"];
  constructor(message: string, details: PreconditionDetails) {
    super(message, { provider: details.provider });
    this.snapshotId = details.snapshotId;
    this.volumeId = details.volumeId;
    this.instanceId = details.instanceId;
    this.observed = details.observed;
  }
}

/** What became of one step done before the failure, when the revert tried to undo it (start again, re-attach). */
export interface RevertUndo {
  /** The step undone (`stop-instance`: the instance was started again; `detach-volume`: the volume re-attached). */
  step: RevertStepName;
  status: "undone" | "failed";
  error?: unknown;
}

export interface RevertFailedDetails {
  provider: Provider;
  snapshotId: string;
  volumeId: string;
  instanceId?: string | undefined;
  step: RevertStepName;
  cause: unknown;
  undo: RevertUndo[];
}

/**
 * A step of the rollback failed (or the caller aborted it) after something was sent: `step` is the one that failed,
 * `cause` its error, `undo` what the revert did about the steps already done, in the order it undid them. A step
 * whose undo `failed` left the machine as that step made it (stopped, the volume detached).
 */
export class RevertFailedError extends CloudDiskError {
  override name = "RevertFailedError";
  readonly snapshotId: string;
  readonly volumeId: string;
  readonly instanceId: string | undefined;
  readonly step: RevertStepName;
  readonly undo: RevertUndo[];
  constructor(details: RevertFailedDetails) {
    const failed = details.undo.filter((u) => u.status === "failed").map((u) => u.step);
    const left = failed.length ? `; could not undo ${failed.join(", ")}` : details.undo.length ? "; undone" : "";
    const reason = details.cause instanceof Error ? `: ${details.cause.message}` : "";
    super(`revert of ${details.volumeId} to ${details.snapshotId} failed at ${details.step}${reason}${left}`, {
      provider: details.provider,
      cause: details.cause,
    });
    this.snapshotId = details.snapshotId;
    this.volumeId = details.volumeId;
    this.instanceId = details.instanceId;
    this.step = details.step;
    this.undo = details.undo;
  }
}
