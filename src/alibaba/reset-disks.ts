/**
 * `ResetDisks` can partly fail inside an HTTP 200: each disk's outcome is an entry
 * of `OperationProgressSet.OperationProgress` (Alibaba's ResetDisks page,
 * https://help.aliyun.com/zh/ecs/developer-reference/api-ecs-2014-05-26-resetdisks). This
 * reads those entries into one typed list and picks out the failures.
 */
import type { components } from "../../generated/alibaba/ecs.ts";

/** The part of a ResetDisks result this module reads, as the spec types it (`ResetDisksResponse`). */
export type ResetDisksProgress = Pick<components["schemas"]["ResetDisksResponse"], "OperationProgressSet">;

export interface DiskResetOutcome {
  /** `Success`, or the failure status the service reported. */
  status: string;
  ok: boolean;
  diskId: string | undefined;
  snapshotId: string | undefined;
  errorCode: string | undefined;
  errorMessage: string | undefined;
}

/** Every disk's outcome, in the order the service listed them. */
export function diskResetOutcomes(result: ResetDisksProgress): DiskResetOutcome[] {
  return (result.OperationProgressSet?.OperationProgress ?? []).map((entry) => {
    const related = entry.RelatedItemSet?.RelatedItem ?? [];
    const value = (name: string) => related.find((item) => item.Name === name)?.Value;
    const status = entry.OperationStatus ?? "Unknown";
    return {
      status,
      ok: status === "Success",
      diskId: value("DiskId"),
      snapshotId: value("SnapshotId"),
      errorCode: entry.ErrorCode || undefined,
      errorMessage: entry.ErrorMsg || undefined,
    };
  });
}

/** The disks that were not reset, with the service's code and message for each. */
export function failedDiskResets(result: ResetDisksProgress): DiskResetOutcome[] {
  return diskResetOutcomes(result).filter((outcome) => !outcome.ok);
}
